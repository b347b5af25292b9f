import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhmApiError } from '../../clients/whm/index.js';
import { createMockpanel } from '../../emulators/mockpanel.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { raw, RESELLER, setSettings, whmIn } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('WHM zones', () => {
  it('numbers lines as a zone file does (the SOA takes 7) and shifts them when a record goes', async () => {
    const whm = whmIn(server, 'zone-lines');
    const zone = await whm.dumpZone('alice.example.com');
    const soa = zone.find((r) => r.type === 'SOA')!;
    expect(soa.Lines).toBe(7);
    expect(zone[zone.indexOf(soa) + 1].Line).toBe(soa.Line + 7);
    const www = zone.find((r) => r.name === 'www.alice.example.com.')!;
    const after = zone[zone.indexOf(www) + 1];
    await whm.removeZoneRecord('alice.example.com', www.Line);
    expect((await whm.getZoneRecord('alice.example.com', www.Line)).name).toBe(after.name);
  });

  it('moves the SOA serial forward on every change, date-based', async () => {
    const whm = whmIn(server, 'zone-serial');
    const before = Number(await whm.zoneSerial('bob.example.org'));
    await whm.addZoneRecord('bob.example.org', { name: 'x', type: 'CNAME', cname: 'bob.example.org' });
    const after = Number(await whm.zoneSerial('bob.example.org'));
    expect(after).toBe(before + 1);
    expect(String(after)).toMatch(/^\d{10}$/);
  });

  it('refuses a reseller a zone that is not its accounts’', async () => {
    await expect(whmIn(server, 'zone-iso', RESELLER).dumpZone('carol.example.net')).rejects.toMatchObject({
      reason: 'You do not have access to a domain named “carol.example.net”.',
    });
    expect((await whmIn(server, 'zone-iso', RESELLER).listZones()).map((z) => z.domain).sort()).toEqual([
      'alice.example.com',
      'bob.example.org',
      'reseller1.example.com',
    ]);
  });
});

describe('WHM batch', () => {
  it('rolls back a failing command alone and keeps the others', async () => {
    const w = 'batch-savepoint';
    const whm = whmIn(server, w);
    const err = (await whm
      .batch([
        { fn: 'addpkg', params: { name: 'kept' } },
        { fn: 'createacct', params: { username: 'carol', domain: 'new.example.com' } },
        { fn: 'addpkg', params: { name: 'kept2' } },
      ])
      .catch((e: unknown) => e)) as WhmApiError;
    expect(err).toBeInstanceOf(WhmApiError);
    expect(err.reason).toMatch(/createacct: Sorry, a user with the name “carol” already exists/);
    const names = (await whm.listPackages()).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['kept', 'kept2']));
    expect((await whm.getDomainInfo()).some((d) => d.domain === 'new.example.com')).toBe(false);
  });

  it('runs each command through the dispatcher: fault rules fire, each command is journaled, and a reseller is held to each command’s privilege', async () => {
    const w = 'batch-dispatch';
    await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: w }) });
    const rule = await fetch(`${server.admin}/worlds/${w}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ panel: 'whm', method: 'addpkg', times: 1, effect: { type: 'rate-limit' } }),
    });
    expect(rule.status).toBe(201);
    const r = await raw(server, w, 'batch?api.version=1&command=addpkg%3Fname%3Dfirst&command=addpkg%3Fname%3Dsecond&command=version');
    expect(r.json.metadata).toMatchObject({ result: 0, reason: expect.stringMatching(/^One or more batch commands failed\. addpkg: The server is too busy/) });
    expect(r.json.data.result.map((e: { metadata: { result: number } }) => e.metadata.result)).toEqual([0, 1, 1]);
    expect((await whmIn(server, w).listPackages()).map((p) => p.name)).toEqual(expect.arrayContaining(['second']));
    const journal = (await (await fetch(`${server.admin}/worlds/${w}/journal?panel=whm`)).json()) as {
      entries: { method: string; outcome: string; injected?: string }[];
    };
    const seen = journal.entries.map((e) => `${e.method}:${e.outcome}`);
    expect(seen).toEqual(expect.arrayContaining(['addpkg:fault', 'addpkg:ok', 'version:ok', 'batch:fault']));
    expect(journal.entries.find((e) => e.method === 'addpkg' && e.outcome === 'fault')!.injected).toMatch(/rate-limit/);

    const reseller = await raw(server, w, 'batch?api.version=1&command=version&command=sethostname%3Fhostname%3Dh.example.com', {
      auth: `Basic ${Buffer.from('reseller1:resellerpw').toString('base64')}`,
    });
    expect(reseller.json.data.result[1].metadata).toMatchObject({ result: 0, reason: expect.stringMatching(/requires the “all” privilege/) });
  });

  it('refuses a nested batch', async () => {
    const err = (await whmIn(server, 'batch-nested')
      .batch([{ fn: 'batch', params: { command: 'version' } }])
      .catch((e: unknown) => e)) as WhmApiError;
    expect((err.data as { result: { metadata: { reason: string } }[] }).result[0].metadata.reason).toMatch(/batch/);
  });
});

describe('WHM get/set settings pairs', () => {
  it('reads back what a setter stored, per identity, over the documented sample', async () => {
    const w = 'pairs';
    const whm = whmIn(server, w);
    expect(await whm.data('get_tweaksetting', { key: 'maxemailsperhour' })).toEqual({ tweaksetting: { key: 'maxemailsperhour', value: 'localuser' } });
    await whm.call('set_tweaksetting', { key: 'maxemailsperhour', value: '200' });
    expect(await whm.data('get_tweaksetting', { key: 'maxemailsperhour' })).toEqual({ tweaksetting: { key: 'maxemailsperhour', value: '200' } });
    expect(await whm.data('get_tweaksetting', { key: 'other' })).toEqual({ tweaksetting: { key: 'other', value: 'localuser' } });
    await whm.call('backup_config_set', { backup_daily_retention: 9, backupenable: 0 });
    const cfg = (await whm.data<{ backup_config: Record<string, unknown> }>('backup_config_get')).backup_config;
    expect([cfg.backup_daily_retention, cfg.backupenable]).toEqual([9, 0]);
  });
});

describe('WHM tier-2 state', () => {
  it('outgoing-mail switches show in listaccts', async () => {
    const whm = whmIn(server, 'mail-switch');
    await whm.call('suspend_outgoing_email', { user: 'bob' });
    await whm.call('hold_outgoing_email', { user: 'bob' });
    const bob = await whm.accountSummary({ user: 'bob' });
    expect([bob.outgoing_mail_suspended, bob.outgoing_mail_hold]).toEqual([1, 1]);
  });

  it('suspendreseller suspends the reseller’s accounts and terminatereseller removes them', async () => {
    const whm = whmIn(server, 'reseller-ops');
    await whm.call('suspendreseller', { user: 'reseller1', reason: 'audit' });
    expect((await whm.listSuspended()).map((s) => s.user).sort()).toEqual(['alice', 'bob', 'reseller1']);
    await whm.call('unsuspendreseller', { user: 'reseller1' });
    expect(await whm.listSuspended()).toEqual([]);
    const r = await whm.data<{ acct: { user: string; result: number }[] }>('terminatereseller', { user: 'reseller1', terminatereseller: 1 });
    expect(r.acct.map((a) => a.user)).toEqual(['alice', 'bob', 'reseller1']);
    expect((await whm.listAccounts()).map((a) => a.user)).toEqual(['carol']);
    expect(await whm.listResellers()).toEqual([]);
  });

  it('setresellerpackagelimit limits which packages a reseller may sell', async () => {
    const w = 'pkg-limits';
    const whm = whmIn(server, w);
    await whm.setResellerLimits('reseller1', { enable_package_limits: 1 });
    await whm.call('setresellerpackagelimit', { user: 'reseller1', package: 'reseller1_starter', allowed: 1 });
    const reseller = whmIn(server, w, RESELLER);
    await reseller.createAccount('allowed', { domain: 'allowed.example.com', plan: 'reseller1_starter', password: 'Str0ng-Pass-word' });
    await expect(reseller.createAccount('refused', { domain: 'refused.example.com', plan: 'default', password: 'Str0ng-Pass-word' })).rejects.toMatchObject({
      reason: 'You are not allowed to use the package “default”.',
    });
  });

  it('api_token_update renames and re-scopes a token; api_token_get_details reads it by its secret', async () => {
    const whm = whmIn(server, 'token-update');
    const t = await whm.createToken('first', { acl: ['list-accts'] });
    const updated = await whm.data<{ name: string; acls: string[] }>('api_token_update', {
      token_name: 'first',
      new_name: 'second',
      acl: ['list-accts', 'kill-acct'],
    });
    expect(updated).toMatchObject({ name: 'second', acls: ['kill-acct', 'list-accts'] });
    expect(await whm.data('api_token_get_details', { token: t.token })).toMatchObject({ name: 'second' });
    expect(Object.keys(await whm.listTokens()).sort()).toEqual(['mockpanel-root', 'second']);
  });

  it('feature lists read back what was created and updated', async () => {
    const whm = whmIn(server, 'featurelists');
    await whm.call('create_featurelist', { featurelist: 'mailonly', email_trace: 1, sslmanager: 0 });
    await whm.call('update_featurelist', { featurelist: 'mailonly', sslmanager: 1 });
    const data = await whm.data<{ features: { id: string; value: number }[] }>('get_featurelist_data', { featurelist: 'mailonly' });
    expect(Object.fromEntries(data.features.map((f) => [f.id, f.value]))).toEqual({ email_trace: 1, sslmanager: 1 });
    expect((await whm.data<{ featurelists: string[] }>('get_featurelists')).featurelists).toContain('mailonly');
    await whm.call('delete_featurelist', { featurelist: 'mailonly' });
    await expect(whm.call('get_featurelist_data', { featurelist: 'mailonly' })).rejects.toMatchObject({
      reason: 'The feature list “mailonly” does not exist.',
    });
  });

  it('DMARC, DKIM and SPF functions write TXT records into the zone', async () => {
    const whm = whmIn(server, 'email-auth');
    await whm.call('apply_dmarc', { domain: 'bob.example.org', policy: 'reject' });
    await whm.call('enable_dkim', { domain: 'bob.example.org' });
    await whm.call('install_spf_records', { domain: 'bob.example.org', record: 'v=spf1 -all' });
    const txt = (await whm.dumpZone('bob.example.org')).filter((r) => r.type === 'TXT').map((r) => [r.name, r.txtdata]);
    expect(txt).toEqual(
      expect.arrayContaining([
        ['_dmarc.bob.example.org.', 'v=DMARC1; p=reject;'],
        ['bob.example.org.', 'v=spf1 -all'],
        ['default._domainkey.bob.example.org.', expect.stringMatching(/^v=DKIM1;/)],
      ]),
    );
    expect(txt.filter(([name]) => name === 'bob.example.org.')).toHaveLength(1);
    await whm.call('remove_dmarc', { domain: 'bob.example.org' });
    expect((await whm.dumpZone('bob.example.org')).some((r) => r.name === '_dmarc.bob.example.org.')).toBe(false);
  });

  it('enforces the per-world minimum password strength', async () => {
    const w = 'pw-strength';
    await setSettings(server, w, { 'whm.minimumPasswordStrength': 60 });
    const whm = whmIn(server, w);
    await expect(whm.setPassword('alice', 'abc')).rejects.toMatchObject({ reason: expect.stringMatching(/too weak.*at least 60/) });
    await whm.setPassword('alice', 'Much-Longer-Passw0rd!');
  });

  it('reports the version the world is set to', async () => {
    await setSettings(server, 'version-setting', { 'whm.version': '11.110.0.4' });
    expect(await whmIn(server, 'version-setting').version()).toBe('11.110.0.4');
  });
});

describe('WHM seed section', () => {
  it('builds the world from a --seed section and lists its logins in the banner', async () => {
    const core = createMockpanel({
      panels: ['whm'],
      seed: {
        whm: {
          hostname: 'panel.example.test',
          rootToken: 'SEEDEDTOKEN000000000000000000000',
          resellers: [
            { user: 'shop', password: 'shoppw', domain: 'shop.example.test', accounts: [{ user: 'cust1', password: 'c1pw', domain: 'cust1.example.test' }] },
          ],
        },
      },
    });
    try {
      const r = await core.handle({
        panel: 'whm',
        world: 'default',
        httpMethod: 'GET',
        path: '/json-api/listaccts',
        query: 'api.version=1',
        headers: { authorization: 'whm root:SEEDEDTOKEN000000000000000000000' },
        body: Buffer.alloc(0),
        remoteAddress: '127.0.0.1',
      });
      const body = JSON.parse(String(r.body));
      expect(body.data.acct.map((a: { user: string; owner: string }) => [a.user, a.owner])).toEqual([
        ['cust1', 'shop'],
        ['shop', 'root'],
      ]);
    } finally {
      core.worlds.close();
    }
    const { whmPanel } = await import('../../emulators/whm/index.js');
    expect(whmPanel.describeSeed({ resellers: [{ user: 'shop', password: 'shoppw', domain: 'x', accounts: [] }] })).toEqual([
      'root / rootpw (Basic), Authorization: whm root:MOCKPANELROOTTOKEN00000000000000',
      'reseller shop / shoppw (Basic) owning no accounts',
    ]);
  });

  it('seeds root, a reseller with accounts, packages, hostname and IPs by default', async () => {
    const whm = whmIn(server, 'seed-default');
    expect(await whm.hostname()).toBe('server.example.com');
    expect((await whm.listIps()).map((i) => i.ip)).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.12']);
    expect(await whm.listResellers()).toEqual(['reseller1']);
    expect((await whm.listPackages()).map((p) => p.name)).toEqual(['basic', 'default', 'pro', 'reseller1_starter']);
    const r = await raw(server, 'seed-default', 'listaccts?api.version=1&api.columns.enable=1&api.columns.a=user&api.columns.b=owner');
    expect(r.json.data.acct).toEqual([
      { owner: 'reseller1', user: 'alice' },
      { owner: 'reseller1', user: 'bob' },
      { owner: 'root', user: 'carol' },
      { owner: 'root', user: 'reseller1' },
    ]);
  });
});

describe('WHM removals cascade to the stored lists', () => {
  it('removeacct forgets the account’s SSH keys and enhancements: a new account of the same name inherits neither', async () => {
    const whm = whmIn(server, 'cascade-lists');
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMockpanelCascadeKey dave@example.com';
    const account = { domain: 'dave.example.com', plan: 'default', password: 'Str0ng-Pass-word' };
    await whm.createAccount('dave', account);
    await whm.call('importsshkey', { user: 'dave', name: 'davekey', key });
    await expect(whm.call('importsshkey', { user: 'dave', name: 'davekey', key })).rejects.toMatchObject({ reason: expect.stringMatching(/exists/) });
    await whm.call('create_account_enhancement', { name: 'Backups Plus', id: 'backups-plus' });
    await whm.call('assign_account_enhancement', { account: 'dave', name: 'Backups Plus' });
    await whm.call('removeacct', { username: 'dave' });
    await whm.createAccount('dave', account);
    // listsshkeys shows only the caller's own keys (seed 004: it takes no user), so the account's ~/.ssh is read through its writers.
    await expect(whm.call('deletesshkey', { user: 'dave', file: 'davekey' })).rejects.toMatchObject({ reason: expect.stringMatching(/does not exist/) });
    await whm.call('importsshkey', { user: 'dave', name: 'davekey', key });
    // Unassigning what the new account never got is refused: the old assignment went with the old account.
    await expect(whm.call('unassign_account_enhancement', { account: 'dave', name: 'Backups Plus' })).rejects.toBeInstanceOf(WhmApiError);
  });
});
