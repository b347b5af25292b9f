import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../core/types.js';
import type { DecodedCall } from '../../protocol/codec.js';
import { createWhmJsonCodec, type WhmWire } from '../../protocol/whm/json-codec.js';
import { replyBody, withListOptions } from './body.js';
import { legacyShapeOf } from './legacy.js';
import { whmReply } from './reply.js';

/*
 * WHM's answer envelope as the panel builds it (list options applied where
 * the method returns, then the body for the API version asked for), written
 * by the whm-json codec.
 */

const codec = createWhmJsonCodec();
const TOKEN = 'U7ZQ2K9X4M1B8C3D6E5F0G7H2J9K4L1M';

function request(path: string): PanelRequest {
  const [p, q = ''] = path.split('?');
  return { panel: 'whm', world: 'default', httpMethod: 'GET', path: p, query: q, headers: {}, body: Buffer.alloc(0), remoteAddress: '127.0.0.1' };
}

function call(path: string): DecodedCall<WhmWire> {
  const result = codec.decode(request(path));
  if (result.kind !== 'call') throw new Error('expected a call');
  return result.call;
}

/** What the WHM panel sends for a method's return value: list options, envelope, JSON. */
function encode(value: unknown, c: DecodedCall<WhmWire>): PanelResponse {
  return codec.encodeResult(replyBody(withListOptions(value, c.wire), c.wire), c, request('/'));
}

function answer(value: unknown, c: DecodedCall<WhmWire>): any {
  return JSON.parse(String(encode(value, c).body));
}

describe('the WHM answer envelope', () => {
  it('wraps plain data in the envelope with integer result and version', () => {
    const res = encode({ version: '11.110.0.4' }, call('/json-api/version?api.version=1'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(String(res.body)).toBe('{"data":{"version":"11.110.0.4"},"metadata":{"command":"version","reason":"OK","result":1,"version":1}}');
  });

  it('answers metadata only for undefined, and keeps data: null for null', () => {
    const c = call('/json-api/suspendacct?api.version=1&user=bob');
    expect(answer(undefined, c)).toEqual({ metadata: { command: 'suspendacct', reason: 'OK', result: 1, version: 1 } });
    expect(answer(null, c)).toEqual({ data: null, metadata: { command: 'suspendacct', reason: 'OK', result: 1, version: 1 } });
  });

  it('takes reason and extra metadata from a WhmReply but never its result, version or command', () => {
    const reply = whmReply({
      data: { ip: '192.0.2.10' },
      reason: 'Account Creation Ok',
      metadata: { output: { raw: 'Account Creation Complete' }, result: '0', version: '2', command: 'other' },
    });
    expect(answer(reply, call('/json-api/createacct?api.version=1'))).toEqual({
      data: { ip: '192.0.2.10' },
      metadata: { command: 'createacct', reason: 'Account Creation Ok', result: 1, version: 1, output: { raw: 'Account Creation Complete' } },
    });
  });

  it('gives API 0 callers the legacy body, or one derived from the data', () => {
    const c = call('/json-api/listaccts');
    expect(replyBody(whmReply({ data: { acct: [] } }), c.wire, legacyShapeOf('listaccts'))).toEqual({ acct: [], status: 1, statusmsg: 'Ok' });
    expect(answer({ acct: [{ user: 'bob' }] }, c)).toEqual({ acct: [{ user: 'bob' }], status: 1, statusmsg: 'OK' });
    expect(answer(undefined, call('/json-api/suspendacct'))).toEqual({ result: [{ status: 1, statusmsg: 'OK' }] });
  });

  it('applies list options to the single list in data and reflects them in metadata', () => {
    const acct = Array.from({ length: 12 }, (_, i) => ({ user: `u${i}`, domain: `d${i}.example` }));
    const c = call(
      '/json-api/listaccts?api.version=1&api.chunk.enable=1&api.chunk.verbose=1&api.chunk.size=5&api.chunk.start=6&api.columns.enable=1&api.columns.a=user',
    );
    expect(answer({ acct }, c)).toEqual({
      data: { acct: [5, 6, 7, 8, 9].map((i) => ({ user: `u${i}` })) },
      metadata: {
        command: 'listaccts',
        reason: 'OK',
        result: 1,
        version: 1,
        columns: { invalid_msg: 'None' },
        chunk: { start: 6, size: 5, records: 12, current: 2, chunks: 3 },
      },
    });
    expect(acct).toHaveLength(12);
  });

  it('needs listKey to find the list when data has more than one key', () => {
    const c = call('/json-api/list_pops_for?api.version=1&api.chunk.enable=1&api.chunk.size=1');
    const data = { pops: ['a', 'b', 'c'], total: 3 };
    expect(answer(data, c).data.pops).toEqual(['a', 'b', 'c']);
    expect(answer(whmReply({ data, listKey: 'pops' }), c).data).toEqual({ pops: ['a'], total: 3 });
  });

  it('applies list options in API 1 only, and never to a passthrough body', () => {
    const list = { acct: [{ user: 'b' }, { user: 'a' }] };
    expect(answer(list, call('/json-api/listaccts?api.sort.enable=1&api.sort.a.field=user'))).toEqual({
      acct: [{ user: 'b' }, { user: 'a' }],
      status: 1,
      statusmsg: 'OK',
    });
    const body = { cpanelresult: { data: [{ user: 'b' }, { user: 'a' }] } };
    expect(answer(whmReply({ body }), call('/json-api/cpanel?api.version=1&api.sort.enable=1&api.sort.a.field=user'))).toEqual(body);
  });

  it('always gives JSON for any list options, whatever the data (property)', () => {
    const text = fc.string({ maxLength: 20, unit: fc.constantFrom(...'abc=&%+.*_-19'.split('')) });
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.constantFrom(
            'api.filter.enable=1&api.filter.a.field=*&api.filter.a.arg0=a',
            'api.sort.enable=1&api.sort.a.field=x',
            'api.chunk.enable=1&api.chunk.size=0',
          ),
        ),
        fc.oneof(fc.constant({ list: [{ a: 1 }, { a: 2 }] }), fc.constant(undefined), fc.constant([1, 2]), fc.constant({ a: [1], b: [2] })),
        (query, value) => {
          const parsed = answer(value, call(`/json-api/listaccts?api.version=1&${query}`));
          expect(parsed.metadata).toMatchObject({ command: 'listaccts', result: 1, version: 1 });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the whm-json codec and the envelope over real HTTP', () => {
  let server: Server;
  let base: string;
  const seen: DecodedCall<WhmWire>[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
        const panelRequest: PanelRequest = {
          panel: 'whm',
          world: 'default',
          httpMethod: req.method ?? 'GET',
          path: url.pathname,
          query: url.search.slice(1),
          headers,
          body: Buffer.concat(chunks),
          remoteAddress: req.socket.remoteAddress ?? '',
        };
        let out: PanelResponse;
        try {
          const decoded = codec.decode(panelRequest);
          if (decoded.kind !== 'call') throw new Error('unexpected');
          seen.push(decoded.call);
          out = encode({ acct: [{ user: 'bob' }, { user: 'alice' }] }, decoded.call);
        } catch (error) {
          out = codec.encodeFault(error as PanelFault, undefined, panelRequest);
        }
        res.writeHead(out.status, out.headers).end(out.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves GET with a token, POST form and POST JSON, with list options on the way back', async () => {
    const get = await fetch(`${base}/json-api/listaccts?api.version=1&api.sort.enable=1&api.sort.a.field=user`, {
      headers: { Authorization: `whm root:${TOKEN}` },
    });
    expect(await get.json()).toEqual({
      data: { acct: [{ user: 'alice' }, { user: 'bob' }] },
      metadata: { command: 'listaccts', reason: 'OK', result: 1, version: 1 },
    });
    expect(seen.at(-1)!.credentials).toEqual({ scheme: 'token', user: 'root', secret: TOKEN });

    const form = await fetch(`${base}/json-api/createacct`, {
      method: 'POST',
      body: new URLSearchParams({ 'api.version': '1', username: 'carol', hasshell: '1' }),
    });
    expect((await form.json()).metadata.result).toBe(1);
    expect(seen.at(-1)!.named).toEqual({ username: 'carol', hasshell: '1' });

    const jsonBody = await fetch(`${base}/json-api/php_fpm_config_set?api.version=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"domain":"a.example","max_children":5}',
    });
    expect(jsonBody.status).toBe(200);
    expect(seen.at(-1)!.named).toEqual({ domain: 'a.example', max_children: 5 });

    const broken = await fetch(`${base}/json-api/php_fpm_config_set?api.version=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect((await broken.json()).metadata).toMatchObject({ command: 'php_fpm_config_set', result: 0 });
  });
});
