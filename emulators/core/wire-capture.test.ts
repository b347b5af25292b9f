import { describe, expect, it } from 'vitest';
import { createMockpanel } from '../mockpanel.js';
import { captureWire } from './wire-capture.js';
import { seededCredentials } from '../seeded-credentials.js';
import type { PanelRequest } from './types.js';

const call = (method: string, ...strings: string[]) =>
  `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${strings.map((s) => `<param>\n<value><string>${s}</string></value>\n</param>\n`).join('')}</params>\n</methodCall>\n`;

function request(panel: PanelRequest['panel'], path: string, body: string, extra: Partial<PanelRequest> = {}): PanelRequest {
  return {
    panel,
    world: 'wire',
    httpMethod: body ? 'POST' : 'GET',
    path,
    query: '',
    headers: { 'content-type': 'text/xml', 'user-agent': 'Python-xmlrpc/3.11' },
    body: Buffer.from(body),
    remoteAddress: '127.0.0.1',
    ...extra,
  };
}

describe('wire capture', () => {
  it('gives the same text read from the held capture as from mp_wire once the world is saved', async () => {
    const core = createMockpanel({ panels: ['webfaction', 'whm'] });
    const wf = seededCredentials('webfaction');
    const login = await core.handle(request('webfaction', '/', call('login', wf.username, wf.password)));
    const session = /<string>(\w+)<\/string>/.exec(String(login.body))![1]!;
    await core.handle(request('webfaction', '/', call('create_domain', session, 'example.com', 'www')));
    await core.handle(request('webfaction', '/', call('list_domains', session)));
    // Bodies past the kept 16 KiB, both ways: a long fault text and a long request.
    await core.handle(request('webfaction', '/', call('create_domain', session, `${'a'.repeat(40_000)}.example.com`)));
    await core.handle(request('webfaction', '/', ''));
    await core.handle(
      request('whm', '/json-api/listaccts', '', { query: 'api.version=1', headers: { authorization: `whm root:${seededCredentials('whm').token!}` } }),
    );
    const world = core.worlds.require('wire');
    world.faults.add({ panel: 'webfaction', method: 'list_domains', effect: { type: 'truncate', bytes: 100 } });
    await core.handle(request('webfaction', '/', call('list_domains', session)));

    const ids = world.journal.query().map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(6);
    const held = ids.map((id) => world.journal.entry(id)!.wire);
    world.serialize();
    expect(world.db.prepare('SELECT count(*) FROM mp_wire').pluck().get()).toBe(ids.length);
    expect(ids.map((id) => world.journal.entry(id)!.wire)).toEqual(held);

    const [loginWire] = held;
    expect(loginWire!.request).not.toContain(wf.password);
    expect(loginWire!.response).not.toContain(session);
    expect(held.some((w) => w!.response.includes('more bytes not kept'))).toBe(true);
    expect(held.some((w) => w!.request.includes('more bytes not kept'))).toBe(true);
    expect(held.at(-1)!.response).toContain('(cut here by an injected fault');
    core.worlds.close();
  });

  it('holds no more of a body than its text keeps: a view of a larger read and a long body are copied', () => {
    const read = Buffer.alloc(64 * 1024, 'x');
    const view = read.subarray(100, 300); // one pipelined request's body inside a 64 KiB socket read
    const long = Buffer.alloc(100 * 1024, 'y');
    const response = { status: 200, headers: { 'content-type': 'text/xml' }, body: long };
    const wire = captureWire(request('webfaction', '/', ''), response, undefined, {});
    const withView = captureWire({ ...request('webfaction', '/', ''), body: view }, response, undefined, {});
    const held = (capture: unknown, part: 'requestBody' | 'responseBody') => (capture as Record<string, { start: Buffer }>)[part]!.start;
    expect(held(withView, 'requestBody').buffer.byteLength).toBeLessThan(8192 + view.length);
    expect(held(wire, 'responseBody').buffer.byteLength).toBeLessThanOrEqual(16 * 1024 + 8192);
    // The text is what it was: the view's 200 bytes, the long body's first 16 KiB and a note.
    expect('build' in withView && withView.build().request.endsWith(`\n\n${'x'.repeat(200)}`)).toBe(true);
    expect('build' in wire && wire.build().response).toMatch(/y{16384}\n… 86016 more bytes not kept$/);
  });
});
