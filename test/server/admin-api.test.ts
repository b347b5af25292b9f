import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XmlRpcTransport } from '../../clients/transport/xmlrpc-transport.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.admin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (await res.json()) as any };
};

/** WebFaction in a world: log in, then domains are the data we compare. */
const webfaction = async (world: string) => {
  const rpc = new XmlRpcTransport({ url: `${server.url}/_w/${world}/webfaction/` });
  const [session] = await rpc.call<[string, unknown]>('login', 'widgetsco', 'widgetsrock');
  return {
    addDomain: (name: string) => rpc.call('create_domain', session, name),
    domains: async () => (await rpc.call<{ domain: string }[]>('list_domains', session)).map((d) => d.domain).sort(),
  };
};

describe('admin API', () => {
  it('reports health', async () => {
    const r = await admin('GET', '/health');
    expect(r).toMatchObject({ status: 200, json: { ok: true, panels: ['webfaction', 'gandi', 'ispconfig', 'whm', 'cpanel'] } });
    expect(r.json.worlds).toBeGreaterThanOrEqual(1);
  });

  it('creates, lists and deletes worlds', async () => {
    expect(await admin('POST', '/worlds', { id: 'made' })).toMatchObject({ status: 201, json: { id: 'made' } });
    expect((await admin('GET', '/worlds')).json.worlds).toContain('made');
    expect(await admin('POST', '/worlds', { id: 'made' })).toMatchObject({ status: 409, json: { error: { code: 'world_exists' } } });
    const generated = await admin('POST', '/worlds', {});
    expect(generated.json.id).toMatch(/^w-/);
    expect(await admin('DELETE', '/worlds/made')).toMatchObject({ status: 200 });
    expect(await admin('DELETE', '/worlds/made')).toMatchObject({ status: 404, json: { error: { code: 'world_not_found' } } });
  });

  it('keeps two worlds apart', async () => {
    const a = await webfaction('iso-a');
    const b = await webfaction('iso-b');
    await a.addDomain('only-in-a.example');
    expect(await a.domains()).toContain('only-in-a.example');
    expect(await b.domains()).not.toContain('only-in-a.example');
  });

  it('resets a world to the seeded state', async () => {
    const w = await webfaction('resettable');
    const seeded = await w.domains();
    await w.addDomain('temporary.example');
    expect(await admin('POST', '/worlds/resettable/reset')).toMatchObject({ status: 200 });
    expect(await (await webfaction('resettable')).domains()).toEqual(seeded);
  });

  it('snapshots and restores, also into another world', async () => {
    const w = await webfaction('snappy');
    await w.addDomain('kept.example');
    expect(await admin('POST', '/worlds/snappy/snapshots', { name: 'with-kept' })).toMatchObject({ status: 201 });
    await w.addDomain('dropped.example');
    expect(await admin('POST', '/worlds/snappy/snapshots/with-kept/restore')).toMatchObject({ status: 200 });
    const after = await (await webfaction('snappy')).domains();
    expect(after).toContain('kept.example');
    expect(after).not.toContain('dropped.example');
    expect(await admin('POST', '/worlds', { id: 'from-snap', from: 'with-kept' })).toMatchObject({ status: 201 });
    expect(await (await webfaction('from-snap')).domains()).toContain('kept.example');
    expect((await admin('GET', '/snapshots')).json.snapshots).toContain('with-kept');
    expect(await admin('POST', '/worlds/snappy/snapshots/nope/restore')).toMatchObject({ status: 404, json: { error: { code: 'snapshot_not_found' } } });
  });

  it('advances a world clock and only that one', async () => {
    await admin('POST', '/worlds', { id: 'clocked' });
    const before = Date.parse((await admin('GET', '/worlds/clocked/clock')).json.now);
    const other = Date.parse((await admin('GET', '/worlds/default/clock')).json.now);
    const r = await admin('POST', '/worlds/clocked/clock', { advanceSeconds: 7200 });
    expect(Date.parse(r.json.now) - before).toBeGreaterThanOrEqual(7_200_000);
    // The other world's clock only ran on with the wall clock (well under the 2 h jump).
    expect(Date.parse((await admin('GET', '/worlds/default/clock')).json.now) - other).toBeLessThan(60_000);
    expect(await admin('POST', '/worlds/clocked/clock', { advanceSeconds: -5 })).toMatchObject({ status: 400, json: { error: { code: 'bad_request' } } });
  });

  it('stores per-world settings', async () => {
    await admin('POST', '/worlds', { id: 'set' });
    expect(await admin('PATCH', '/worlds/set/settings', { 'webfaction.faultStyle': 'modern' })).toMatchObject({
      json: { settings: { 'webfaction.faultStyle': 'modern' } },
    });
    expect((await admin('GET', '/worlds/default/settings')).json.settings).not.toHaveProperty('webfaction.faultStyle');
  });

  it('journals calls with secrets redacted and filters them', async () => {
    await admin('POST', '/worlds', { id: 'journaled' });
    const w = await webfaction('journaled');
    await w.domains();
    const r = await admin('GET', '/worlds/journaled/journal?panel=webfaction&method=login');
    expect(r.json.count).toBe(1);
    expect(JSON.stringify(r.json.entries[0].args)).not.toContain('widgetsrock');
    expect(r.json.entries[0]).toMatchObject({ panel: 'webfaction', method: 'login', outcome: 'ok' });
    expect((await admin('GET', '/worlds/journaled/journal?status=fault')).json.count).toBe(0);
    expect(await admin('GET', '/worlds/journaled/journal?status=maybe')).toMatchObject({ status: 400 });
  });

  it('answers bad admin input with JSON errors, never HTML', async () => {
    const res = await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_json' } });
    expect(await admin('GET', '/nowhere')).toMatchObject({
      status: 404,
      type: expect.stringContaining('json'),
      json: { error: { code: 'unknown_admin_route' } },
    });
    expect(await admin('POST', '/worlds', { id: '../../etc' })).toMatchObject({ status: 400, json: { error: { code: 'bad_world_id' } } });
  });
});

describe('admin token', () => {
  it('requires the bearer token when one is set', async () => {
    const guarded = await startTestServer({ adminToken: 's3cret' });
    try {
      const denied = await fetch(`${guarded.admin}/health`);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({ error: { code: 'admin_unauthorized' } });
      const wrong = await fetch(`${guarded.admin}/health`, { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const ok = await fetch(`${guarded.admin}/health`, { headers: { authorization: 'Bearer s3cret' } });
      expect(ok.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('strict worlds', () => {
  it('answers an unknown world in the panel format instead of creating it', async () => {
    const strict = await startTestServer({ autoCreateWorlds: false });
    try {
      const res = await fetch(`${strict.url}/_w/nope/whm/json-api/version?api.version=1`, {
        headers: { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' },
      });
      const body = (await res.json()) as { metadata: { result: number; reason: string } };
      expect(body.metadata.result).toBe(0);
      expect(body.metadata.reason).toContain('No world "nope"');
      expect(strict.core.worlds.list()).toEqual(['default']);
      const settings = await fetch(`${strict.admin}/worlds/nope/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(settings.status).toBe(404);
    } finally {
      await strict.close();
    }
  });
});
