import { afterAll, describe, expect, it } from 'vitest';
import { CpanelClient } from '../../clients/cpanel/index.js';
import { WhmClient } from '../../clients/whm/index.js';
import { panelFetch } from '../../emulators/in-process.js';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';

// The cheapest door: a cPanel host answered in memory by the same core, codecs and state as the HTTP server.
const fetchInProcess = panelFetch({ hosts: { 'host.example.com:2083': 'cpanel', 'host.example.com:2087': 'whm' } });
afterAll(() => fetchInProcess.core.worlds.close());

describe('the cPanel door in process', () => {
  it('answers a cPanel client at a real host and port name, over WHM’s state', async () => {
    const whm = new WhmClient({ url: 'https://host.example.com:2087', username: 'root', token: ROOT_TOKEN, fetch: fetchInProcess });
    await whm.createAccount('inproc', { domain: 'inproc.example.com', password: 'S3cret!pass-1', plan: 'default' });
    const cp = new CpanelClient({ url: 'https://host.example.com:2083', username: 'inproc', password: 'S3cret!pass-1', fetch: fetchInProcess });
    const serial = await cp.zoneSerial('inproc.example.com');
    await cp.massEditZone('inproc.example.com', serial, { add: [{ dname: '_acme-challenge', ttl: 60, record_type: 'TXT', data: ['in-process'] }] });
    expect((await whm.dumpZone('inproc.example.com')).some((r) => r.txtdata === 'in-process')).toBe(true);
  });
});
