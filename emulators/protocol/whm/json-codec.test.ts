import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPanelFault, PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { DecodedCall } from '../codec.js';
import { createWhmJsonCodec, whmAccessDeniedFault, whmBoolean, whmList, type WhmWire } from './json-codec.js';

const codec = createWhmJsonCodec();
const TOKEN = 'U7ZQ2K9X4M1B8C3D6E5F0G7H2J9K4L1M';
// Access hashes are 30 lines of MD5 hex (bin/mkaccesshash); clients often send them with the newlines.
const ACCESS_HASH_LINES = Array.from({ length: 30 }, (_, i) => (i.toString(16) + 'a3f09c1d2e4b5a6978c0d1e2f3a4b5c6').slice(0, 32));

function request(path: string, init: Omit<Partial<PanelRequest>, 'body'> & { body?: Buffer | string } = {}): PanelRequest {
  const [p, q = ''] = path.split('?');
  const body = init.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body);
  return {
    panel: 'whm',
    world: 'default',
    httpMethod: init.httpMethod ?? (body.length ? 'POST' : 'GET'),
    path: p,
    query: init.query ?? q,
    headers: init.headers ?? {},
    body,
    remoteAddress: '127.0.0.1',
  };
}

function decode(req: PanelRequest): DecodedCall<WhmWire> {
  const result = codec.decode(req);
  if (result.kind !== 'call') throw new Error('expected a call');
  return result.call;
}

function body(response: PanelResponse): any {
  return JSON.parse(String(response.body));
}

describe('decode: function, parameters, api.version', () => {
  it('takes the function from /json-api/<name> and the parameters from the query, api.* kept apart', () => {
    const call = decode(request('/json-api/listaccts?api.version=1&searchtype=user&search=bob'));
    expect(call.method).toBe('listaccts');
    expect(call.args).toEqual([]);
    expect(call.named).toEqual({ searchtype: 'user', search: 'bob' });
    expect(call.wire).toMatchObject({ apiVersion: 1, function: 'listaccts' });
    expect(call.wire.apiArgs).toEqual({ version: '1' });
  });

  it('treats a missing api.version (or 0) as a WHM API 0 call', () => {
    expect(decode(request('/json-api/version')).wire.apiVersion).toBe(0);
    expect(decode(request('/json-api/version?api.version=0')).wire.apiVersion).toBe(0);
  });

  it('refuses an API version WHM does not have, in the envelope', () => {
    const req = request('/json-api/listaccts?api.version=2');
    let fault: unknown;
    try {
      codec.decode(req);
    } catch (error) {
      fault = error;
    }
    expect(isPanelFault(fault)).toBe(true);
    const res = codec.encodeFault(fault as PanelFault, undefined, req);
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({
      // The metadata names the version asked for, as the reason does (issue 17, defect 8).
      metadata: { command: 'listaccts', reason: 'Unknown app (“listaccts”) requested for this version (2) of the API.', result: 0, version: 2 },
    });
  });

  it('accepts the browser-session prefix /cpsessNNNNNNNNNN/', () => {
    const call = decode(request('/cpsess0123456789/json-api/gethostname?api.version=1'));
    expect(call.method).toBe('gethostname');
    expect(call.wire.securityToken).toBe('cpsess0123456789');
  });

  it('reads a form body after the query; a repeated key becomes an array in wire order', () => {
    const call = decode(
      request('/json-api/batch?api.version=1&command=version', {
        body: 'command=gethostname&command=listips&abort_on_error=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(call.named).toEqual({ command: ['version', 'gethostname', 'listips'], abort_on_error: '1' });
  });

  it('reads a plain body as a form even without a content type, as WHM does', () => {
    expect(decode(request('/json-api/createacct', { body: 'api.version=1&username=bob' })).named).toEqual({ username: 'bob' });
    expect(decode(request('/json-api/createacct', { body: 'api.version=1&username=bob' })).wire.apiVersion).toBe(1);
  });

  it('reads a JSON body with its types for the functions that take one', () => {
    const call = decode(
      request('/json-api/personalization_set', {
        body: JSON.stringify({ 'api.version': 1, personalization: { theme: 'dark', pinned: [1, 2] } }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(call.wire.apiVersion).toBe(1);
    expect(call.named).toEqual({ personalization: { theme: 'dark', pinned: [1, 2] } });
  });

  it('answers a broken JSON body with the WHM envelope, never a throw past the codec', () => {
    const req = request('/json-api/personalization_set?api.version=1', { body: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(() => codec.decode(req)).toThrow(PanelFault);
    let res: PanelResponse | undefined;
    try {
      codec.decode(req);
    } catch (error) {
      res = codec.encodeFault(error as PanelFault, undefined, req);
    }
    const parsed = body(res!);
    expect(parsed.metadata).toMatchObject({ command: 'personalization_set', result: 0, version: 1 });
    expect(parsed.metadata.reason).toMatch(/not valid JSON/);
  });

  it('decodes + and %XX as UTF-8, keeps a stray %, drops file-* keys and keeps __proto__ a plain key', () => {
    const call = decode(request('/json-api/setresolvers?api.version=1&note=caf%C3%A9+bar&pct=100%&file-x=/etc/passwd&__proto__=x'));
    expect(call.named!.note).toBe('café bar');
    expect(call.named!.pct).toBe('100%');
    expect(call.named!['file-x']).toBeUndefined();
    expect(Object.getPrototypeOf(call.named)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(call.named, '__proto__')).toBe(true);
  });

  it('keeps list options in wire.apiArgs and removes every api.* key from named', () => {
    const call = decode(
      request(
        '/json-api/listaccts?api.version=1&api.chunk.enable=1&api.chunk.size=5&api.filter.enable=1&api.filter.a.field=user&api.filter.a.arg0=b&want=user',
      ),
    );
    expect(call.named).toEqual({ want: 'user' });
    expect(call.wire.apiArgs).toMatchObject({ chunk: { enable: '1', size: '5' }, filter: { enable: '1', a: { field: 'user', arg0: 'b' } } });
  });

  it('leaves booleans as sent; whmBoolean reads 1/0, true/false, yes/no, y/n', () => {
    const call = decode(request('/json-api/createacct?api.version=1&hasshell=true&cgi=0&spambox=y'));
    expect(call.named).toEqual({ hasshell: 'true', cgi: '0', spambox: 'y' });
    expect(['1', 'true', 'TRUE', 'yes', 'y', 1, true].map(whmBoolean)).toEqual(Array(7).fill(true));
    expect(['0', 'false', 'No', 'n', 0, false].map(whmBoolean)).toEqual(Array(6).fill(false));
    expect(['', 'maybe', undefined, 2].map(whmBoolean)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('whmList gathers repeated keys and numbered keys (acl-0, acl-1…) in WHM order', () => {
    const call = decode(request('/json-api/api_token_create?api.version=1&token_name=t&acl-1=list-accts&acl-0=create-acct&acl=all&acl-10=x'));
    expect(whmList(call.named, 'acl')).toEqual(['all', 'create-acct', 'list-accts', 'x']);
    expect(whmList(decode(request('/json-api/x?domain=a&domain=b')).named, 'domain')).toEqual(['a', 'b']);
  });
});

describe('decode: credentials', () => {
  const creds = (headers: Record<string, string>) => decode(request('/json-api/version?api.version=1', { headers })).credentials;

  it('reads an API token under whm in any case', () => {
    for (const scheme of ['whm', 'WHM', 'Whm']) {
      expect(creds({ authorization: `${scheme} root:${TOKEN}` })).toEqual({ scheme: 'token', user: 'root', secret: TOKEN });
    }
  });

  it('reads a legacy access hash, newlines and spaces stripped', () => {
    const hash = ACCESS_HASH_LINES.join('\n');
    expect(creds({ authorization: `WHM reseller1:${hash}\n` })).toEqual({ scheme: 'accesshash', user: 'reseller1', secret: ACCESS_HASH_LINES.join('') });
    expect(creds({ authorization: `whm root:${ACCESS_HASH_LINES.join('\r\n ')}` })!.secret).toBe(ACCESS_HASH_LINES.join(''));
  });

  it('reads Basic user:password (the password may contain colons)', () => {
    const b64 = Buffer.from('root:pa:ss wörd').toString('base64');
    expect(creds({ authorization: `Basic ${b64}` })).toEqual({ scheme: 'basic', user: 'root', secret: 'pa:ss wörd' });
    expect(creds({ authorization: `basic ${b64}` })).toMatchObject({ scheme: 'basic' });
  });

  it('has no credentials for a missing header, another scheme, no user or undecodable Basic', () => {
    expect(creds({})).toBeUndefined();
    expect(creds({ authorization: `cpanel bob:${TOKEN}` })).toBeUndefined();
    expect(creds({ authorization: `whm :${TOKEN}` })).toBeUndefined();
    expect(creds({ authorization: 'whm root' })).toBeUndefined();
    expect(creds({ authorization: 'Basic %%%' })).toBeUndefined();
    expect(creds({ authorization: 'whm' })).toBeUndefined();
  });

  it('falls back to the whostmgrsession cookie', () => {
    expect(creds({ cookie: 'a=b; whostmgrsession=%3aABC%2cdef' })).toEqual({ scheme: 'session', secret: ':ABC,def' });
  });
});

describe('encode', () => {
  const call = (path: string) => decode(request(path));

  it('writes the body it is given as JSON (the WHM panel builds it: emulators/whm/envelope/)', () => {
    const res = codec.encodeResult(
      { data: { version: '11.110.0.4' }, metadata: { command: 'version', reason: 'OK', result: 1, version: 1 } },
      call('/json-api/version?api.version=1'),
      request('/json-api/version'),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(String(res.body)).toBe('{"data":{"version":"11.110.0.4"},"metadata":{"command":"version","reason":"OK","result":1,"version":1}}');
  });

  it('renders a fault as result 0 with the fault string as reason and no data', () => {
    const res = codec.encodeFault(
      new PanelFault('user_exists', 'Sorry, a user with the name “bob” already exists.'),
      call('/json-api/createacct?api.version=1'),
      request('/'),
    );
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({ metadata: { command: 'createacct', reason: 'Sorry, a user with the name “bob” already exists.', result: 0, version: 1 } });
  });

  it('carries fault data and extra metadata (massmodifyacct), a chosen HTTP status, and the API 0 form', () => {
    const fault = new PanelFault('partial', 'Failed to modify one or more users.', {
      httpStatus: 500,
      data: { data: { payload: [{ user: 'bob', result: 0, reason: 'x' }] }, messages: ['From example1.com: Restarting apache'], warnings: [] },
    });
    const res = codec.encodeFault(fault, call('/json-api/massmodifyacct?api.version=1'), request('/'));
    expect(res.status).toBe(500);
    expect(body(res)).toEqual({
      data: { payload: [{ user: 'bob', result: 0, reason: 'x' }] },
      metadata: {
        command: 'massmodifyacct',
        reason: 'Failed to modify one or more users.',
        result: 0,
        version: 1,
        messages: ['From example1.com: Restarting apache'],
        warnings: [],
      },
    });
    expect(body(codec.encodeFault(new PanelFault('x', 'No such user'), call('/json-api/suspendacct'), request('/')))).toEqual({
      result: [{ status: 0, statusmsg: 'No such user' }],
    });
  });

  it('turns the access-denied fault into an HTTP 401/403 that is not an envelope', () => {
    const res = codec.encodeFault(whmAccessDeniedFault(), call('/json-api/listaccts?api.version=1'), request('/'));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(String(res.body)).toBe('Access denied\n');
    expect(codec.encodeFault(whmAccessDeniedFault('Forbidden', 403), undefined, request('/json-api/x')).status).toBe(403);
  });

  it('still answers an envelope when the handler returns something JSON cannot hold', () => {
    const res = codec.encodeResult({ n: 10n }, call('/json-api/version?api.version=1'), request('/'));
    expect(body(res).metadata).toMatchObject({ command: 'version', result: 0, version: 1 });
  });
});

describe('garbage never escapes as an exception', () => {
  it('decodes or faults for any path, query, headers and body, and both encoders always give JSON', () => {
    const text = fc.string({ maxLength: 40, unit: fc.constantFrom(...'abc=&%+.;:/ _-?é\u0000\n19AZ'.split('')) });
    fc.assert(
      fc.property(
        fc.oneof(
          text.map((t) => `/json-api/${t}`),
          text.map((t) => `/${t}`),
          fc.constant('/json-api/listaccts'),
        ),
        fc.oneof(
          text,
          fc.constantFrom('api.version=1&api.filter.enable=1&api.filter.a.field=*&api.filter.a.arg0=a', 'api.version=7', 'api.sort=1&api.sort.a.field=x'),
        ),
        fc.record({
          authorization: fc.option(text, { nil: undefined }),
          'content-type': fc.option(fc.constantFrom('application/json', 'multipart/form-data', 'text/plain'), { nil: undefined }),
        }),
        fc.uint8Array({ maxLength: 60 }),
        (path, query, headers, bytes) => {
          const req = request(path, { query, headers, body: Buffer.from(bytes) });
          let res: PanelResponse;
          try {
            const decoded = codec.decode(req);
            expect(decoded.kind).toBe('call');
            res = codec.encodeResult({ list: [{ a: 1 }, { a: 2 }] }, (decoded as { call: DecodedCall<WhmWire> }).call, req);
          } catch (error) {
            expect(isPanelFault(error)).toBe(true);
            res = codec.encodeFault(error as PanelFault, undefined, req);
          }
          const parsed = JSON.parse(String(res.body));
          // version is 1, or the version named in the reason when WHM does not serve the one asked for (api.version=7).
          if ('metadata' in parsed) {
            const named = /requested for this version \((\d+)\)/.exec(parsed.metadata.reason)?.[1];
            expect(Number.isInteger(parsed.metadata.result) && parsed.metadata.version === (named ? Number(named) : 1)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
