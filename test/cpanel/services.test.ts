import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpanelError } from '../../clients/cpanel/index.js';
import { TEST_CERTIFICATE, TEST_PRIVATE_KEY } from '../../conformance/whm/test-certificate.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { cpanelAs, whmRoot } from './support.js';

// SSL, Ftp, Cron and the usage reads on the cPanel port, over the rows WHM reads.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ panelPorts: { cpanel: 0 } });
});
afterAll(() => server?.close());

async function account(world: string, user: string, plan = 'pro') {
  await whmRoot(server, world).createAccount(user, { domain: `${user}.example.com`, password: 'S3cret!pass-1', plan });
  return cpanelAs(server, world, user, { password: 'S3cret!pass-1' });
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as CpanelError,
  );

describe('cPanel SSL, Ftp, Cron and usage', () => {
  it('installs a certificate WHM then lists, lists certs, keys and hosts, and deletes it', async () => {
    const world = 'ssl';
    const cp = await account(world, 'secure');
    const installed = (
      await cp.uapi<Record<string, unknown>>('SSL', 'install_ssl', { domain: 'secure.example.com', cert: TEST_CERTIFICATE, key: TEST_PRIVATE_KEY }, 'POST')
    ).data;
    expect(installed).toMatchObject({
      action: 'install',
      servername: 'secure.example.com',
      user: 'secure',
      working_domains: expect.arrayContaining(['secure.example.com']),
    });
    const vhosts = await whmRoot(server, world).data<{ vhosts: { servername: string }[] }>('fetch_ssl_vhosts');
    expect(vhosts.vhosts.map((v) => v.servername)).toContain('secure.example.com');

    const certs = (await cp.uapi<{ id: string; domains: string[]; is_self_signed: number }[]>('SSL', 'list_certs')).data;
    expect(certs).toEqual([expect.objectContaining({ id: installed.cert_id, domains: ['*.example.com', 'example.com'], is_self_signed: 1 })]);
    expect((await cp.uapi<{ id: string }[]>('SSL', 'list_keys')).data.map((k) => k.id)).toEqual([installed.key_id]);
    expect((await cp.uapi<{ servername: string }[]>('SSL', 'installed_hosts')).data.map((h) => h.servername)).toEqual(['secure.example.com']);

    const mismatch = await errorOf(cp.uapi('SSL', 'install_ssl', { domain: 'secure.example.com', cert: TEST_CERTIFICATE, key: 'not a key' }, 'POST'));
    expect(mismatch?.errors[0]).toMatch(/“key”/);
    await cp.uapi('SSL', 'delete_ssl', { domain: 'secure.example.com' });
    expect((await cp.uapi<unknown[]>('SSL', 'installed_hosts')).data).toEqual([]);
    expect((await errorOf(cp.uapi('SSL', 'delete_ssl', { domain: 'secure.example.com' })))?.code).toBe('api_failure');

    const [api2] = await cp.api2<{ result: number; servername: string }>('SSL', 'installssl', {
      domain: 'secure.example.com',
      crt: TEST_CERTIFICATE,
      key: TEST_PRIVATE_KEY,
    });
    expect(api2).toMatchObject({ result: 1, servername: 'secure.example.com' });
  });

  it('adds, lists and deletes FTP accounts within the account’s limit', async () => {
    const world = 'ftp';
    const cp = await account(world, 'ftpuser', 'basic');
    await cp.uapi('Ftp', 'add_ftp', { user: 'upload', pass: 'Ftp!pass-123', quota: 100 });
    await cp.uapi('Ftp', 'add_ftp', { user: 'backup', pass: 'Ftp!pass-123', homedir: 'backups' });
    const list = (await cp.uapi<{ user: string; type: string; homedir: string }[]>('Ftp', 'list_ftp')).data;
    expect(list).toEqual([
      { user: 'ftpuser', type: 'main', homedir: '/home/ftpuser' },
      { user: 'backup@ftpuser.example.com', type: 'sub', homedir: '/home/ftpuser/backups' },
      { user: 'upload@ftpuser.example.com', type: 'sub', homedir: '/home/ftpuser/public_html/upload' },
    ]);
    // The basic package allows two FTP accounts.
    expect((await errorOf(cp.uapi('Ftp', 'add_ftp', { user: 'third', pass: 'Ftp!pass-123' })))?.errors[0]).toMatch(/limit of 2 FTP accounts/);
    expect((await errorOf(cp.uapi('Ftp', 'add_ftp', { user: 'x', pass: 'Ftp!pass-123', domain: 'elsewhere.example.org' })))?.errors[0]).toMatch(
      /do not have access/,
    );
    await cp.uapi('Ftp', 'delete_ftp', { user: 'upload@ftpuser.example.com' });
    expect((await errorOf(cp.uapi('Ftp', 'delete_ftp', { user: 'upload' })))?.errors[0]).toMatch(/does not exist/);
    const stats = (await cp.uapi<{ id: string; count: string; max: string }[]>('StatsBar', 'get_stats', { display: 'ftpaccounts' })).data;
    expect(stats).toEqual([expect.objectContaining({ id: 'ftpaccounts', count: '1', max: '2', percent: 50 })]);
  });

  it('adds, lists and removes cron lines by line number', async () => {
    const world = 'cron';
    const cp = await account(world, 'cronuser');
    await cp.api2('Cron', 'add_line', { command: '/usr/bin/php ~/cron.php', minute: '*/5', hour: '*', day: '*', month: '*', weekday: '*' });
    await cp.api2('Cron', 'add_line', { command: 'echo nightly', minute: '0', hour: '3', day: '*', month: '*', weekday: '1-5' });
    const lines = await cp.api2<{ line: number; command: string; minute: string }>('Cron', 'listcron');
    expect(lines.map((l) => [l.line, l.command, l.minute])).toEqual([
      [1, '/usr/bin/php ~/cron.php', '*/5'],
      [2, 'echo nightly', '0'],
    ]);
    await cp.api2('Cron', 'remove_line', { line: 1 });
    expect((await cp.api2<{ line: number; command: string }>('Cron', 'listcron')).map((l) => [l.line, l.command])).toEqual([[1, 'echo nightly']]);
    expect((await errorOf(cp.api2('Cron', 'remove_line', { line: 7 })))?.errors[0]).toMatch(/line 7/);
    expect((await errorOf(cp.api2('Cron', 'add_line', { command: 'x', minute: 'every', hour: '*', day: '*', month: '*', weekday: '*' })))?.errors[0]).toMatch(
      /“minute”/,
    );
  });

  it('StatsBar and ResourceUsage count what the account has against its limits', async () => {
    const world = 'usage';
    const cp = await account(world, 'counted', 'basic');
    await cp.uapi('Email', 'add_pop', { email: 'a', password: 'Mailb0x!pass' });
    await cp.uapi('Mysql', 'create_database', { name: 'counted_db' });
    await cp.addSubdomain('blog', 'counted.example.com');
    const stats = (
      await cp.uapi<{ id: string; count: string; max: string; percent: number }[]>('StatsBar', 'get_stats', {
        display: 'emailaccounts|sqldatabases|subdomains',
      })
    ).data;
    expect(stats.map((s) => [s.id, s.count, s.max, s.percent])).toEqual([
      ['subdomains', '1', '5', 20],
      ['emailaccounts', '1', '10', 10],
      ['sqldatabases', '1', '2', 50],
    ]);
    const usages = (await cp.uapi<{ id: string; usage: number; maximum: number | null }[]>('ResourceUsage', 'get_usages')).data;
    expect(usages.find((u) => u.id === 'sqldatabases')).toMatchObject({ usage: 1, maximum: 2 });
    expect(usages.find((u) => u.id === 'diskusage')).toMatchObject({ usage: 0, maximum: 1024 * 1024 * 1024 });
  });
});
