import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhmApiError } from '../../clients/whm/index.js';
import { keysMadeOnLoop } from '../../kernel/key-pool.js';
import { TEST_EPOCH } from '../support/clock.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { advanceClock, raw, setSettings, whmIn } from './support.js';

/*
 * The parts of issue 19's SSL, service and system functions that need
 * mockpanel's own controls (the world clock, a reboot, what openssl says of
 * a generated certificate); the write→read chains a real server also passes
 * are conformance scenarios (conformance/whm/ssl-services.ts).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a WHM failure');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(WhmApiError);
      return (e as WhmApiError).reason;
    },
  );

describe('generatessl', () => {
  it('makes a real RSA key, a request and a self-signed certificate that openssl accepts, dated by the world clock', async () => {
    const whm = whmIn(server, 'gen-ssl');
    const onLoop = keysMadeOnLoop();
    const r = await whm.call<Record<string, string>>('generatessl', {
      domains: 'alice.example.com,www.alice.example.com',
      countryName: 'US',
      organizationName: 'Alice Ltd',
    });
    expect(r.metadata.reason).toBe('Key, Certificate, and CSR generated OK');
    const d = r.data!;
    expect(d.key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const cert = new X509Certificate(d.cert);
    expect(cert.subject).toBe('C=US\nO=Alice Ltd\nCN=alice.example.com');
    expect(cert.subjectAltName).toBe('DNS:alice.example.com, DNS:www.alice.example.com');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    // The key came from the pool, made before the call off the event loop.
    expect(keysMadeOnLoop()).toBe(onLoop);
    // vitest pins worlds to TEST_EPOCH: the certificate starts then (the world clock runs on from it), for a year.
    const from = Date.parse(cert.validFrom) - Date.parse(TEST_EPOCH);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(from).toBeLessThan(120_000);
    expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBe(365 * 86400 * 1000);
    // openssl checks the request's self-signature (it exits non-zero when it fails).
    execFileSync('openssl', ['req', '-noout', '-verify'], { input: d.csr, stdio: ['pipe', 'pipe', 'pipe'] });
    expect(execFileSync('openssl', ['rsa', '-noout', '-check'], { input: d.key }).toString()).toMatch(/RSA key ok/);
    expect(d.cert_id).toMatch(/^alice_example_com_[0-9a-f]{5}_[0-9a-f]{5}_\d+_[0-9a-f]{32}$/);
    expect(d.certfile).toBe(`/var/cpanel/ssl/system/certs/${d.cert_id}.crt`);
    // fetchcrtinfo finds it again in root's storage.
    const info = await whm.data<Record<string, unknown>>('fetchcrtinfo', { user: 'root', id: d.cert_id });
    expect(info).toMatchObject({ certificate: d.cert, key: d.key, is_self_signed: 1 });
  });

  it('with skip_certificate makes the key and request only; refuses a bad key size or name', async () => {
    const whm = whmIn(server, 'gen-ssl-skip');
    const r = await whm.call<Record<string, string>>('generatessl', { domains: 'bob.example.org', skip_certificate: 1 });
    expect(r.metadata.reason).toBe('Key and CSR generated OK');
    expect(r.data).not.toHaveProperty('cert');
    expect(r.data!.csr).toMatch(/BEGIN CERTIFICATE REQUEST/);
    expect(await fail(whm.call('generatessl', { domains: 'bob.example.org', keysize: 1024 }))).toMatch(/keysize/);
    expect(await fail(whm.call('generatessl', { domains: 'not a domain' }))).toMatch(/not a valid domain name/);
  });
});

describe('services on the world clock', () => {
  it('a restart shows in systemloadavg for its window, then fades as the clock moves', async () => {
    const w = 'svc-clock';
    const whm = whmIn(server, w);
    const before = await whm.data<{ one: number; five: number; fifteen: number }>('systemloadavg');
    await whm.call('restartservice', { service: 'exim' });
    const fresh = await whm.data<{ one: number; five: number; fifteen: number }>('systemloadavg');
    expect(fresh.one).toBeCloseTo(before.one + 0.2, 5);
    expect(fresh.fifteen).toBeCloseTo(before.fifteen + 0.2, 5);
    await advanceClock(server, w, 61);
    const later = await whm.data<{ one: number; five: number; fifteen: number }>('systemloadavg');
    expect(later.one).toBeCloseTo(before.one, 5);
    expect(later.five).toBeCloseTo(before.five + 0.2, 5);
    await advanceClock(server, w, 900);
    expect((await whm.data<{ fifteen: number }>('systemloadavg')).fifteen).toBeCloseTo(before.fifteen, 5);
  });

  it('load grows with live accounts, not with the host mockpanel runs on', async () => {
    const whm = whmIn(server, 'svc-load');
    const before = (await whm.data<{ one: number }>('systemloadavg')).one;
    await whm.createAccount('loadacct', { domain: 'loadacct.example.com', password: 'Lo4d-acct-pw!' });
    expect((await whm.data<{ one: number }>('systemloadavg')).one).toBeCloseTo(before + 0.01, 5);
  });

  it('reboot: system_needs_reboot and quota_enabled answer from it, and every daemon starts at the boot', async () => {
    const w = 'svc-reboot';
    const whm = whmIn(server, w);
    const pending = await raw(server, w, 'system_needs_reboot?api.version=1');
    expect(pending.json).toMatchObject({ needs_reboot: 1, details: { quota: 1 }, metadata: { result: 1 } });
    expect((await whm.data<{ quota_enabled: number }>('quota_enabled')).quota_enabled).toBe(0);
    const base = (await whm.data<{ one: number }>('systemloadavg')).one;
    await whm.call('reboot');
    const after = await raw(server, w, 'system_needs_reboot?api.version=1');
    expect(after.json).toMatchObject({ needs_reboot: 0, details: {} });
    expect((await whm.data<{ quota_enabled: number }>('quota_enabled')).quota_enabled).toBe(1);
    const running = (await whm.data<{ service: { running: number }[] }>('servicestatus')).service.filter((s) => s.running).length;
    expect((await whm.data<{ one: number }>('systemloadavg')).one).toBeCloseTo(base + 0.2 * running, 5);
  });

  it('getdiskusage adds every account’s home to the root partition, whose size is the world setting', async () => {
    const w = 'svc-disk';
    const whm = whmIn(server, w);
    const root = async () => (await whm.data<{ partition: Record<string, number>[] }>('getdiskusage')).partition[0]!;
    const before = await root();
    expect(before.total).toBe(80 * 1024 * 1024);
    expect(before.used + before.available).toBe(before.total);
    expect(before.percentage).toBe(Math.ceil((before.used * 100) / before.total));
    await whm.createAccount('diskacct', { domain: 'diskacct.example.com', password: 'D1sk-acct-pw!' });
    const after = await root();
    expect(after.used).toBe(before.used + 256);
    expect(after.inodes_used).toBe(before.inodes_used + 100);
    await setSettings(server, w, { 'whm.diskSizeKb': 20 * 1024 * 1024 });
    expect((await root()).total).toBe(20 * 1024 * 1024);
  });
});

describe('AutoSSL checks on the world clock', () => {
  it('a check is in progress for its minute, then its log lists what it found', async () => {
    const w = 'autossl-log';
    const whm = whmIn(server, w);
    const { pid } = await whm.data<{ pid: number }>('start_autossl_check_for_one_user', { username: 'alice' });
    const [entry] = (await whm.data<{ payload: Record<string, unknown>[] }>('get_autossl_logs_catalog')).payload;
    expect(entry).toMatchObject({ in_progress: 1, provider: 'cPanel', username: 'alice' });
    const running = (await whm.data<{ payload: Record<string, unknown>[] }>('get_autossl_log', { start_time: entry.start_time as string })).payload;
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ pid, contents: 'This system has AutoSSL set to use cPanel (powered by Sectigo).' });
    await advanceClock(server, w, 61);
    expect((await whm.data<{ payload: Record<string, unknown>[] }>('get_autossl_logs_catalog')).payload[0].in_progress).toBe(0);
    const done = (await whm.data<{ payload: { contents: string }[] }>('get_autossl_log', { start_time: entry.start_time as string })).payload;
    expect(done.map((l) => l.contents)).toContain('Analyzing “alice”’s domains …');
    expect(await fail(whm.call('get_autossl_log', { start_time: '2001-01-01T00:00:00Z' }))).toMatch(/no AutoSSL log/);
  });

  it('problems come from the world’s DNS: a domain pointed elsewhere or at nothing, unless excluded', async () => {
    const w = 'autossl-problems';
    const whm = whmIn(server, w);
    const problems = async () =>
      (await whm.data<{ problems_by_domain: { domain: string; problem: string }[] }>('get_autossl_problems_for_user', { username: 'alice' }))
        .problems_by_domain;
    // No check has run for alice yet: nothing is known.
    expect(await problems()).toEqual([]);
    await whm.startAutosslCheck('alice');
    expect(await problems()).toEqual([]);
    const apex = (await whm.dumpZone('alice.example.com')).find((r) => r.type === 'A' && r.name === 'alice.example.com.')!;
    await whm.call('editzonerecord', { domain: 'alice.example.com', line: apex.Line, address: '192.0.2.44', ttl: 14400 });
    const found = await problems();
    expect(found).toContainEqual({
      domain: 'alice.example.com',
      problem: 'alice.example.com resolves to 192.0.2.44, which is not an IP address on this server.',
      log: expect.any(String),
      time: expect.any(String),
    });
    const forDomain = await whm.data<{ problems_by_domain: { domain: string }[] }>('get_autossl_problems_for_domain', { domain: 'alice.example.com' });
    expect(forDomain.problems_by_domain.map((p) => p.domain)).toEqual(['alice.example.com']);
    await whm.call('add_autossl_user_excluded_domains', { username: 'alice', domain: 'alice.example.com' });
    expect((await problems()).map((p) => p.domain)).not.toContain('alice.example.com');
    // A zone record pointing at nothing the world knows: the reference's own problem.
    await whm.call('remove_autossl_user_excluded_domains', { username: 'alice', domain: 'alice.example.com' });
    await whm.call('removezonerecord', { zone: 'alice.example.com', line: apex.Line });
    expect(await problems()).toContainEqual(
      expect.objectContaining({ domain: 'alice.example.com', problem: 'alice.example.com does not resolve to any IPv4 addresses on the internet.' }),
    );
  });

  it('an account’s exclusions follow it through a rename (modifyacct newuser) and are gone with it', async () => {
    const whm = whmIn(server, 'autossl-rename');
    const excluded = async (username: string) =>
      (await whm.data<{ payload: { excluded_domain: string }[] }>('get_autossl_user_excluded_domains', { username })).payload.map((p) => p.excluded_domain);
    await whm.call('add_autossl_user_excluded_domains', { username: 'carol', domain: 'www.carol.example.net' });
    await whm.modifyAccount('carol', { newuser: 'carol2' });
    expect(await excluded('carol2')).toEqual(['www.carol.example.net']);
    await whm.createAccount('carol', { domain: 'carol-new.example.net', password: 'N3w-carol-pw!' });
    expect(await excluded('carol')).toEqual([]);
    await whm.removeAccount('carol2');
    await whm.createAccount('carol2', { domain: 'carol2.example.net', password: 'N3w-carol2-pw!' });
    expect(await excluded('carol2')).toEqual([]);
  });

  it('the check schedule’s next run follows the world clock', async () => {
    const w = 'autossl-schedule';
    const whm = whmIn(server, w);
    const first = await whm.data<{ cron: string[]; next_time: string }>('get_autossl_check_schedule');
    expect(first.cron).toEqual(['54 1 * * *']);
    expect(first.next_time).toMatch(/T01:54:00\.000Z$/);
    await advanceClock(server, w, 86400);
    const next = await whm.data<{ next_time: string }>('get_autossl_check_schedule');
    expect(Date.parse(next.next_time) - Date.parse(first.next_time)).toBe(86400 * 1000);
  });
});
