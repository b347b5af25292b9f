import { describe, expect, it } from 'vitest';
import { parsePythonStringList, parseWebfactionFault, WebfactionError } from './errors.js';

describe('WebFaction fault parsing', () => {
  it('reads the strings real servers sent (research realworld.md §1.2–1.3)', () => {
    expect(parseWebfactionFault("<class 'webfaction_api.exceptions.LoginError'>:")).toEqual({ exceptionClass: 'LoginError', messages: [], style: 'legacy' });
    expect(parseWebfactionFault("<class 'webfaction_api.exceptions.DataError'>:[u'Email with this Username and Subdomain already exists.']")).toEqual({
      exceptionClass: 'DataError',
      messages: ['Email with this Username and Subdomain already exists.'],
      style: 'legacy',
    });
    expect(parseWebfactionFault('LoginError')).toEqual({ exceptionClass: 'LoginError', messages: [], style: 'modern' });
    expect(parseWebfactionFault('Not allowed to login to machine "web55"')).toEqual({
      exceptionClass: 'LoginError',
      messages: ['Not allowed to login to machine "web55"'],
      style: 'bare',
    });
  });

  it('gives every fault a stable code', () => {
    const code = (s: string) => new WebfactionError('m', 1, s).code;
    expect(code('LoginError')).toBe('login_failed');
    expect(code('DataError: name: too long')).toBe('invalid_data');
    expect(code('<type \'exceptions.TypeError\'>:create_domain: missing required argument "domain"')).toBe('bad_arguments');
    expect(code("<type 'exceptions.IOError'>:[Errno 2] No such file or directory: 'x'")).toBe('io_error');
    expect(code('method "x" is not supported')).toBe('unsupported_method');
    expect(code('ls: x: No such file or directory')).toBe('fault');
    expect(new WebfactionError('m', undefined, 'connect ECONNREFUSED').code).toBe('transport_error');
  });

  it('exposes the first message as detail', () => {
    const e = new WebfactionError('create_db', 1, "<class 'webfaction_api.exceptions.DataError'>:[u'first', u\"it's second\"]");
    expect(e.messages).toEqual(['first', "it's second"]);
    expect(e.detail).toBe('first');
    expect(e.message).toBe("create_db: first; it's second");
  });

  it('refuses what is not a Python list of strings', () => {
    expect(parsePythonStringList('[1, 2]')).toBeUndefined();
    expect(parsePythonStringList("[u'unterminated]")).toBeUndefined();
    expect(parsePythonStringList("[u'a'] trailing")).toBeUndefined();
    expect(parsePythonStringList('[]')).toEqual([]);
    expect(parsePythonStringList("[u'\\u20ac\\x41\\\\']")).toEqual(['€A\\']);
  });
});
