import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_BOUND_MS } from '../support/limits.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxBody: 64 * 1024 });
});
afterAll(async () => {
  await server.close();
});

const post = async (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', body: body as BodyInit, headers: { 'content-type': 'text/xml', ...headers } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

/** Streams `total` bytes without a Content-Length, so the limit must be enforced while reading. */
const chunked = (path: string, total: number) =>
  new Promise<{ status: number; text: string; elapsedMs: number }>((resolve, reject) => {
    const started = Date.now();
    const req = request(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml', 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, elapsedMs: Date.now() - started }));
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    const chunk = Buffer.alloc(16 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });

const noStack = (text: string) => {
  expect(text).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  expect(text).not.toMatch(/<html/i);
};

describe('bad input never crashes the server or leaks a stack trace', () => {
  const garbage = ['', 'not xml at all', '<?xml version="1.0"?><methodCall>', '\u0000\u0001\u00ff', '{"json":true}', '<a>'.repeat(5000)];

  const cases = garbage.map((body, i) => [i, body] as const);
  it.each(cases)('XML-RPC answers a fault for garbage #%i', async (_i, body) => {
    for (const path of ['/webfaction/', '/gandi/xmlrpc/']) {
      const r = await post(path, body);
      expect(r.status).toBe(200);
      expect(r.text).toContain('<fault>');
      noStack(r.text);
    }
  });

  it.each(cases)('SOAP answers a SOAP fault for garbage #%i', async (_i, body) => {
    const r = await post('/ispconfig/remote/index.php', body);
    expect(r.status).toBe(500);
    expect(r.text).toContain('SOAP-ENV:Fault');
    noStack(r.text);
  });

  it('ISPConfig JSON and WHM answer their own envelopes for garbage', async () => {
    const j = await post('/ispconfig/remote/json.php?login', '{not json', { 'content-type': 'application/json' });
    expect(() => JSON.parse(j.text)).not.toThrow();
    noStack(j.text);
    const w = await post('/whm/json-api/listaccts?api.version=1', '\u0000garbage', {
      'content-type': 'application/json',
      authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000',
    });
    expect(() => JSON.parse(w.text)).not.toThrow();
    noStack(w.text);
  });

  it('refuses an entity bomb quickly', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><methodCall><methodName>login</methodName><params><param><value>&lol3;</value></param></params></methodCall>`;
    const started = Date.now();
    const r = await post('/webfaction/', bomb);
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS);
    expect(r.text).toContain('<fault>');
    expect(r.text).not.toContain('lollollol');
  });

  it('refuses an oversized body in the panel format, declared or streamed', async () => {
    const declared = await post('/webfaction/', Buffer.alloc(100 * 1024, 'a'));
    expect(declared.status).toBe(413);
    expect(declared.text).toContain('<fault>');
    expect(declared.text).toMatch(/65536-byte limit/);
    const streamed = await chunked('/ispconfig/remote/index.php', 8 * 1024 * 1024);
    expect(streamed.status).toBe(413);
    expect(streamed.text).toContain('SOAP-ENV:Fault');
    // Still serving afterwards.
    expect((await fetch(`${server.admin}/health`)).status).toBe(200);
  });

  it('answers unknown paths with a JSON 404 naming where panels live', async () => {
    for (const path of ['/nope', '/ispconfig/remote/other.php', '/whm/not-json-api', '/_w/x/unknown']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unknown_path');
    }
  });

  it('lists endpoints at /', async () => {
    const body = (await (await fetch(`${server.url}/`)).json()) as { panels: { id: string }[] };
    expect(body.panels.map((p) => p.id)).toEqual(['webfaction', 'gandi', 'ispconfig', 'whm', 'cpanel']);
  });

  it('survives a malformed HTTP request line', async () => {
    const { connect } = await import('node:net');
    const port = Number(new URL(server.url).port);
    const reply = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.write('GARBAGE / HTTP/9.9\r\n\r\n'));
      let text = '';
      s.on('data', (d) => (text += d));
      s.on('close', () => resolve(text));
      s.on('error', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${server.admin}/health`)).status).toBe(200);
  });
});
