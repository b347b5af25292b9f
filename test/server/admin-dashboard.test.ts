import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GandiClient } from '../../clients/gandi/index.js';
import { IspconfigClient } from '../../clients/ispconfig/index.js';
import { XmlRpcTransport } from '../../clients/transport/xmlrpc-transport.js';
import { WhmClient } from '../../clients/whm/index.js';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.admin}${path}`, { headers });
  return { status: res.status, json: (await res.json()) as any };
};
const patch = (world: string, settings: Record<string, unknown>) =>
  fetch(`${server.admin}/worlds/${world}/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });

type Section = { title: string; columns: string[]; rows: { cells: Record<string, unknown>; journal?: string }[]; total: number };
const section = (view: { sections: Section[] }, title: string) => view.sections.find((s) => s.title === title)!;

describe('dashboard admin routes', () => {
  it('lists every world with its calls, faults, last call, clock and armed rules', async () => {
    const rpc = new XmlRpcTransport({ url: `${server.url}/_w/ov/webfaction/` });
    await rpc.call('login', 'widgetsco', 'wrong').catch(() => undefined);
    const [session] = await rpc.call<[string, unknown]>('login', 'widgetsco', 'widgetsrock');
    await rpc.call('create_domain', session, 'ov.example.com');
    await fetch(`${server.admin}/worlds/ov/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ panel: 'whm', effect: { type: 'reset' } }),
    });
    const { status, json } = await get('/overview');
    expect(status).toBe(200);
    const ov = json.worlds.find((w: any) => w.id === 'ov');
    expect(ov).toMatchObject({ calls: 3, faults: 1, lastCall: { id: 3 }, rules: [{ panel: 'whm', effect: { type: 'reset' } }] });
    expect(Date.parse(ov.now)).not.toBeNaN();
    expect(json.worlds.find((w: any) => w.id === 'default')).toMatchObject({ calls: 0, lastCall: null, rules: [] });
  });

  it('lists each panel with its methods, how they are emulated, and the fault effects', async () => {
    const { json } = await get('/panels');
    expect(json.panels.map((p: any) => p.id)).toEqual(['webfaction', 'gandi', 'ispconfig', 'whm', 'cpanel']);
    const whm = json.panels.find((p: any) => p.id === 'whm');
    expect(whm.methods).toContainEqual({ name: 'createacct', emulation: 'stateful' });
    expect(whm.coverage.methods).toBe(whm.methods.length);
    expect(whm.coverage.stateful + whm.coverage.sample + whm.coverage.notImplemented).toBe(whm.methods.length);
    expect(json.effects).toEqual(['latency', 'http', 'reset', 'truncate', 'malformed', 'session-expired', 'rate-limit']);
  });

  it('shows each panel’s state in its users’ terms, each object linked to the calls that named it', async () => {
    const w = 'views';
    const rpc = new XmlRpcTransport({ url: `${server.url}/_w/${w}/webfaction/` });
    const [session] = await rpc.call<[string, unknown]>('login', 'widgetsco', 'widgetsrock');
    await rpc.call('create_domain', session, 'shop.example.com', 'www');
    await rpc.call('create_cronjob', session, '0 * * * * echo hi');
    const wf = (await get(`/worlds/${w}/state/webfaction`)).json;
    expect(wf.sections.map((s: Section) => s.title)).toEqual(['Websites', 'Apps', 'Domains', 'Mailboxes', 'Databases', 'Cron jobs']);
    const domain = section(wf, 'Domains').rows.find((r) => r.cells.name === 'shop.example.com')!;
    expect(domain.cells.subdomains).toBe('["www"]');
    expect(section(wf, 'Cron jobs').rows.map((r) => r.cells.line)).toContain('0 * * * * echo hi');
    expect(section(wf, 'Mailboxes').columns).not.toContain('password');
    const touching = (await get(`/worlds/${w}/journal?${domain.journal}`)).json;
    expect(touching.entries.map((e: any) => e.method)).toEqual(['create_domain']);

    // Gandi: an operation due in 600 s reads PENDING, then DONE once the clock passes its due time.
    await patch(w, { 'gandi.operationPace': { afterSeconds: 600 } });
    const gandi = new GandiClient({ url: `${server.url}/_w/${w}/gandi/hosting/` });
    await gandi.login('AA1234-GANDI', 'mypassword');
    const vmId = await gandi.vmCreate({ hostname: 'vm-a', password: 'vm-secret-pw', osId: 111, shares: 1, cpu: 1 });
    await gandi.vmInfo(vmId);
    const before = (await get(`/worlds/${w}/state/gandi`)).json;
    const op = section(before, 'Operations').rows[0];
    expect(op.cells).toMatchObject({ type: 'vm_create', state: 'PENDING', vm_id: vmId });
    expect(Date.parse(op.cells.due as string) - Date.parse(before.now)).toBeGreaterThan(590_000);
    expect(section(before, 'VMs').columns).not.toContain('password');
    expect(section(before, 'VMs').rows[0].cells.state).toBe('being_created');
    await fetch(`${server.admin}/worlds/${w}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 601 }),
    });
    // As the next Gandi call would see it: the operation done at its due time, its effect applied.
    const after = (await get(`/worlds/${w}/state/gandi`)).json;
    expect(section(after, 'Operations').rows[0].cells).toMatchObject({ state: 'DONE', date_update: op.cells.due });
    expect(section(after, 'VMs').rows[0].cells.state).toBe('running');
    // …and the view wrote nothing: the stored operation is still PENDING until Gandi is called.
    expect(server.core.worlds.require(w).db.prepare('SELECT state FROM gandi_operation').pluck().get()).toBe('PENDING');
    expect((await gandi.vmInfo(vmId)).state).toBe('running');
    const vmRow = section(before, 'VMs').rows.find((r) => r.cells.id === vmId)!;
    expect(vmRow.journal).toBe(`member=vm_id%3A${vmId}`);
    expect((await get(`/worlds/${w}/journal?${vmRow.journal}`)).json.entries.map((e: any) => e.method)).toEqual(['vm_info', 'vm_info']);
    // An exact member: vm 25 is not a prefix match of vm 250133.
    expect((await get(`/worlds/${w}/journal?member=vm_id:${String(vmId).slice(0, 2)}`)).json.count).toBe(0);

    // ISPConfig: a client added over SOAP.
    const isp = new IspconfigClient({ url: `${server.url}/_w/${w}/ispconfig`, username: 'admin', password: 'admin', protocol: 'soap' });
    await isp.login();
    await isp.clientAdd(0, {
      contact_name: 'Ada',
      email: 'ada@example.com',
      username: 'ada1',
      password: 'S3cret!pass-1',
      language: 'en',
      web_php_options: 'no',
      ssh_chroot: 'no',
    });
    const ispView = (await get(`/worlds/${w}/state/ispconfig`)).json;
    expect(ispView.sections.map((s: Section) => s.title)).toEqual(['Clients', 'Sites', 'DNS zones', 'DNS records', 'Mail domains', 'Mailboxes', 'Datalog']);
    expect(section(ispView, 'Clients').rows.map((r) => r.cells)).toContainEqual(expect.objectContaining({ contact_name: 'Ada', username: 'ada1' }));
    expect(section(ispView, 'Datalog').rows.map((r) => `${r.cells.action} ${r.cells.dbtable}`)).toContain('i client');

    // WHM: the seeded accounts and an account created over the wire.
    const whm = new WhmClient({ baseUrl: `${server.url}/_w/${w}/whm`, auth: { user: 'root', token: ROOT_TOKEN } });
    await whm.createAccount('erin', { domain: 'erin.example.com', password: 'Erin-pass-123', plan: 'basic' });
    const whmView = (await get(`/worlds/${w}/state/whm`)).json;
    expect(whmView.sections.map((s: Section) => s.title)).toEqual(['Accounts', 'Packages', 'Zones', 'Resellers', 'API tokens']);
    expect(section(whmView, 'Accounts').rows.map((r) => r.cells.user)).toEqual(expect.arrayContaining(['alice', 'erin']));
    expect(section(whmView, 'Zones').rows.find((r) => r.cells.domain === 'erin.example.com')!.cells.records).toBeGreaterThan(0);
    expect(section(whmView, 'API tokens').columns).not.toContain('token');

    expect(await get(`/worlds/${w}/state/plesk`)).toMatchObject({ status: 404, json: { error: { code: 'panel_not_found' } } });
    expect(await get('/worlds/nope/state/whm')).toMatchObject({ status: 404, json: { error: { code: 'world_not_found' } } });
  });

  it('opens one journal entry with its wire text, secrets redacted in every form', async () => {
    const w = 'wire';
    const whm = new WhmClient({ baseUrl: `${server.url}/_w/${w}/whm`, auth: { user: 'root', token: ROOT_TOKEN } });
    await whm.createAccount('fred', { domain: 'fred.example.com', password: 'Fr&d <pass> 1', plan: 'basic' });
    const gandi = new GandiClient({ url: `${server.url}/_w/${w}/gandi/hosting/` });
    const session = await gandi.login('AA1234-GANDI', 'mypassword');
    await gandi.vmList();
    const entries = (await get(`/worlds/${w}/journal`)).json.entries;
    const [create, login, list] = entries;

    const c = (await get(`/worlds/${w}/journal/${create.id}`)).json;
    expect(c).toMatchObject({ method: 'createacct', outcome: 'ok', args: { password: '[redacted]' } });
    expect(c.wire.url).toMatch(/^\/_w\/wire\/whm\/json-api\/createacct\?api\.version=1&username=fred&/);
    expect(c.wire.request).toMatch(/^GET \/json-api\/createacct\?/);
    expect(c.wire.request).toContain('authorization: whm [redacted]');
    expect(c.wire.response).toMatch(/^HTTP\/1\.1 200\ncontent-type: application\/json/);
    expect(JSON.parse(c.wire.response.split('\n\n')[1])).toMatchObject({ metadata: { command: 'createacct', result: 1 } });
    for (const text of [c.wire.request, c.wire.response, c.wire.url]) {
      expect(text).not.toContain(ROOT_TOKEN);
      expect(text).not.toContain(encodeURIComponent('Fr&d <pass> 1'));
      expect(text).not.toContain(new URLSearchParams({ p: 'Fr&d <pass> 1' }).toString().slice(2));
    }

    // XML-RPC: the password in the request, the session id in login's answer and in the next call.
    const l = (await get(`/worlds/${w}/journal/${login.id}`)).json;
    expect(l.wire.request).toContain('<methodName>login</methodName>');
    expect(l.wire.request).not.toContain('mypassword');
    expect(l.wire.response).not.toContain(session);
    expect(l.wire.response).toContain('[redacted]');
    const v = (await get(`/worlds/${w}/journal/${list.id}`)).json;
    expect(v.wire.request).not.toContain(session);
    expect(v.wire.url).toBe('/_w/wire/gandi/hosting/');

    expect(await get(`/worlds/${w}/journal/999`)).toMatchObject({ status: 404, json: { error: { code: 'journal_entry_not_found' } } });
    expect(await get(`/worlds/${w}/journal/x`)).toMatchObject({ status: 400, json: { error: { code: 'bad_request' } } });
  });

  it('filters the journal by text, by the fault rule that fired and by an exact member', async () => {
    const w = 'filters';
    const whm = new WhmClient({ baseUrl: `${server.url}/_w/${w}/whm`, auth: { user: 'root', token: ROOT_TOKEN } });
    await whm.accountSummary({ user: 'alice' });
    await whm.accountSummary({ user: 'bob' });
    const res = await fetch(`${server.admin}/worlds/${w}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'accountsummary', times: 1, effect: { type: 'http', status: 502 } }),
    });
    const rule = (await res.json()) as { id: number };
    await whm.accountSummary({ user: 'carol' }).catch(() => undefined);
    await whm.accountSummary({ user: 'carol' });
    const methods = async (q: string) => (await get(`/worlds/${w}/journal?${q}`)).json.entries.map((e: any) => `${e.args.user}${e.injected ? '!' : ''}`);
    expect(await methods('text=BOB')).toEqual(['bob']);
    expect(await methods(`rule=${rule.id}`)).toEqual(['carol!']);
    expect(await methods(`rule=${rule.id + 10}`)).toEqual([]);
    expect(await methods('member=user:carol')).toEqual(['carol!', 'carol']);
    expect(await methods('member=user:caro')).toEqual([]);
    expect(await get(`/worlds/${w}/journal?text=${'x'.repeat(201)}`)).toMatchObject({ status: 400, json: { error: { code: 'bad_request' } } });
    expect(await get(`/worlds/${w}/journal?member=nocolon`)).toMatchObject({ status: 400, json: { error: { code: 'bad_request' } } });
  });
});

describe('dashboard page', () => {
  const raw = (base: string, path: string, method = 'GET') =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const req = request(`${base}${path}`, { method }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves its own files with a strict content security policy, and nothing else', async () => {
    const index = await raw(server.url, '/_admin/ui/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.body).toContain('<script type="module" src="app.js"></script>');
    for (const file of ['app.js', 'view.js', 'wire-view.js', 'style.css']) {
      const r = await raw(server.url, `/_admin/ui/${file}`);
      expect(r.status).toBe(200);
      // Offline: no file refers to another host.
      expect(r.body).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    }
    expect((await raw(server.url, '/_admin/ui')).headers.location).toBe('/_admin/ui/');
    expect(await raw(server.url, '/_admin/ui/../admin-api.ts')).toMatchObject({ status: 404 });
    expect(await raw(server.url, '/_admin/ui/app.js', 'POST')).toMatchObject({ status: 405 });
  });

  it('with an admin token: the page loads for anyone, its data needs the token', async () => {
    const guarded = await startTestServer({ adminToken: 's3cret-admin' });
    try {
      expect((await raw(guarded.url, '/_admin/ui/')).status).toBe(200);
      expect((await fetch(`${guarded.admin}/overview`)).status).toBe(401);
      expect((await fetch(`${guarded.admin}/overview`, { headers: { authorization: 'Bearer s3cret-admin' } })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
