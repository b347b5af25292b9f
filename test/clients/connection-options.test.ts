import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GandiClient } from '../../clients/gandi/index.js';
import { IspconfigClient } from '../../clients/ispconfig/index.js';
import { WebfactionClient } from '../../clients/webfaction/index.js';
import { WhmClient } from '../../clients/whm/index.js';
import { seededCredentials } from '../../emulators/seeded-credentials.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The four reference clients take one constructor shape and never write to what they are given.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const journalOf = async (world: string) =>
  ((await (await fetch(`${server.admin}/worlds/${world}/journal`)).json()) as { entries: { panel: string; method: string }[] }).entries.map(
    (e) => `${e.panel}.${e.method}`,
  );

describe('reference clients: one options shape, caller options untouched', () => {
  it('one shared headers object passed to all four clients: every call succeeds and the object is unchanged', async () => {
    await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'shared-headers' }) });
    const headers = { 'X-Mockpanel-World': 'shared-headers' };
    const frozen = Object.freeze({ ...headers });
    const wf = new WebfactionClient({ url: `${server.url}/webfaction/`, headers, ...seededCredentials('webfaction') });
    const gandi = new GandiClient({ url: `${server.url}/gandi/hosting/`, headers, ...seededCredentials('gandi') });
    const isp = new IspconfigClient({ url: `${server.url}/ispconfig`, headers, ...seededCredentials('ispconfig'), timeoutMs: 5000 });
    const isJson = new IspconfigClient({ url: `${server.url}/ispconfig`, headers, protocol: 'json', ...seededCredentials('ispconfig'), timeoutMs: 5000 });
    const whm = new WhmClient({ url: `${server.url}/whm`, headers, username: 'root', token: seededCredentials('whm').token! });
    // XML-RPC first (the xmlrpc package writes Content-Length into its headers), then the fetch-based clients.
    await wf.listMailboxes();
    expect(await gandi.accountCurrency()).toBe('EUR');
    expect(Array.isArray(await isp.call('get_function_list'))).toBe(true);
    expect(Array.isArray(await isJson.call('get_function_list'))).toBe(true);
    expect((await whm.listAccounts()).length).toBeGreaterThan(0);
    await wf.listMailboxes();
    expect(headers).toEqual(frozen);
    expect(await journalOf('shared-headers')).toEqual([
      'webfaction.login',
      'webfaction.list_mailboxes',
      'gandi.login',
      'gandi.account_currency',
      'ispconfig.login',
      'ispconfig.get_function_list',
      'ispconfig.login',
      'ispconfig.get_function_list',
      'whm.listaccts',
      'webfaction.list_mailboxes',
    ]);
  });

  it('frozen options work (nothing is written to them), and `world` picks the world like the header does', async () => {
    await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'by-option' }) });
    const headers = Object.freeze({ 'X-Test': '1' });
    const wf = new WebfactionClient(Object.freeze({ url: `${server.url}/webfaction/`, headers, world: 'by-option', ...seededCredentials('webfaction') }));
    const whm = new WhmClient(
      Object.freeze({ url: `${server.url}/whm`, headers, world: 'by-option', username: 'root', password: seededCredentials('whm').password }),
    );
    await wf.listMailboxes();
    expect((await whm.listAccounts()).length).toBeGreaterThan(0);
    expect(await journalOf('by-option')).toEqual(['webfaction.login', 'webfaction.list_mailboxes', 'whm.listaccts']);
  });

  it('WHM keeps the earlier { baseUrl, auth } form', async () => {
    const whm = new WhmClient({ baseUrl: `${server.url}/whm/`, auth: { user: 'root', token: seededCredentials('whm').token! } });
    expect((await whm.listAccounts()).map((a) => a.user)).toContain('carol');
  });
});
