import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebfactionClient, WebfactionError } from '../../clients/webfaction/index.js';
import { runScenario } from '../../conformance/run-scenario.js';
import { siteLifeCycle } from '../../conformance/webfaction/life-cycle.js';
import { seededCredentials } from '../../emulators/seeded-credentials.js';
import { createMockpanel } from '../../emulators/mockpanel.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const endpoint = (world: string) => `${server.url}/_w/${world}/webfaction/`;
const client = (world: string, extra: Partial<ConstructorParameters<typeof WebfactionClient>[0]> = {}) =>
  new WebfactionClient({ url: endpoint(world), ...seededCredentials('webfaction'), ...extra });

async function setting(world: string, key: string, value: unknown): Promise<void> {
  const res = await fetch(`${server.admin}/worlds/${world}/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ [key]: value }),
  });
  expect(res.status).toBe(200);
}

async function advance(world: string, seconds: number): Promise<void> {
  const res = await fetch(`${server.admin}/worlds/${world}/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(res.status).toBe(200);
}

async function rejection(call: Promise<unknown>): Promise<WebfactionError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebfactionError);
  return error as WebfactionError;
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/xml', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const loginCall = (password: string) =>
  `<?xml version='1.0'?>\n<methodCall>\n<methodName>login</methodName>\n<params>\n<param>\n<value><string>widgetsco</string></value>\n</param>\n<param>\n<value><string>${password}</string></value>\n</param>\n</params>\n</methodCall>\n`;

describe('WebFaction on the wire', () => {
  it("answers like Python's xmlrpclib: its declaration, <int>, no <nil/>", async () => {
    const res = await post('/_w/wf-wire/webfaction/', loginCall('widgetsrock'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml');
    expect(res.body.startsWith("<?xml version='1.0'?>\n<methodResponse>")).toBe(true);
    expect(res.body).toContain('<name>id</name>\n<value><int>12345</int></value>');
    expect(res.body).not.toContain('<nil');
  });

  it('sends faults as HTTP 200 with faultCode <int>1</int>', async () => {
    const res = await post('/_w/wf-wire/webfaction/', loginCall('wrong'));
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<name>faultCode<\/name>\n<value><int>1<\/int><\/value>/);
    expect(res.body).toContain("<string>&lt;class 'webfaction_api.exceptions.LoginError'&gt;:</string>");
  });

  it('answers at / when the Host is api.webfaction.com (what hard-coded clients send)', async () => {
    const res = await post('/', loginCall('widgetsrock'), { host: 'api.webfaction.com', 'x-mockpanel-world': 'wf-host' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<name>web_server</name>\n<value><string>Web100</string></value>');
  });

  it('answers a bad call in the panel fault format, naming the documented signature', async () => {
    const e = await rejection(client('wf-args').call('create_domain'));
    expect(e.code).toBe('bad_arguments');
    expect(e.faultString).toBe('<type \'exceptions.TypeError\'>:create_domain: missing required argument "domain"');
    await setting('wf-args', 'webfaction.faultStyle', 'modern');
    expect((await rejection(client('wf-args').call('create_domain'))).faultString).toBe('TypeError: create_domain: missing required argument "domain"');
    expect((await rejection(client('wf-args').call('create_domainz'))).faultString).toBe('method "create_domainz" is not supported');
  });
});

describe('WebFaction state and journal', () => {
  it('returns a struct (never nil) from every create/update/delete of the life cycle, and redacts passwords', async () => {
    const world = 'wf-journal';
    const result = await runScenario(siteLifeCycle, {
      panel: 'webfaction',
      baseUrl: `${server.url}/_w/${world}/webfaction`,
      credentials: seededCredentials('webfaction'),
      kind: 'emulator',
      admin: { url: server.admin, world },
    });
    expect(result.status, result.message).toBe('passed');
    const journal = (await (await fetch(`${server.admin}/worlds/${world}/journal?panel=webfaction&limit=1000`)).json()) as {
      entries: { method: string; outcome: string; result: unknown; args: Record<string, unknown> }[];
    };
    const mutations = journal.entries.filter((e) => e.outcome === 'ok' && /^(create|update|delete|change)_/.test(e.method));
    expect(mutations.length).toBeGreaterThanOrEqual(13);
    for (const e of mutations) expect(typeof e.result === 'object' && e.result !== null && !Array.isArray(e.result), e.method).toBe(true);
    const containsNull = (v: unknown): boolean => v === null || (typeof v === 'object' && Object.values(v as object).some(containsNull));
    expect(journal.entries.filter((e) => containsNull(e.result)).map((e) => e.method)).toEqual([]);
    expect(JSON.stringify(journal.entries.filter((e) => e.method === 'login').map((e) => e.args))).not.toContain('widgetsrock');
  });

  it('keeps sessions as long as webfaction.sessionSeconds says', async () => {
    const world = 'wf-short-sessions';
    expect(
      (await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: world }) })).status,
    ).toBe(201);
    await setting(world, 'webfaction.sessionSeconds', 60);
    const wf = client(world, { relogin: false });
    await wf.login();
    await advance(world, 59);
    await wf.listDomains();
    await advance(world, 2);
    expect((await rejection(wf.listDomains())).code).toBe('login_failed');
  });

  it('takes create_app’s 6th argument as open_port when boolean and script_code when a string', async () => {
    const wf = client('wf-sixth');
    expect((await wf.createApp('scripted', 'static', false, '', 'echo hi')).port).toBe(0);
    const e = await rejection(wf.createApp('portless', 'static', false, '', true));
    expect(e.detail).toBe('open_port: app type "static" does not listen on a port');
    const v2 = client('wf-sixth', { version: 2 });
    const apps = await v2.listApps();
    expect(apps.find((a) => a.name === 'scripted')).toMatchObject({ open_port: false });
    const v1Apps = await wf.listApps();
    expect('open_port' in v1Apps[0]).toBe(false);
  });

  it('keeps what a system() command did before it wrote to stderr', async () => {
    const wf = client('wf-shell');
    const e = await rejection(wf.system('mkdir kept && ls missing'));
    expect(e.faultString).toBe("ls: cannot access 'missing': No such file or directory");
    expect(await wf.system('ls -d kept')).toBe('kept\n');
  });

  it('rolls back a call that fails half way', async () => {
    const wf = client('wf-rollback');
    await wf.createDomain('rollback.example');
    // The website's IP and domain are fine; the second site app is not: nothing may remain.
    await rejection(wf.createWebsite('half', '174.133.82.194', false, ['rollback.example'], [['missing_app', '/']]));
    expect(await wf.listWebsites()).toEqual([]);
  });
});

describe('WebFaction seed', () => {
  it('takes accounts and machines from the seed section', async () => {
    const core = createMockpanel({
      panels: ['webfaction'],
      seed: {
        webfaction: {
          machines: [{ name: 'Web7', main_ip: '198.51.100.7' }],
          accounts: [{ username: 'acme', password: 's3cret', machines: ['Web7'] }],
        },
      },
    });
    try {
      const world = core.worlds.get('default') ?? core.worlds.create('default');
      const row = world.db
        .prepare('SELECT a.username, m.name FROM wf_account a JOIN wf_account_machine am ON am.account_id = a.id JOIN wf_machine m ON m.id = am.machine_id')
        .all();
      expect(row).toEqual([{ username: 'acme', name: 'Web7' }]);
    } finally {
      core.worlds.close();
    }
  });

  it('refuses a seed whose account names an unknown machine', () => {
    const make = () =>
      createMockpanel({
        panels: ['webfaction'],
        seed: { webfaction: { machines: [{ name: 'Web7', main_ip: '198.51.100.7' }], accounts: [{ username: 'a', password: 'b', machines: ['Web8'] }] } },
      });
    expect(() => {
      const core = make();
      try {
        core.worlds.get('default') ?? core.worlds.create('default');
      } finally {
        core.worlds.close();
      }
    }).toThrow(/Web8/);
  });
});
