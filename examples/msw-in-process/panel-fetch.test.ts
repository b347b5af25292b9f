// The cheapest door: for code that takes a fetch function, panelFetch answers from the core without msw.
import { panelFetch, seededCredentials } from 'mockpanel';
import { WhmClient } from 'mockpanel/clients/whm';
import { afterEach, expect, it } from 'vitest';

const fetch = panelFetch({ hosts: { 'whm.example.com:2087': 'whm' } });
const whm = new WhmClient({ baseUrl: 'https://whm.example.com:2087', auth: { user: 'root', token: seededCredentials('whm').token! }, fetch });
afterEach(() => fetch.core.worlds.reset('default'));

it('creates and lists an account through the WHM reference client', async () => {
  await whm.createAccount('pfuser', { domain: 'pfuser.example' });
  expect((await whm.listAccounts()).map((a) => a.user)).toContain('pfuser');
});

it('sees the seeded state again after the reset', async () => {
  expect((await whm.listAccounts()).map((a) => a.user)).not.toContain('pfuser');
});
