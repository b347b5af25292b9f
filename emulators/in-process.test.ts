import { afterAll, describe, expect, it } from 'vitest';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { panelFetch } from './in-process.js';

const whmAuth = { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' };
const fetchPanel = panelFetch({ hosts: { 'whm.example.com:2087': 'whm' } });
const core = fetchPanel.core;
afterAll(() => core.worlds.close());

describe('panelFetch: the panels as a fetch function, no msw, no socket', () => {
  it('answers a configured host and a real host, from the world the request names', async () => {
    core.worlds.create('pf');
    const res = await fetchPanel('https://whm.example.com:2087/json-api/version?api.version=1', { headers: { ...whmAuth, 'x-mockpanel-world': 'pf' } });
    expect(res.status).toBe(200);
    expect((await res.json()).metadata.result).toBe(1);
    expect(
      core.worlds
        .get('pf')!
        .journal.query({})
        .map((e) => e.method),
    ).toEqual(['version']);

    const login = await fetchPanel(
      new Request('https://api.webfaction.com/', { method: 'POST', body: '<methodCall><methodName>login</methodName><params/></methodCall>' }),
    );
    expect(await login.text()).toContain('<fault>');
  });

  it('refuses a host that is not a panel, and a panel left out by `panels`', async () => {
    await expect(fetchPanel('https://example.org/')).rejects.toMatchObject({ code: 'not_a_panel_host' });
    const gandiOnly = panelFetch({ core, panels: ['gandi'] });
    await expect(gandiOnly('https://api.webfaction.com/', { method: 'POST', body: '' })).rejects.toBeInstanceOf(MockpanelError);
  });

  it('acts out injected reset and truncate faults as a network failure', async () => {
    const world = core.worlds.create('pf-faults');
    const call = () => fetchPanel('https://whm.example.com:2087/_w/pf-faults/json-api/version', { headers: whmAuth });
    world.faults.add({ effect: { type: 'reset' }, times: 1 });
    await expect(call()).rejects.toThrow(TypeError);
    world.faults.add({ effect: { type: 'truncate', bytes: 3 }, times: 1 });
    const cut = await call();
    await expect(cut.text()).rejects.toThrow(/terminated/);
    expect((await call()).status).toBe(200);
  });
});
