import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePythonStringList, parseWebfactionFault } from '../../clients/webfaction/errors.js';
import { faults } from './faults.js';
import { pythonUnicodeRepr } from './python-repr.js';
import { WebfactionError } from './webfaction-error.js';

const { alreadyExists, ioError, unknownMethod: unknownMethodError } = faults;

describe('WebFaction fault strings', () => {
  it('legacy: the Python 2 dispatcher text, messages as a list repr (mezzanine-webf issue #8, pywebfaction test_pywebfaction.py)', () => {
    expect(new WebfactionError('LoginError', '').toFault('legacy').faultString).toBe("<class 'webfaction_api.exceptions.LoginError'>:");
    expect(alreadyExists('Mailbox', 'Name').toFault('legacy').faultString).toBe(
      "<class 'webfaction_api.exceptions.DataError'>:[u'Mailbox with this Name already exists.']",
    );
    expect(unknownMethodError('nope').toFault('legacy').faultString).toBe('<type \'exceptions.Exception\'>:method "nope" is not supported');
    expect(ioError(2, 'No such file or directory', 'x.txt').toFault('legacy').faultString).toBe(
      "<type 'exceptions.IOError'>:[Errno 2] No such file or directory: 'x.txt'",
    );
  });

  it('modern: bare class names, `Class: message`, and the observed bare texts', () => {
    expect(new WebfactionError('LoginError', '').toFault('modern').faultString).toBe('LoginError');
    expect(alreadyExists('Mailbox', 'Name').toFault('modern').faultString).toBe('DataError: Mailbox with this Name already exists.');
    expect(new WebfactionError('LoginError', 'Not allowed to login to machine "webX"', { bareWhenModern: true }).toFault('modern').faultString).toBe(
      'Not allowed to login to machine "webX"',
    );
    expect(unknownMethodError('nope').toFault('modern').faultString).toBe('method "nope" is not supported');
  });

  it('always faultCode 1; verbatim text and kept changes only when asked', () => {
    const fault = new WebfactionError('Exception', 'ls: x: No such file', { verbatim: true, keepChanges: true }).toFault('legacy');
    expect([fault.code, fault.faultString, fault.keepChanges]).toEqual([1, 'ls: x: No such file', true]);
    expect(alreadyExists('App', 'Name').toFault('legacy').keepChanges).toBe(false);
  });

  it("Python's quote choice in repr", () => {
    expect(pythonUnicodeRepr("it's")).toBe('u"it\'s"');
    expect(pythonUnicodeRepr('say "hi"')).toBe('u\'say "hi"\'');
    expect(pythonUnicodeRepr('both \' and "')).toBe("u'both \\' and \"'");
    expect(pythonUnicodeRepr('tab\tnew\nline é €')).toBe("u'tab\\tnew\\nline \\xe9 \\u20ac'");
  });

  it('the reference client reads back any message the emulator writes, in both styles', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.constantFrom('legacy' as const, 'modern' as const), (message, style) => {
        const text = new WebfactionError('DataError', message).toFault(style).faultString;
        expect(parseWebfactionFault(text)).toEqual({ exceptionClass: 'DataError', messages: [message], style });
        return true;
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string()), (messages) => {
        expect(parsePythonStringList(`[${messages.map(pythonUnicodeRepr).join(', ')}]`)).toEqual(messages);
        return true;
      }),
    );
  });
});
