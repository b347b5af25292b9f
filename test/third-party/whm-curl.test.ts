import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

const run = promisify(execFile);

/**
 * curl with the WHM reference's own request forms: whmapi1 samples turned
 * into `/json-api/FN?api.version=1&k=v` (the documented one-to-one mapping),
 * the batch description's URLs, the fetch_vhost_ssl_components filter URL
 * and the ticket_* samples' /cpsess##########/ prefix.
 */
describeWithClient('WHM: curl with the documented request forms', { command: 'curl', args: ['--version'], install: 'apt-get install curl' }, () => {
  let server: TestServer;
  let base: string;
  beforeAll(async () => {
    server = await startTestServer({ panelPorts: { whm: 0 } });
    base = server.listeners.find((l) => l.name === 'whm')!.url.replace(/\/$/, '');
  });
  afterAll(() => server?.close());

  const curl = async (path: string, ...extra: string[]) => {
    const { stdout } = await run('curl', ['-sS', '-H', `Authorization: whm root:${ROOT_TOKEN}`, ...extra, `${base}${path}`]);
    return JSON.parse(stdout);
  };

  it('creates, lists, suspends and removes the documented example account', async () => {
    const created = await curl('/json-api/createacct?api.version=1&username=username&domain=example.com');
    expect(created.metadata).toMatchObject({ command: 'createacct', result: 1, reason: 'Account Creation Ok' });
    expect(created.data).toMatchObject({ package: 'default' });
    const listed = await curl('/json-api/listaccts?api.version=1&searchtype=domain&search=example.com&searchmethod=exact');
    expect(listed.data.acct.map((a: { user: string }) => a.user)).toEqual(['username']);
    expect((await curl('/json-api/suspendacct?api.version=1&user=username')).metadata.result).toBe(1);
    expect((await curl('/json-api/unsuspendacct?api.version=1&user=username')).metadata.result).toBe(1);
    const removed = await curl('/json-api/removeacct?api.version=1&username=username');
    expect(removed.metadata).toMatchObject({ result: 1, reason: 'username account removed' });
  });

  it('runs the batch description’s URLs', async () => {
    const three = await curl('/json-api/batch?api.version=1&command=version&command=version&command=version');
    expect(three.data.result.map((r: { metadata: { command: string } }) => r.metadata.command)).toEqual(['version', 'version', 'version']);
    await curl('/json-api/adddns?api.version=1&domain=example.com&ip=192.0.2.20');
    const killed = await curl('/json-api/batch?api.version=1&command=killdns%3Fdomain%3Dexample.com');
    expect(killed.data.result[0].metadata).toMatchObject({ command: 'killdns', result: 1, reason: 'Zones Removed' });
    expect((await curl('/json-api/listzones?api.version=1')).data.zone.some((z: { domain: string }) => z.domain === 'example.com')).toBe(false);
  });

  it('filters and sorts with the fetch_vhost_ssl_components URL, reflecting the filter', async () => {
    const r = await curl(
      '/json-api/fetch_vhost_ssl_components?api.version=1&api.filter.a.field=servername&api.filter.a.arg0=servername.com&api.filter.a.type=eq&api.filter.enable=1&api.sort.enable=1&api.sort.a.field=servername',
    );
    expect(r.metadata.result).toBe(1);
    expect(r.data.components).toEqual([]);
  });

  it('accepts the ticket samples’ /cpsess##########/ prefix, a POSTed form body and Basic auth', async () => {
    const ticket = await curl('/cpsess0123456789/json-api/ticket_list?api.version=1&ticket_id=999999999&server_num=2');
    expect(ticket.metadata).toMatchObject({ command: 'ticket_list', result: 1 });
    const form = await curl('/json-api/addzonerecord?api.version=1', '-d', 'domain=carol.example.net&name=curl&type=A&address=192.0.2.99');
    expect(form.metadata.result).toBe(1);
    const { stdout } = await run('curl', ['-sS', '-u', 'root:rootpw', `${base}/json-api/getdomainowner?api.version=1&domain=carol.example.net`]);
    expect(JSON.parse(stdout).data).toEqual({ user: 'carol' });
    const { stdout: denied } = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-u',
      'root:wrong',
      `${base}/json-api/version?api.version=1`,
    ]);
    expect(denied).toBe('401');
  });
});
