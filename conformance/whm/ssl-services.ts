import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure, newAccount, strongPassword } from './support.js';

/*
 * Issue 19's SSL, AutoSSL, service and system families as write→read chains
 * over the wire: each write shows in its documented read, its undo shows it
 * gone, a bad input gets a refusal, and an account's state goes with it.
 * Every change to the server is put back in cleanup.
 */

interface ServiceRecord {
  name: string;
  enabled: number;
  installed: number;
  monitored: number;
  running: number;
  display_name: string;
}

interface CertificateInfo {
  domains: string[];
  is_self_signed: number;
  not_after: number;
  modulus_length: number | null;
}

interface ServiceComponent {
  service: string;
  certificate: string;
  key: string;
  cabundle: string;
  certificate_info: CertificateInfo;
}

export const sslServiceScenarios = [
  defineScenario({
    id: 'whm/service-manager',
    panel: 'whm',
    title: 'configureservice disables and monitors a service, servicestatus shows it, restartservice refuses it until it is enabled again',
    access: 'mutating',
    basis: 'documented',
    methods: ['servicestatus', 'configureservice', 'restartservice', 'enable_monitor_all_enabled_services'],
    async run(ctx) {
      const whm = connect(ctx);
      const service = 'cpgreylistd';
      const status = async () => (await whm.data<{ service: ServiceRecord[] }>('servicestatus', { service })).service[0]!;
      const before = await ctx.step('servicestatus service=… shows that one service', async () => {
        const s = await status();
        assert.equal(s.name, service);
        assert.equal(typeof s.display_name, 'string');
        return s;
      });
      ctx.cleanup(() => whm.call('configureservice', { service, enabled: before.enabled, monitored: before.monitored }).then(() => undefined));
      await ctx.step('configureservice enabled=0: servicestatus shows it disabled and stopped', async () => {
        await whm.call('configureservice', { service, enabled: 0 });
        const s = await status();
        assert.equal(s.enabled, 0);
        assert.equal(s.running, 0);
      });
      await ctx.step('restartservice refuses a disabled service', () => expectFailure(whm.call('restartservice', { service }), /disabled/i));
      await ctx.step('configureservice enabled=1 then restartservice: running again', async () => {
        await whm.call('configureservice', { service, enabled: 1 });
        const r = await whm.data<{ service: string; output: string }>('restartservice', { service });
        assert.equal(r.service, service);
        assert.equal(typeof r.output, 'string');
        const s = await status();
        assert.equal(s.enabled, 1);
        assert.equal(s.running, 1);
      });
      await ctx.step('configureservice monitored=0, then enable_monitor_all_enabled_services monitors it again', async () => {
        const r = await whm.call('configureservice', { service, monitored: 0 });
        assert.match(r.metadata.reason as string, new RegExp(`Disabled monitoring for ${service}`));
        assert.equal((await status()).monitored, 0);
        const turned = await whm.data<{ services: { service: string; monitored: number }[] }>('enable_monitor_all_enabled_services');
        assert.ok(
          turned.services.some((x) => x.service === service && x.monitored === 1),
          'listed as newly monitored',
        );
        assert.equal((await status()).monitored, 1);
      });
      await ctx.step('an unknown service is refused', () => expectFailure(whm.call('servicestatus', { service: 'no-such-daemon' }), /valid service/i));
    },
  }),

  defineScenario({
    id: 'whm/service-config-and-proxy',
    panel: 'whm',
    title: 'set_service_config_key shows in get_service_config(_key); service proxy backends are set, read, unset, and go with the account',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'set_service_config_key',
      'get_service_config_key',
      'get_service_config',
      'createacct',
      'set_service_proxy_backends',
      'get_service_proxy_backends',
      'unset_all_service_proxy_backends',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      await ctx.step('set_service_config_key dovecot mail_process_size=512 reads back both ways', async () => {
        const old = (await whm.data<Record<string, string | null>>('get_service_config_key', { service: 'dovecot', key: 'mail_process_size' }))
          .mail_process_size;
        if (old !== null && old !== undefined)
          ctx.cleanup(() => whm.call('set_service_config_key', { service: 'dovecot', key: 'mail_process_size', value: old }).then(() => undefined));
        await whm.call('set_service_config_key', { service: 'dovecot', key: 'mail_process_size', value: '512' });
        assert.equal(
          (await whm.data<Record<string, unknown>>('get_service_config_key', { service: 'dovecot', key: 'mail_process_size' })).mail_process_size,
          '512',
        );
        assert.equal((await whm.data<Record<string, unknown>>('get_service_config', { service: 'dovecot' })).mail_process_size, '512');
      });
      const a = await newAccount(ctx, whm);
      const backends = async (user = a.user) =>
        (await whm.data<{ payload: { backend: string; service_group: string | null }[] }>('get_service_proxy_backends', { username: user })).payload;
      await ctx.step('set_service_proxy_backends: the Mail group’s backend is listed', async () => {
        await whm.call('set_service_proxy_backends', { username: a.user, service_group: 'Mail', service_group_backend: 'mail.example.com' });
        assert.deepEqual(
          (await backends()).find((b) => b.service_group === 'Mail'),
          { backend: 'mail.example.com', service_group: 'Mail' },
        );
      });
      await ctx.step('a service group without its backend is refused', () =>
        expectFailure(whm.call('set_service_proxy_backends', { username: a.user, service_group: 'Mail' }), /service_group_backend/),
      );
      await ctx.step('unset_all_service_proxy_backends: nothing is listed', async () => {
        await whm.call('unset_all_service_proxy_backends', { username: a.user });
        assert.deepEqual(await backends(), []);
      });
      await ctx.step('removeacct forgets the account’s proxying: a new account of that name has none', async () => {
        await whm.call('set_service_proxy_backends', { username: a.user, service_group: 'Mail', service_group_backend: 'mail.example.com' });
        await whm.removeAccount(a.user);
        await expectFailure(backends(), /user|account/i);
        await whm.createAccount(a.user, { domain: a.domain, password: strongPassword(ctx) });
        assert.deepEqual(await backends(), []);
      });
    },
  }),

  defineScenario({
    id: 'whm/generatessl-service-certificate',
    panel: 'whm',
    title:
      'generatessl makes a key and certificate, fetchcrtinfo finds it, install_service_ssl_certificate puts it on a service that fetch_service_ssl_components then shows, reset puts the default back',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'gethostname',
      'generatessl',
      'fetchcrtinfo',
      'install_service_ssl_certificate',
      'fetch_service_ssl_components',
      'get_best_ssldomain_for_service',
      'reset_service_ssl_certificate',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const host = await whm.hostname();
      const made = await ctx.step('generatessl for the hostname answers a key, a request and a certificate that belong together', async () => {
        const d = await whm.data<Record<string, string>>('generatessl', { domains: host, countryName: 'US', emailAddress: `ssl@${host}` });
        const cert = new X509Certificate(d.cert!);
        assert.ok(cert.subject.includes(`CN=${host}`));
        assert.match(d.csr!, /BEGIN CERTIFICATE REQUEST/);
        const { createPrivateKey } = await import('node:crypto');
        assert.ok(cert.checkPrivateKey(createPrivateKey(d.key!)), 'the key is the certificate’s');
        return d;
      });
      await ctx.step('fetchcrtinfo finds it in root’s SSL storage by its id', async () => {
        const info = await whm.data<Record<string, unknown>>('fetchcrtinfo', { user: 'root', id: made.cert_id });
        assert.equal(info.certificate, made.cert);
        assert.equal(info.key, made.key);
        assert.equal(info.is_self_signed, 1);
      });
      await ctx.step('fetchcrtinfo refuses an id it does not hold', () =>
        expectFailure(whm.call('fetchcrtinfo', { user: 'root', id: 'no_such_cert_id' }), /certificate/i),
      );
      const components = async () => (await whm.data<{ services: ServiceComponent[] }>('fetch_service_ssl_components')).services;
      const ftpBefore = (await components()).find((s) => s.service === 'ftp');
      assert.ok(ftpBefore, 'ftp is one of the services');
      ctx.cleanup(() => whm.call('reset_service_ssl_certificate', { service: 'ftp' }).then(() => undefined));
      await ctx.step('install_service_ssl_certificate service=ftp answers the certificate and its facts', async () => {
        const r = await whm.data<{ certificate: string; service: string; certificate_info: CertificateInfo }>(
          'install_service_ssl_certificate',
          { service: 'ftp', crt: made.cert!, key: made.key! },
          { body: 'form' },
        );
        assert.equal(r.service, 'ftp');
        assert.equal(r.certificate.trim(), made.cert!.trim());
        assert.ok(r.certificate_info.domains.includes(host));
        assert.equal(r.certificate_info.modulus_length, 2048);
      });
      await ctx.step('fetch_service_ssl_components shows it on ftp', async () => {
        const ftp = (await components()).find((s) => s.service === 'ftp')!;
        assert.equal(ftp.certificate.trim(), made.cert!.trim());
        assert.equal(ftp.key.trim(), made.key!.trim());
      });
      await ctx.step('get_best_ssldomain_for_service service=ftp judges that certificate against the hostname', async () => {
        const best = await whm.data<Record<string, unknown>>('get_best_ssldomain_for_service', { service: 'ftp' });
        assert.equal(best.ssldomain, host);
        assert.equal(best.ssldomain_matches_cert, 1);
        assert.equal(best.is_self_signed, 1);
        assert.equal(best.cert_valid_not_after, Math.floor(Date.parse(new X509Certificate(made.cert!).validTo) / 1000));
      });
      await ctx.step('a key that is not the certificate’s is refused', async () => {
        const other = await whm.data<Record<string, string>>('generatessl', { domains: host, skip_certificate: 1 });
        await expectFailure(whm.call('install_service_ssl_certificate', { service: 'ftp', crt: made.cert!, key: other.key! }, { body: 'form' }), /key/i);
      });
      await ctx.step('reset_service_ssl_certificate puts the self-signed default back on ftp', async () => {
        const r = await whm.data<{ certificate: string; service: string }>('reset_service_ssl_certificate', { service: 'ftp' });
        assert.equal(r.service, 'ftp');
        assert.notEqual(r.certificate.trim(), made.cert!.trim());
        const ftp = (await components()).find((s) => s.service === 'ftp')!;
        assert.equal(ftp.certificate.trim(), r.certificate.trim());
      });
    },
  }),

  defineScenario({
    id: 'whm/autossl-exclusions',
    panel: 'whm',
    title:
      'AutoSSL excluded domains are added, listed, replaced and removed, refused for a domain the account lacks, skipped by the check’s problems, and go with the account',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'createacct',
      'add_autossl_user_excluded_domains',
      'get_autossl_user_excluded_domains',
      'remove_autossl_user_excluded_domains',
      'set_autossl_user_excluded_domains',
      'start_autossl_check_for_one_user',
      'get_autossl_problems_for_user',
      'get_autossl_problems_for_domain',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const a = await newAccount(ctx, whm);
      const excluded = async () =>
        (await whm.data<{ payload: { excluded_domain: string }[] }>('get_autossl_user_excluded_domains', { username: a.user })).payload
          .map((p) => p.excluded_domain)
          .sort();
      await ctx.step('add_autossl_user_excluded_domains: both listed', async () => {
        await whm.call('add_autossl_user_excluded_domains', { username: a.user, domain: [a.domain, `www.${a.domain}`] });
        assert.deepEqual(await excluded(), [a.domain, `www.${a.domain}`].sort());
      });
      await ctx.step('a domain the account does not have is refused', () =>
        expectFailure(whm.call('add_autossl_user_excluded_domains', { username: a.user, domain: 'not-theirs.example.org' }), /not-theirs\.example\.org/),
      );
      await ctx.step('remove_autossl_user_excluded_domains: the other stays', async () => {
        await whm.call('remove_autossl_user_excluded_domains', { username: a.user, domain: `www.${a.domain}` });
        assert.deepEqual(await excluded(), [a.domain]);
      });
      await ctx.step('set_autossl_user_excluded_domains replaces the list', async () => {
        await whm.call('set_autossl_user_excluded_domains', { username: a.user, domain: `mail.${a.domain}` });
        assert.deepEqual(await excluded(), [`mail.${a.domain}`]);
        await whm.call('set_autossl_user_excluded_domains', { username: a.user, domain: a.domain });
      });
      await ctx.step('a check’s problems never name an excluded domain', async () => {
        await whm.startAutosslCheck(a.user);
        const problems = (
          await whm.data<{ problems_by_domain: { domain: string; problem: string; log: string; time: string }[] }>('get_autossl_problems_for_user', {
            username: a.user,
          })
        ).problems_by_domain;
        for (const p of problems) {
          assert.notEqual(p.domain, a.domain);
          for (const k of ['problem', 'log', 'time'] as const) assert.equal(typeof p[k], 'string');
        }
        const forDomain = await whm.data<{ problems_by_domain: unknown[] }>('get_autossl_problems_for_domain', { domain: a.domain });
        assert.deepEqual(forDomain.problems_by_domain, []);
      });
      await ctx.step('removeacct forgets the exclusions: a new account of that name has none', async () => {
        await whm.removeAccount(a.user);
        await whm.createAccount(a.user, { domain: a.domain, password: strongPassword(ctx) });
        assert.deepEqual(await excluded(), []);
      });
    },
  }),

  defineScenario({
    id: 'whm/autossl-provider-metadata',
    panel: 'whm',
    title: 'disable_autossl and set_autossl_provider show in get_autossl_providers; set_autossl_metadata_key shows in get_autossl_metadata',
    access: 'mutating',
    basis: 'documented',
    methods: ['get_autossl_providers', 'disable_autossl', 'set_autossl_provider', 'reset_autossl_provider', 'get_autossl_metadata', 'set_autossl_metadata_key'],
    async run(ctx) {
      const whm = connect(ctx);
      const providers = async () => (await whm.data<{ payload: { module_name: string; enabled: number }[] }>('get_autossl_providers')).payload;
      const enabled = async () => (await providers()).filter((p) => p.enabled === 1).map((p) => p.module_name);
      const before = await enabled();
      ctx.cleanup(async () => {
        if (before[0]) await whm.call('set_autossl_provider', { provider: before[0] });
        else await whm.call('disable_autossl');
      });
      await ctx.step('cPanel is one of the providers', async () => assert.ok((await providers()).some((p) => p.module_name === 'cPanel')));
      await ctx.step('disable_autossl: no provider is enabled', async () => {
        await whm.call('disable_autossl');
        assert.deepEqual(await enabled(), []);
      });
      await ctx.step('set_autossl_provider cPanel: it alone is enabled', async () => {
        await whm.call('set_autossl_provider', { provider: 'cPanel' });
        assert.deepEqual(await enabled(), ['cPanel']);
      });
      await ctx.step('reset_autossl_provider keeps the provider in use', async () => {
        await whm.call('reset_autossl_provider', { provider: 'cPanel' });
        assert.deepEqual(await enabled(), ['cPanel']);
      });
      await ctx.step('an unknown provider is refused', () => expectFailure(whm.call('set_autossl_provider', { provider: 'NoSuchProvider' }), /NoSuchProvider/));
      await ctx.step('set_autossl_metadata_key notify_autossl_expiry=0 reads back', async () => {
        const meta = async () => (await whm.data<{ payload: Record<string, number> }>('get_autossl_metadata')).payload;
        const old = (await meta()).notify_autossl_expiry;
        ctx.cleanup(() => whm.call('set_autossl_metadata_key', { key: 'notify_autossl_expiry', value: old ?? 1 }).then(() => undefined));
        await whm.call('set_autossl_metadata_key', { key: 'notify_autossl_expiry', value: 0 });
        assert.equal((await meta()).notify_autossl_expiry, 0);
      });
    },
  }),
];
