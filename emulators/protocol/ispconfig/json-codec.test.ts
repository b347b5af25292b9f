import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { DecodedCall } from '../codec.js';
import { createIspconfigJsonCodec, firstQueryVariable } from './json-codec.js';
import { phpJsonEncode, phpJsonString } from '../php/json-encode.js';
import { phpFloat } from '../php/value.js';

const codec = createIspconfigJsonCodec();

function request(query: string, body: string | Buffer, httpMethod = 'POST'): PanelRequest {
  return {
    panel: 'ispconfig',
    world: 'default',
    httpMethod,
    path: '/remote/json.php',
    query,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    remoteAddress: '127.0.0.1',
  };
}

function decodeCall(r: PanelRequest): DecodedCall {
  const decoded = codec.decode(r);
  if (decoded.kind !== 'call') throw new Error('expected a call');
  return decoded.call;
}

/** The answer a decode failure becomes, as the dispatcher renders it. */
function refused(r: PanelRequest): PanelResponse {
  try {
    codec.decode(r);
  } catch (error) {
    expect(error).toBeInstanceOf(PanelFault);
    return codec.encodeFault(error as PanelFault, undefined, r);
  }
  throw new Error('expected a fault');
}

const text = (r: PanelResponse) => (Buffer.isBuffer(r.body) ? r.body.toString('utf8') : r.body);
const anyCall = decodeCall(request('login', '{}'));

describe('ISPConfig JSON: reading a call', () => {
  it('takes the method from the query and the named parameters from the body, in body order', () => {
    const call = decodeCall(request('client_get', '{"session_id":"abc","client_id":1}'));
    expect(call.method).toBe('client_get');
    expect(call.named).toEqual({ session_id: 'abc', client_id: 1 });
    expect(Object.keys(call.named!)).toEqual(['session_id', 'client_id']);
    expect(call.args).toEqual(['abc', 1]);
    expect(call.wire).toEqual({ door: 'json' });
  });

  it('reads the first query variable as PHP registers it (measured with PHP 8.2)', () => {
    const cases: [string, string | undefined][] = [
      ['login', 'login'],
      ['login&x=1', 'login'],
      ['=x&login', 'login'],
      ['a.b', 'a_b'],
      ['+lead', 'lead'],
      ['%20sp%20x', 'sp_x'],
      ['a[b]', 'a'],
      ['a[b', 'a_b'],
      ['x.y[z', 'x_y_z'],
      ['a%5Bb%5D=1', 'a'],
      ['%zz', '%zz'],
      ['a%00b', 'a'],
      ['&&login', 'login'],
      ['[x]=1&b', 'b'],
      ['a]b', 'a]b'],
      ['a+b.c', 'a_b_c'],
      ['', undefined],
    ];
    for (const [query, name] of cases) expect(firstQueryVariable(query), query).toBe(name);
  });

  it('keeps null values and odd keys as data', () => {
    const call = decodeCall(request('m', '{"a":null,"__proto__":{"x":1}}'));
    expect(call.named!.a).toBeNull();
    expect(Object.getPrototypeOf(call.named)).toBe(Object.prototype);
    expect(Object.keys(call.named!)).toEqual(['a', '__proto__']);
  });

  it('accepts a JSON list (ISPConfig then finds none of its parameter names)', () => {
    expect(decodeCall(request('m', '[1,2]'))).toMatchObject({ named: { 0: 1, 1: 2 }, args: [1, 2] });
  });

  it('no method in the query: invalid_method, before the body is looked at', () => {
    const answer = refused(request('', 'not json'));
    expect(answer.status).toBe(200);
    expect(text(answer)).toBe('{"code":"invalid_method","message":"Method not provided in json call","response":false}');
    expect(answer.headers['content-type']).toBe('application/json; charset="utf-8"');
  });

  it('anything but a JSON object or list is invalid_data (a GET has no body)', () => {
    const invalid = '{"code":"invalid_data","message":"The JSON data sent to the api is invalid","response":false}';
    for (const body of ['', 'not json', '"x"', '1', 'null', 'true', '\uFEFF{}', '['.repeat(512) + ']'.repeat(512)]) {
      expect(text(refused(request('login', body))), JSON.stringify(body.slice(0, 10))).toBe(invalid);
    }
    expect(text(refused(request('login', '', 'GET')))).toBe(invalid);
    expect(text(refused(request('login', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))))).toBe(invalid);
    expect(decodeCall(request('login', '['.repeat(511) + ']'.repeat(511))).method).toBe('login');
  });

  it('never throws anything but a PanelFault, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.uint8Array({ maxLength: 300 }), (query, body) => {
        try {
          codec.decode(request(query, Buffer.from(body)));
        } catch (error) {
          expect(error).toBeInstanceOf(PanelFault);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('ISPConfig JSON: answers', () => {
  it('wraps a result in code/message/response, written as PHP’s json_encode writes it', () => {
    const value = {
      'a/b': 'x/y',
      u: 'Zürich ☃ 😀',
      c: '\x01\x1f\x7f\t\n\r\b\f"\\',
      f: [0.1, phpFloat(2), 1e20, phpFloat(-0)],
      e: [],
      l: [1, '2', true, null],
      m: { 1: 'a', 3: 'b' },
      n: { 1: 'a' },
      big: 9223372036854775807n,
      lt: "<>&'",
    };
    // PHP 8.2.36's output for the same PHP value, printed on this machine.
    const php =
      '{"code":"ok","message":"","response":{"a\\/b":"x\\/y","u":"Z\\u00fcrich \\u2603 \\ud83d\\ude00","c":"\\u0001\\u001f\x7f\\t\\n\\r\\b\\f\\"\\\\",' +
      '"f":[0.1,2,1.0e+20,-0],"e":[],"l":[1,"2",true,null],"m":{"1":"a","3":"b"},"n":{"1":"a"},"big":9223372036854775807,"lt":"<>&\'"}}';
    const answer = codec.encodeResult(value, anyCall, request('m', '{}'));
    expect(answer.status).toBe(200);
    expect(text(answer)).toBe(php);
    expect(answer.headers['content-type']).toBe('application/json; charset="utf-8"');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(php)));
  });

  it('json_encode’s failures print nothing: INF/NAN, nesting past 511 with the envelope', () => {
    expect(text(codec.encodeResult(Number.NaN, anyCall, request('m', '{}')))).toBe('');
    let deep: unknown = [];
    for (let i = 1; i < 510; i++) deep = [deep];
    expect(text(codec.encodeResult(deep, anyCall, request('m', '{}')))).toMatch(/^\{"code":"ok"/);
    expect(text(codec.encodeResult([deep], anyCall, request('m', '{}')))).toBe('');
  });

  it('a SoapFault from the method is remote_fault with its message; the faultcode is lost', () => {
    const answer = codec.encodeFault(
      new PanelFault('login_failed', 'The login failed. Username or password wrong.', { httpStatus: 500 }),
      anyCall,
      request('login', '{}'),
    );
    expect(answer.status).toBe(200);
    expect(text(answer)).toBe('{"code":"remote_fault","message":"The login failed. Username or password wrong.","response":false}');
  });

  it('an unknown method is the handler’s own invalid_method', () => {
    const answer = codec.encodeFault(
      new PanelFault('invalid_method', 'Method frobnicate does not exist', { httpStatus: 500 }),
      anyCall,
      request('frobnicate', '{}'),
    );
    expect(text(answer)).toBe('{"code":"invalid_method","message":"Method frobnicate does not exist","response":false}');
  });

  it('a PHP Error is a fatal error: HTTP 500, empty body', () => {
    const answer = codec.encodeFault(new PanelFault('SOAP-ENV:Server', 'Call to a member function foo() on null'), anyCall, request('m', '{}'));
    expect(answer.status).toBe(500);
    expect(text(answer)).toBe('');
  });

  it('an injected fault keeps its status', () => {
    const answer = codec.encodeFault(new PanelFault('busy', 'try later', { httpStatus: 503, origin: 'injected' }), anyCall, request('m', '{}'));
    expect(answer.status).toBe(503);
    expect(text(answer)).toBe('{"code":"remote_fault","message":"try later","response":false}');
  });
});

describe('phpJsonEncode', () => {
  it('escapes like PHP without flags', () => {
    expect(phpJsonString('é/€\u2028')).toBe('"\\u00e9\\/\\u20ac\\u2028"');
    expect(phpJsonEncode({})).toBe('[]');
    expect(
      phpJsonEncode(
        new Map<unknown, unknown>([
          [0, 'a'],
          ['1', 'b'],
        ]),
      ),
    ).toBe('["a","b"]');
    expect(
      phpJsonEncode(
        new Map<unknown, unknown>([
          ['1', 'b'],
          [0, 'a'],
        ]),
      ),
    ).toBe('{"1":"b","0":"a"}');
  });

  it('round-trips through JSON.parse to the value, modulo PHP’s list rule', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string({ unit: 'binary', maxLength: 10 }),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(
          fc.string({ maxLength: 5 }).filter((k) => k !== '__proto__'),
          tie('v'),
          { maxKeys: 4 },
        ),
      ),
    })).v;
    const listed = (v: unknown): unknown => {
      if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
      if (typeof v !== 'object' || v === null) return v;
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      if (entries.every(([k], i) => k === String(i))) return entries.map(([, x]) => listed(x));
      return Object.fromEntries(entries.map(([k, x]) => [k, listed(x)]));
    };
    fc.assert(
      fc.property(value, (v) => {
        expect(listed(JSON.parse(phpJsonEncode(v)))).toEqual(listed(v));
      }),
      { numRuns: 400 },
    );
  });
});
