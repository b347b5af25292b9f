import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { WhmClient } from '../../clients/whm/index.js';
import { defineScenario } from '../scenario.js';
import { connect, expectFailure, newAccount } from './support.js';

/*
 * DNSSEC, nameservers, mail DNS (DKIM/SPF/DMARC), incoming-mail block
 * lists, mailbox status and IPv6 ranges: each a chain of writes and the
 * reads that show them, over the wire.
 */

interface DsKey {
  active: number;
  algo_num: number;
  digests?: { algo_num: number; digest: string }[];
  flags: number;
  key_id: number;
  key_tag: number;
  key_type: string;
}

interface DsDomain {
  domain: string;
  ds_records: { keys: Record<string, DsKey>; nsec_details?: { nsec_version: string } };
}

async function dsKeys(whm: WhmClient, domain: string): Promise<DsKey[]> {
  const r = await whm.data<{ domains: DsDomain[] }>('fetch_ds_records_for_domains', { domain });
  assert.equal(r.domains[0].domain, domain);
  return Object.values(r.domains[0].ds_records.keys);
}

async function dnskeys(whm: WhmClient, domain: string): Promise<string[]> {
  return (await whm.dumpZone(domain)).filter((r) => r.type === 'DNSKEY').map((r) => String((r as { record?: unknown }).record));
}

/** RFC 4034 §5.1.4: the DS digest is the hash of the owner name in wire form followed by the DNSKEY RDATA. */
function dsDigest(zone: string, dnskey: string, hash: string): string {
  const [flags, protocol, algo, key] = dnskey.split(' ');
  const owner = Buffer.concat([...zone.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);
  const rdata = Buffer.concat([Buffer.from([Number(flags) >> 8, Number(flags) & 0xff, Number(protocol), Number(algo)]), Buffer.from(key, 'base64')]);
  return createHash(hash)
    .update(Buffer.concat([owner, rdata]))
    .digest('hex');
}

/** Puts the server's nameserver software back as it was found (PowerDNS on the emulator). */
async function withPowerDns(ctx: Parameters<Parameters<typeof defineScenario>[0]['run']>[0], whm: WhmClient): Promise<void> {
  await whm.call('set_nameserver', { nameserver: 'PowerDNS' });
  ctx.cleanup(() => whm.call('set_nameserver', { nameserver: 'PowerDNS' }).catch(() => undefined));
}

export const dnsMailScenarios = [
  defineScenario({
    id: 'whm/dnssec-chain',
    panel: 'whm',
    title: 'DNSSEC: enable makes keys whose DS digests match the DNSKEY records dumpzone shows; zone-key functions act on them; disable removes them',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'set_nameserver',
      'enable_dnssec_for_domains',
      'fetch_ds_records_for_domains',
      'dumpzone',
      'deactivate_zone_key',
      'activate_zone_key',
      'add_zone_key',
      'export_zone_dnskey',
      'export_zone_key',
      'remove_zone_key',
      'import_zone_key',
      'set_nsec3_for_domains',
      'unset_nsec3_for_domains',
      'disable_dnssec_for_domains',
      'removeacct',
      'createacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      await withPowerDns(ctx, whm);
      const { domain } = await newAccount(ctx, whm);
      await ctx.step('enable_dnssec_for_domains (RSA/SHA-256, classic): a KSK and a ZSK', async () => {
        const r = await whm.data<{ domains: { domain: string; enabled: number; new_key_id: string; nsec_version: string }[] }>('enable_dnssec_for_domains', {
          domain,
        });
        assert.equal(r.domains[0].enabled, 1);
        assert.equal(r.domains[0].nsec_version, 'NSEC3');
        const keys = await dsKeys(whm, domain);
        assert.deepEqual(keys.map((k) => k.key_type).sort(), ['KSK', 'ZSK']);
        assert.ok(keys.every((k) => k.algo_num === 8 && k.active === 1));
      });
      await ctx.step('dumpzone shows both DNSKEY records; the KSK’s DS digests are SHA-1/256/384 over its DNSKEY', async () => {
        const records = await dnskeys(whm, domain);
        assert.equal(records.length, 2);
        const ksk = (await dsKeys(whm, domain)).find((k) => k.key_type === 'KSK')!;
        const published = records.find((r) => r.startsWith('257 3 8 '));
        assert.ok(published, 'the KSK is published with flags 257');
        const digests = Object.fromEntries(ksk.digests!.map((d) => [d.algo_num, d.digest]));
        assert.equal(digests[1], dsDigest(domain, published, 'sha1'));
        assert.equal(digests[2], dsDigest(domain, published, 'sha256'));
        assert.equal(digests[4], dsDigest(domain, published, 'sha384'));
      });
      const zsk = (await dsKeys(whm, domain)).find((k) => k.key_type === 'ZSK')!;
      await ctx.step('deactivate_zone_key takes the ZSK out of the zone; activate_zone_key puts it back', async () => {
        await whm.call('deactivate_zone_key', { domain, key_id: zsk.key_id });
        assert.equal((await dnskeys(whm, domain)).length, 1);
        assert.equal((await dsKeys(whm, domain)).find((k) => k.key_id === zsk.key_id)?.active, 0);
        await whm.call('activate_zone_key', { domain, key_id: zsk.key_id });
        assert.equal((await dnskeys(whm, domain)).length, 2);
      });
      const added = await ctx.step('add_zone_key (ECDSA P-256 KSK) and export_zone_dnskey shows the key dumpzone publishes', async () => {
        const id = Number((await whm.data<{ new_key_id: string }>('add_zone_key', { domain, algo_num: 13, key_type: 'ksk' })).new_key_id);
        const exported = await whm.data<{ dnskey: string; key_id: number }>('export_zone_dnskey', { domain, key_id: id });
        assert.equal(exported.key_id, id);
        assert.ok((await dnskeys(whm, domain)).includes(`257 3 13 ${exported.dnskey}`));
        return id;
      });
      await ctx.step('export_zone_key, remove_zone_key, then import_zone_key brings the same key (same tag) back', async () => {
        const exported = await whm.data<{ key_data: string; key_tag: number; key_type: string }>('export_zone_key', { domain, key_id: added });
        assert.equal(exported.key_type, 'KSK');
        await whm.call('remove_zone_key', { domain, key_id: added });
        assert.ok(!(await dsKeys(whm, domain)).some((k) => k.key_id === added));
        const imported = await whm.data<{ import_key_id: number }>('import_zone_key', { domain, key_type: 'ksk', key_data: exported.key_data });
        const back = (await dsKeys(whm, domain)).find((k) => k.key_id === imported.import_key_id);
        assert.equal(back?.key_tag, exported.key_tag);
      });
      await ctx.step('a key that does not exist is refused', () => expectFailure(whm.call('activate_zone_key', { domain, key_id: 999 }), /999/));
      await ctx.step('unset_nsec3_for_domains switches to NSEC; set_nsec3_for_domains back to NSEC3', async () => {
        await whm.call('unset_nsec3_for_domains', { domain });
        const r1 = await whm.data<{ domains: DsDomain[] }>('fetch_ds_records_for_domains', { domain });
        assert.equal(r1.domains[0].ds_records.nsec_details?.nsec_version, 'NSEC');
        await whm.call('set_nsec3_for_domains', { domain, nsec3_iterations: 5, nsec3_narrow: 0, nsec3_opt_out: 0, nsec3_salt: 'abcd' });
        const r2 = await whm.data<{ domains: DsDomain[] }>('fetch_ds_records_for_domains', { domain });
        assert.deepEqual(
          { ...r2.domains[0].ds_records.nsec_details },
          {
            nsec3_hash_algo_desc: 'SHA-1',
            nsec3_hash_algo_num: 1,
            nsec3_iterations: 5,
            nsec3_narrow: 0,
            nsec3_opt_out: 0,
            nsec3_salt: 'abcd',
            nsec_version: 'NSEC3',
          },
        );
      });
      await ctx.step('several domains in one call (a JSON body): each gets its own keys', async () => {
        const others = [await newAccount(ctx, whm), await newAccount(ctx, whm)].map((a) => a.domain);
        const r = await whm.data<{ domains: { domain: string; enabled: number }[] }>('enable_dnssec_for_domains', { domain: others }, { body: 'json' });
        assert.deepEqual(
          r.domains.map((d) => [d.domain, d.enabled]),
          others.map((d) => [d, 1]),
        );
        const [a, b] = await Promise.all(others.map((d) => dsKeys(whm, d)));
        assert.equal(a.length, 2);
        assert.ok(!a.some((k) => b.some((o) => o.key_tag === k.key_tag)), 'no key is shared between zones');
      });
      await ctx.step('removeacct takes the zone’s keys along: an account made again with the same domain has none', async () => {
        const gone = await newAccount(ctx, whm);
        await whm.call('enable_dnssec_for_domains', { domain: gone.domain, algo_num: 13, key_setup: 'simple' });
        assert.equal((await dsKeys(whm, gone.domain))[0]?.key_type, 'CSK');
        await whm.removeAccount(gone.user);
        await whm.createAccount(gone.user, { domain: gone.domain, password: gone.password });
        assert.deepEqual(await dsKeys(whm, gone.domain), []);
        assert.deepEqual(await dnskeys(whm, gone.domain), []);
      });
      await ctx.step('disable_dnssec_for_domains: no keys, no DNSKEY records', async () => {
        const r = await whm.data<{ domains: { disabled: number }[] }>('disable_dnssec_for_domains', { domain });
        assert.equal(r.domains[0].disabled, 1);
        assert.deepEqual(await dsKeys(whm, domain), []);
        assert.deepEqual(await dnskeys(whm, domain), []);
      });
    },
  }),

  defineScenario({
    id: 'whm/nameserver-config',
    panel: 'whm',
    title: 'set_nameserver decides ALIAS availability and DNSSEC; update_nameservers_config is what get_nameserver_config and new zones show',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'set_nameserver',
      'is_alias_available',
      'enable_dnssec_for_domains',
      'get_nameserver_config',
      'update_nameservers_config',
      'createacct',
      'dumpzone',
      'updateuserdomains',
      'getdomainowner',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      await withPowerDns(ctx, whm);
      await ctx.step('set_nameserver BIND: ALIAS records are not available and DNSSEC is refused', async () => {
        const r = await whm.data<{ nameserver: string; message: string }>('set_nameserver', { nameserver: 'BIND' });
        assert.equal(r.nameserver, 'bind');
        assert.equal((await whm.data<{ alias: number }>('is_alias_available')).alias, 0);
        const { domain } = await newAccount(ctx, whm);
        await expectFailure(whm.call('enable_dnssec_for_domains', { domain, algo_num: 13 }), /PowerDNS/);
      });
      await ctx.step('set_nameserver PowerDNS: ALIAS records are available', async () => {
        await whm.call('set_nameserver', { nameserver: 'PowerDNS' });
        assert.equal((await whm.data<{ alias: number }>('is_alias_available')).alias, 1);
      });
      await ctx.step('an unknown nameserver software is refused', () => expectFailure(whm.call('set_nameserver', { nameserver: 'djbdns' }), /djbdns/));
      const before = (await whm.data<{ nameservers: string[] }>('get_nameserver_config')).nameservers;
      ctx.cleanup(() => whm.call('update_nameservers_config', { nameserver: before[0] ?? '', nameserver2: before[1] ?? '' }).catch(() => undefined));
      await ctx.step('update_nameservers_config: get_nameserver_config and a new account’s NS records follow', async () => {
        const ns1 = `${ctx.unique('ns1').toLowerCase()}.example.net`;
        await whm.call('update_nameservers_config', { nameserver: ns1 });
        const after = (await whm.data<{ nameservers: string[] }>('get_nameserver_config')).nameservers;
        assert.equal(after[0], ns1);
        assert.equal(after[1], before[1], 'a nameserver not sent stays');
        const { domain } = await newAccount(ctx, whm);
        const ns = (await whm.dumpZone(domain)).filter((r) => r.type === 'NS').map((r) => (r as { nsdname?: string }).nsdname);
        assert.ok(ns.includes(ns1), `NS records ${ns.join(', ')} name ${ns1}`);
      });
      await ctx.step('a nameserver that is not a host name is refused', () =>
        expectFailure(whm.call('update_nameservers_config', { nameserver: 'not a host' }), /nameserver/),
      );
      await ctx.step('updateuserdomains keeps every account’s domain owned by it', async () => {
        const { user, domain } = await newAccount(ctx, whm);
        await whm.call('updateuserdomains');
        assert.equal(await whm.getDomainOwner(domain), user);
      });
    },
  }),

  defineScenario({
    id: 'whm/mail-dns-validate',
    panel: 'whm',
    title: 'validate_current_spfs/dkims/dmarcs compare what the zone publishes with what the server expects, after each write',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'createacct',
      'accountsummary',
      'validate_current_spfs',
      'install_spf_records',
      'enable_dkim',
      'disable_dkim',
      'ensure_dkim_keys_exist',
      'fetch_dkim_private_keys',
      'install_dkim_private_keys',
      'validate_current_dkims',
      'apply_dmarc',
      'remove_dmarc',
      'validate_current_dmarcs',
      'killdns',
      'removeacct',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const { user, domain } = await newAccount(ctx, whm);
      const ip = (await whm.accountSummary({ user })).ip;
      type Spf = { payload: { state: string; ip_address: string; records: { current: string; state: string }[] }[] };
      await ctx.step('install_spf_records naming the account’s address: VALID, the record passes', async () => {
        await whm.call('install_spf_records', { domain, record: `v=spf1 +ip4:${ip} -all` });
        const r = (await whm.data<Spf>('validate_current_spfs', { domain })).payload[0];
        assert.equal(r.ip_address, ip);
        assert.equal(r.state, 'VALID');
        assert.deepEqual(r.records, [{ current: `v=spf1 +ip4:${ip} -all`, state: 'PASS' }]);
      });
      await ctx.step('a record that does not let the server send: the record fails and the domain is not VALID', async () => {
        await whm.call('install_spf_records', { domain, record: 'v=spf1 ip4:192.0.2.250 -all' });
        const r = (await whm.data<Spf>('validate_current_spfs', { domain })).payload[0];
        assert.notEqual(r.state, 'VALID');
        assert.equal(r.records[0].state, 'FAIL');
      });
      type Dkim = { payload: { domain: string; expected: string; state: string; records: { current: string; state: string }[] }[] };
      await ctx.step('enable_dkim publishes the domain’s own key: validate_current_dkims VALID, expected = the private key’s public half', async () => {
        await whm.call('enable_dkim', { domain });
        const r = (await whm.data<Dkim>('validate_current_dkims', { domain })).payload[0];
        assert.equal(r.domain, `default._domainkey.${domain}`);
        assert.equal(r.state, 'VALID');
        const pem = (await whm.data<{ payload: { pem: string }[] }>('fetch_dkim_private_keys', { domain })).payload[0].pem;
        const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
        assert.equal(r.expected, `v=DKIM1; k=rsa; p=${spki}`);
        const ensured = (await whm.data<{ payload: { msg: string; status: number }[] }>('ensure_dkim_keys_exist', { domain })).payload[0];
        assert.equal(ensured.status, 1);
        assert.notEqual(ensured.msg, 'created new key', 'the key was there already');
      });
      await ctx.step('install_dkim_private_keys: another key is published and expected', async () => {
        const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
        const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
        await whm.call('install_dkim_private_keys', { domain, key: pem });
        const r = (await whm.data<Dkim>('validate_current_dkims', { domain })).payload[0];
        assert.equal(r.state, 'VALID');
        assert.ok(r.expected.endsWith(publicKey.export({ type: 'spki', format: 'der' }).toString('base64')));
      });
      await ctx.step('disable_dkim: the record is gone (MISSING)', async () => {
        await whm.call('disable_dkim', { domain });
        const r = (await whm.data<Dkim>('validate_current_dkims', { domain })).payload[0];
        assert.equal(r.state, 'MISSING');
        assert.deepEqual(r.records, []);
      });
      type Dmarc = { payload: { domain: string; record: string; state: string }[] };
      await ctx.step('apply_dmarc then validate_current_dmarcs VALID; remove_dmarc then MISSING', async () => {
        await whm.call('apply_dmarc', { domain, policy: 'v=DMARC1; p=quarantine;' });
        const on = (await whm.data<Dmarc>('validate_current_dmarcs', { domain })).payload[0];
        assert.deepEqual([on.state, on.record], ['VALID', 'v=DMARC1; p=quarantine;']);
        await whm.call('remove_dmarc', { domain });
        assert.equal((await whm.data<Dmarc>('validate_current_dmarcs', { domain })).payload[0].state, 'MISSING');
      });
      await ctx.step('after killdns the domain’s records cannot be looked up: a per-domain DNS error, not a failed call', async () => {
        await whm.call('killdns', { domain });
        const dmarc = (await whm.data<Dmarc & { payload: { error: string }[] }>('validate_current_dmarcs', { domain })).payload[0];
        assert.equal(dmarc.state, 'DNS_ERROR');
        assert.match(dmarc.error, /_dmarc/);
        assert.equal((await whm.data<Spf>('validate_current_spfs', { domain })).payload[0].state, 'ERROR');
      });
      await ctx.step('a domain not on the server is refused', () =>
        expectFailure(whm.call('validate_current_spfs', { domain: `${ctx.unique('none').toLowerCase()}.example.org` }), /does not exist/),
      );
      await ctx.step('removeacct takes the DKIM key along: the same domain made again has none until one is made', async () => {
        const gone = await newAccount(ctx, whm);
        await whm.call('ensure_dkim_keys_exist', { domain: gone.domain });
        await whm.removeAccount(gone.user);
        await expectFailure(whm.call('fetch_dkim_private_keys', { domain: gone.domain }), /does not exist/);
        await whm.createAccount(gone.user, { domain: gone.domain, password: gone.password });
        await expectFailure(whm.call('fetch_dkim_private_keys', { domain: gone.domain }), /no DKIM key/);
        const made = (await whm.data<{ payload: { msg: string }[] }>('ensure_dkim_keys_exist', { domain: gone.domain })).payload[0];
        assert.equal(made.msg, 'created new key');
      });
    },
  }),

  defineScenario({
    id: 'whm/incoming-mail-blocks',
    panel: 'whm',
    title: 'Blocked incoming-mail countries and domains are listed until unblocked; manual MX redirects answer the previous entry',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'block_incoming_email_from_country',
      'list_blocked_incoming_email_countries',
      'unblock_incoming_email_from_country',
      'block_incoming_email_from_domain',
      'list_blocked_incoming_email_domains',
      'unblock_incoming_email_from_domain',
      'set_manual_mx_redirects',
      'unset_manual_mx_redirects',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const countries = async () =>
        (await whm.data<{ countries: { country_code: string }[] }>('list_blocked_incoming_email_countries')).countries.map((c) => c.country_code);
      const domains = async () => (await whm.data<{ domains: { domain: string }[] }>('list_blocked_incoming_email_domains')).domains.map((d) => d.domain);
      await ctx.step('block AD and KP: listed; unblock AD: only KP', async () => {
        await whm.call('block_incoming_email_from_country', { country_code: ['AD', 'KP'] });
        ctx.cleanup(() => whm.call('unblock_incoming_email_from_country', { country_code: ['AD', 'KP'] }).catch(() => undefined));
        assert.ok((await countries()).includes('AD') && (await countries()).includes('KP'));
        await whm.call('unblock_incoming_email_from_country', { country_code: 'AD' });
        const left = await countries();
        assert.ok(!left.includes('AD') && left.includes('KP'));
      });
      await ctx.step('a code that is not an ISO 3166-1 country is refused', () =>
        expectFailure(whm.call('block_incoming_email_from_country', { country_code: 'QQ' }), /QQ/),
      );
      const spammer = `${ctx.unique('spam').toLowerCase()}.example.org`;
      await ctx.step('block a sender domain: listed; unblock: gone', async () => {
        await whm.call('block_incoming_email_from_domain', { domain: spammer });
        ctx.cleanup(() => whm.call('unblock_incoming_email_from_domain', { domain: spammer }).catch(() => undefined));
        assert.ok((await domains()).includes(spammer));
        await whm.call('unblock_incoming_email_from_domain', { domain: spammer });
        assert.ok(!(await domains()).includes(spammer));
      });
      const redirected = `${ctx.unique('mx').toLowerCase()}.example.com`;
      await ctx.step('set_manual_mx_redirects answers the previous entry (null, then the first host); unset answers the last', async () => {
        type Mx = { payload: Record<string, string | null> };
        assert.equal((await whm.data<Mx>('set_manual_mx_redirects', { domain: redirected, mx_host: 'mail1.example.net' })).payload[redirected], null);
        ctx.cleanup(() => whm.call('unset_manual_mx_redirects', { domain: redirected }).catch(() => undefined));
        assert.equal(
          (await whm.data<Mx>('set_manual_mx_redirects', { domain: redirected, mx_host: 'mail2.example.net' })).payload[redirected],
          'mail1.example.net',
        );
        assert.equal((await whm.data<Mx>('unset_manual_mx_redirects', { domain: redirected })).payload[redirected], 'mail2.example.net');
        assert.equal((await whm.data<Mx>('unset_manual_mx_redirects', { domain: redirected })).payload[redirected], null);
      });
    },
  }),

  defineScenario({
    id: 'whm/mailbox-status',
    panel: 'whm',
    title: 'get_mailbox_status(_list) and emailtrack_user_stats follow the accounts and their email accounts',
    access: 'mutating',
    basis: 'documented',
    methods: ['createacct', 'uapi_cpanel', 'get_mailbox_status', 'get_mailbox_status_list', 'emailtrack_user_stats', 'removeacct'],
    async run(ctx) {
      const whm = connect(ctx);
      const { user, domain } = await newAccount(ctx, whm);
      await ctx.step('a new account: its INBOX, and a record in emailtrack_user_stats', async () => {
        const status = await whm.data<Record<string, { guid: string; messages: number }>>('get_mailbox_status', { account: user });
        assert.ok('INBOX' in status);
        const stats = await whm.data<{ records: { USER: string; DOMAIN: string }[] }>('emailtrack_user_stats');
        assert.equal(stats.records.find((r) => r.USER === user)?.DOMAIN, domain);
      });
      await ctx.step('an email account adds its mailbox, with the same GUID in both forms', async () => {
        await whm.uapi(user, 'Email', 'add_pop', { email: 'tyler', domain, password: 'Mp-Sup3r-Secret!' });
        const name = `INBOX.tyler@${domain.replace(/\./g, '_')}`;
        const status = await whm.data<Record<string, { guid: string }>>('get_mailbox_status', { account: user });
        const list = await whm.data<{ mailboxes: { mailbox: string; guid: string }[] }>('get_mailbox_status_list', { account: user });
        assert.ok(status[name], `${name} listed`);
        assert.equal(list.mailboxes.find((m) => m.mailbox === name)?.guid, status[name].guid);
        const own = await whm.data<Record<string, unknown>>('get_mailbox_status', { account: `tyler@${domain}` });
        assert.ok('INBOX' in own);
      });
      await ctx.step('after removeacct the account is gone from both', async () => {
        await whm.removeAccount(user);
        await expectFailure(whm.call('get_mailbox_status', { account: user }), new RegExp(user));
        const stats = await whm.data<{ records: { USER: string }[] }>('emailtrack_user_stats');
        assert.ok(!stats.records.some((r) => r.USER === user));
      });
    },
  }),

  defineScenario({
    id: 'whm/ipv6-ranges',
    panel: 'whm',
    title: 'IPv6 ranges: an account enabled from a range gets its next address (listipv6s, accountsummary show it); disable and removeacct free it',
    access: 'mutating',
    basis: 'documented',
    methods: [
      'ipv6_range_add',
      'ipv6_range_list',
      'ipv6_range_edit',
      'ipv6_range_usage',
      'ipv6_enable_account',
      'ipv6_disable_account',
      'listipv6s',
      'accountsummary',
      'removeacct',
      'ipv6_range_remove',
    ],
    async run(ctx) {
      const whm = connect(ctx);
      const name = ctx.unique('r6').replace(/[^A-Za-z0-9_]/g, '_');
      const range = '2001:db8:66ac:cafe::/64';
      type Range = { name: string; CIDR: string; first: string; note: string; range_users: string[]; reclaimed: string[] };
      const ranges = async () => (await whm.data<{ range: Range[] }>('ipv6_range_list')).range;
      const listed = async () => (await whm.data<{ ip: { ip: string }[] }>('listipv6s')).ip.map((i) => i.ip);
      await ctx.step('ipv6_range_add: listed with its first address', async () => {
        await whm.call('ipv6_range_add', { name, range, note: 'conformance' });
        ctx.cleanup(() => whm.call('ipv6_range_remove', { name }).catch(() => undefined));
        const r = (await ranges()).find((x) => x.name === name);
        assert.equal(r?.first, '2001:0db8:66ac:cafe:0000:0000:0000:0000');
      });
      await ctx.step('the reserved name SHARED and a range that is not CIDR are refused', async () => {
        await expectFailure(whm.call('ipv6_range_add', { name: 'SHARED', range: '2001:db8:1::/64' }), /SHARED/);
        await expectFailure(whm.call('ipv6_range_add', { name: `${name}x`, range: '2001:db8:1::' }), /CIDR/);
      });
      await ctx.step('ipv6_range_edit changes the note', async () => {
        await whm.call('ipv6_range_edit', { name, note: 'edited' });
        assert.equal((await ranges()).find((x) => x.name === name)?.note, 'edited');
      });
      const a = await newAccount(ctx, whm);
      const b = await newAccount(ctx, whm);
      const first = await ctx.step('ipv6_enable_account for two accounts and one that does not exist', async () => {
        type Enabled = { fail_cnt: number; failures: Record<string, string>; ipv6: Record<string, string> };
        const r = await whm.data<Enabled>('ipv6_enable_account', { user: `${a.user},${b.user},nosuchuser9`, range: name });
        assert.equal(r.fail_cnt, 1);
        assert.match(r.failures.nosuchuser9, /does not exist/);
        assert.equal(r.ipv6[a.user], '2001:0db8:66ac:cafe:0000:0000:0000:0000');
        assert.equal(r.ipv6[b.user], '2001:0db8:66ac:cafe:0000:0000:0000:0001');
        return r.ipv6[a.user];
      });
      await ctx.step('listipv6s, accountsummary, ipv6_range_list and ipv6_range_usage show the addresses', async () => {
        assert.ok((await listed()).includes(first));
        assert.deepEqual((await whm.accountSummary({ user: a.user })).ipv6, [first]);
        assert.deepEqual((await ranges()).find((x) => x.name === name)?.range_users, [a.user, b.user].sort());
        assert.equal((await whm.data<{ usage: { used: number } }>('ipv6_range_usage', { name })).usage.used, 2);
      });
      await ctx.step('a range with addresses in use cannot be removed', () => expectFailure(whm.call('ipv6_range_remove', { name }), /assigned/));
      await ctx.step('ipv6_disable_account: the address is reclaimed; enabling again gives a different one', async () => {
        await whm.call('ipv6_disable_account', { user: a.user });
        assert.ok(!(await listed()).includes(first));
        assert.deepEqual((await ranges()).find((x) => x.name === name)?.reclaimed, [first]);
        const again = await whm.data<{ ipv6: Record<string, string> }>('ipv6_enable_account', { user: a.user, range: name });
        assert.notEqual(again.ipv6[a.user], first);
      });
      await ctx.step('removeacct frees the account’s address; the emptied range can be removed', async () => {
        const address = ((await whm.accountSummary({ user: b.user })).ipv6 as string[] | undefined)?.[0];
        await whm.removeAccount(b.user);
        assert.ok(address && !(await listed()).includes(address));
        await whm.call('ipv6_disable_account', { user: a.user });
        await whm.call('ipv6_range_remove', { name });
        assert.ok(!(await ranges()).some((x) => x.name === name));
      });
    },
  }),
];
