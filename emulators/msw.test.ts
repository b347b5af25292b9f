import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IspconfigClient } from '../clients/ispconfig/index.js';
import { XmlRpcFault, XmlRpcTransport } from '../clients/transport/xmlrpc-transport.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { createMockpanel } from './mockpanel.js';
import { panelHandlers } from './msw.js';

const WHM_TOKEN = 'MOCKPANELROOTTOKEN00000000000000';
const whmAuth = { authorization: `whm root:${WHM_TOKEN}` };
const xmlCall = (method: string, ...strings: string[]) =>
  `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${strings
    .map((s) => `<param><value><string>${s}</string></value></param>`)
    .join('')}</params></methodCall>`;

const core = createMockpanel();
const other = { hit: 0 };
const handlers = panelHandlers({ core, hosts: { 'panel.example.com:8080': 'ispconfig', 'whm.example.com:2087': 'whm', 'wf.internal': 'webfaction' } });
const server = setupServer(
  ...handlers,
  // A user's own handler after ours: requests not for a panel must reach it.
  http.all('https://elsewhere.example/*', () => {
    other.hit++;
    return HttpResponse.json({ mine: true });
  }),
  // Last: whatever no handler above took (except the loopback server of the comparison tests).
  http.all(
    ({ request }) => new URL(request.url).hostname !== '127.0.0.1',
    () => HttpResponse.json({ fellThrough: true }),
  ),
);

beforeAll(() =>
  server.listen({
    // The HTTP server of the comparison tests is real: let loopback through, refuse anything else unhandled.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  core.worlds.close();
});

/** Calls the world took, from its journal: where a request landed, independent of what the panel answered. */
const methodsIn = (world: string) =>
  core.worlds
    .get(world)
    ?.journal.query({})
    .map((e) => `${e.panel}.${e.method}`) ?? [];

describe('panelHandlers answers the real hosts in process', () => {
  it('WebFaction at https://api.webfaction.com/ through fetch and through the xmlrpc package (node:http)', async () => {
    const res = await fetch('https://api.webfaction.com/', {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: xmlCall('login', 'widgetsco', 'widgetsrock'),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<methodResponse>');

    const rpc = new XmlRpcTransport({ url: 'https://api.webfaction.com/' });
    const [session, account] = await rpc.call<[string, Record<string, unknown>]>('login', 'widgetsco', 'widgetsrock');
    expect(typeof session).toBe('string');
    expect(account.username).toBe('widgetsco');
    await expect(rpc.call('login', 'widgetsco', 'wrong')).rejects.toBeInstanceOf(XmlRpcFault);
  });

  it('Gandi at api.gandi.net under both /hosting/ and /xmlrpc/', async () => {
    for (const path of ['/hosting/', '/xmlrpc/']) {
      const rpc = new XmlRpcTransport({ url: `https://api.gandi.net${path}` });
      expect(typeof (await rpc.call('login', 'AA1234-GANDI', 'mypassword'))).toBe('string');
    }
  });

  it('configured hosts: ISPConfig and WHM at host:port, a host without port on any port', async () => {
    const ispc = await fetch('https://panel.example.com:8080/remote/json.php?login', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
    });
    expect((await ispc.json()).code).toBe('ok');

    // SOAP through the ISPConfig reference client.
    const soap = new IspconfigClient({ url: 'https://panel.example.com:8080', username: 'admin', password: 'admin' });
    expect(Array.isArray(await soap.serverGetAll())).toBe(true);

    const whm = await fetch('https://whm.example.com:2087/json-api/version?api.version=1', { headers: whmAuth });
    expect((await whm.json()).metadata.result).toBe(1);

    const wf = await fetch('http://wf.internal:9999/', { method: 'POST', body: xmlCall('login', 'widgetsco', 'widgetsrock') });
    expect(await wf.text()).toContain('<methodResponse>');
  });

  it('leaves other hosts, other ports of a host:port entry, and the admin path to the next handler', async () => {
    expect(await (await fetch('https://elsewhere.example/x')).json()).toEqual({ mine: true });
    expect(other.hit).toBe(1);
    expect(await (await fetch('https://whm.example.com:2086/json-api/version')).json()).toEqual({ fellThrough: true });
    expect(await (await fetch('https://api.webfaction.com/_admin/health')).json()).toEqual({ fellThrough: true });
  });

  it('panels: only the listed panels answer, the rest fall through; without a core option it builds its own', async () => {
    const gandiOnly = panelHandlers({ panels: ['gandi'] });
    server.use(...gandiOnly);
    try {
      await new XmlRpcTransport({ url: 'https://api.gandi.net/xmlrpc/' }).call('login', 'AA1234-GANDI', 'mypassword');
      const before = methodsIn('default').length;
      await fetch('https://whm.example.com:2087/json-api/version', { headers: whmAuth });
      expect(
        gandiOnly.core.worlds
          .get('default')!
          .journal.query({})
          .map((e) => e.method),
      ).toEqual(['login']);
      expect(gandiOnly.core.panels.has('whm')).toBe(false);
      // WHM went past the Gandi-only handlers to the shared core.
      expect(methodsIn('default').slice(before)).toEqual(['whm.version']);
    } finally {
      gandiOnly.core.worlds.close();
    }
  });
});

describe('worlds', () => {
  it('the world option (a string, or a function asked per request), the X-Mockpanel-World header and the /_w/ prefix', async () => {
    for (const id of ['opt-a', 'opt-b', 'hdr', 'pfx']) core.worlds.create(id);
    let current = 'opt-a';
    server.use(...handlers.withWorld(() => current));
    const version = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { ...whmAuth, ...headers } });

    await version('https://whm.example.com:2087/json-api/version');
    current = 'opt-b';
    await version('https://whm.example.com:2087/json-api/version');
    await version('https://whm.example.com:2087/json-api/version', { 'x-mockpanel-world': 'hdr' });
    await version('https://whm.example.com:2087/_w/pfx/json-api/version');

    // Each world saw exactly its own call.
    for (const id of ['opt-a', 'opt-b', 'hdr', 'pfx']) expect(methodsIn(id), id).toEqual(['whm.version']);
    for (const id of ['opt-a', 'opt-b', 'hdr', 'pfx']) core.worlds.delete(id);
  });

  it('server.boundary(): concurrent boundaries, each with its own world, never see each other', async () => {
    const inWorld = (n: number) =>
      server.boundary(async () => {
        const world = core.worlds.create().id;
        server.use(...handlers.withWorld(world));
        const user = `bnd${n}`;
        const created = await fetch(`https://whm.example.com:2087/json-api/createacct?api.version=1&username=${user}&domain=${user}.example.com`, {
          headers: whmAuth,
        });
        expect((await created.json()).metadata.result).toBe(1);
        // Yield so the other boundary runs in between.
        await new Promise((r) => setTimeout(r, 5));
        const list = await (await fetch('https://whm.example.com:2087/json-api/listaccts?api.version=1', { headers: whmAuth })).json();
        const users: string[] = list.data.acct.map((a: { user: string }) => a.user);
        core.worlds.delete(world);
        return users;
      })();
    const [a, b] = await Promise.all([inWorld(1), inWorld(2)]);
    expect(a).toContain('bnd1');
    expect(a).not.toContain('bnd2');
    expect(b).toContain('bnd2');
    expect(b).not.toContain('bnd1');
    // Outside the boundaries the default world has neither.
    const list = await (await fetch('https://whm.example.com:2087/json-api/listaccts?api.version=1', { headers: whmAuth })).json();
    expect(list.data.acct.map((x: { user: string }) => x.user)).not.toContain('bnd1');
  });
});

describe('injected transport faults are acted out as the server does', () => {
  const world = 'faulty';
  beforeAll(() => {
    core.worlds.create(world);
  });
  afterAll(() => core.worlds.delete(world));
  afterEach(() => core.worlds.get(world)!.faults.clear());
  const call = () => fetch(`https://whm.example.com:2087/_w/${world}/json-api/version?api.version=1`, { headers: whmAuth });

  it('reset: the request fails with a network error (fetch and node:http)', async () => {
    core.worlds.get(world)!.faults.add({ effect: { type: 'reset' } });
    await expect(call()).rejects.toThrow(TypeError);
    const rpc = new XmlRpcTransport({ url: `https://api.webfaction.com/_w/${world}/` });
    await expect(rpc.call('login', 'widgetsco', 'widgetsrock')).rejects.not.toBeInstanceOf(XmlRpcFault);
  });

  it('truncate: headers arrive, reading the body fails after the first bytes', async () => {
    core.worlds.get(world)!.faults.add({ effect: { type: 'truncate', bytes: 5 } });
    const res = await call();
    expect(res.status).toBe(200);
    const full = Number(res.headers.get('content-length'));
    expect(full).toBeGreaterThan(5);
    await expect(res.text()).rejects.toThrow();
  });

  it('latency: the answer waits', async () => {
    core.worlds.get(world)!.faults.add({ effect: { type: 'latency', ms: 60 } });
    const started = Date.now();
    expect((await call()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('in process answers what the server answers', () => {
  let http: TestServer;
  beforeAll(async () => {
    http = await startTestServer();
  });
  afterAll(() => http.close());

  // Requests whose answers hold no random ids, so the bytes must match exactly.
  const cases: { name: string; real: string; shared: string; init: RequestInit }[] = [
    {
      name: 'WebFaction bad login',
      real: 'https://api.webfaction.com/',
      shared: '/webfaction/',
      init: { method: 'POST', body: xmlCall('login', 'widgetsco', 'nope') },
    },
    {
      name: 'WebFaction unknown method',
      real: 'https://api.webfaction.com/',
      shared: '/webfaction/',
      init: { method: 'POST', body: xmlCall('no_such_method') },
    },
    { name: 'Gandi malformed XML', real: 'https://api.gandi.net/xmlrpc/', shared: '/gandi/xmlrpc/', init: { method: 'POST', body: '<methodCall>' } },
    {
      name: 'ISPConfig JSON bad login',
      real: 'https://panel.example.com:8080/remote/json.php?login',
      shared: '/ispconfig/remote/json.php?login',
      init: { method: 'POST', body: '{"username":"admin","password":"x"}' },
    },
    {
      name: 'WHM version',
      real: 'https://whm.example.com:2087/json-api/version?api.version=1',
      shared: '/whm/json-api/version?api.version=1',
      init: { headers: whmAuth },
    },
    {
      name: 'WHM refused token',
      real: 'https://whm.example.com:2087/json-api/listaccts',
      shared: '/whm/json-api/listaccts',
      init: { headers: { authorization: 'whm root:WRONG' } },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const inProcess = await fetch(c.real, c.init);
      const overHttp = await fetch(`${http.url}${c.shared}`, c.init);
      expect(inProcess.status).toBe(overHttp.status);
      expect(inProcess.headers.get('content-type')).toBe(overHttp.headers.get('content-type'));
      expect(await inProcess.text()).toBe(await overHttp.text());
    });
  }
});
