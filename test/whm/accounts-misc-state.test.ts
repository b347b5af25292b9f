import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhmApiError } from '../../clients/whm/index.js';
import { keyStock, keysMadeOnLoop, takeKey } from '../../kernel/key-pool.js';
import { prepareWhmKeys } from '../../emulators/whm/key-needs.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { RESELLER, whmIn } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const reason = (e: unknown) => (e instanceof WhmApiError ? e.reason : String(e));

describe('WHM issue 19: accounts, 2FA, PostgreSQL, hooks, PHP', () => {
  it("removeacct takes the account's PostgreSQL databases and roles with it", async () => {
    const whm = whmIn(server, 'pg-cascade');
    const pg = async (fn: string) =>
      (await whm.data<{ payload: { cpuser: string; engine: string; name: string }[] }>(fn)).payload.filter((p) => p.engine === 'postgresql').map((p) => p.name);
    expect(await pg('list_databases')).toEqual(['alice_pg']);
    await whm.removeAccount('alice');
    expect(await pg('list_databases')).toEqual([]);
    expect(await pg('list_database_users')).toEqual([]);
    await expect(whm.call('set_postgresql_password', { user: 'alice_pg', password: 'Pg-S3cure!pw' })).rejects.toSatisfy((e) =>
      /does not exist/.test(reason(e)),
    );
  });

  it('a reseller sees and changes only its own accounts: 2FA users, forced password flags, PostgreSQL', async () => {
    const reseller = whmIn(server, 'reseller-scope', RESELLER);
    const users = Object.keys(await reseller.data<Record<string, unknown>>('twofactorauth_get_user_configs')).sort();
    expect(users).toEqual(['alice', 'bob']);
    await expect(reseller.call('forcepasswordchange', { users_json: JSON.stringify({ carol: 1 }) })).rejects.toSatisfy(
      (e) => reason(e) === 'Invalid user(s): carol',
    );
    expect(await reseller.data('forcepasswordchange', { users_json: JSON.stringify({ alice: 1 }) })).toEqual({ updated: ['alice'] });
    const removed = await reseller.data<{ failed: Record<string, string>; users_modified: string[] }>('twofactorauth_remove_user_config', {
      'user-1': 'alice',
      'user-2': 'carol',
    });
    expect(removed.users_modified).toEqual(['alice']);
    expect(removed.failed.carol).toMatch(/^You are not authorized to modify “carol”: /);
    await expect(reseller.call('untrack_acct_id', { uid: 1001 })).rejects.toSatisfy((e) => /do not have root access/.test(reason(e)));
  });

  it('generatesshkeypair, alone or inside batch, gets its key pair made off the event loop before it runs', async () => {
    const whm = whmIn(server, 'keygen-batch');
    const inline = keysMadeOnLoop();
    await whm.call('generatesshkeypair', { name: 'direct', bits: 1024 });
    const [answer] = await whm.batch([{ fn: 'generatesshkeypair', params: { name: 'inbatch', bits: 1024 } }]);
    expect(answer!.data).toEqual({ fingerprint: null, name: 'inbatch' });
    const files = (await whm.data<{ keys: { file: string }[] }>('listsshkeys')).keys.map((k) => k.file);
    expect(files).toEqual(['direct', 'direct.pub', 'inbatch', 'inbatch.pub']);
    // Both pairs were made off the event loop (the door's prepare step), none inside a handler.
    expect(keysMadeOnLoop()).toBe(inline);
  });

  it('every key-making function, inside batch too, takes its keys from the one pool: none is made on the event loop', async () => {
    const whm = whmIn(server, 'keygen-all');
    const onLoop = keysMadeOnLoop();
    // Without prepared keys, DNSSEC and DKIM answer a per-domain failure and generatessl makes its key on the loop (counted).
    const answers = await whm.batch([
      { fn: 'enable_dnssec_for_domains', params: { domain: 'alice.example.com' } },
      { fn: 'add_zone_key', params: { domain: 'alice.example.com', algo_num: 8, key_type: 'zsk' } },
      { fn: 'enable_dkim', params: { domain: 'bob.example.org' } },
      { fn: 'generatessl', params: { domains: 'alice.example.com', keysize: 2048 } },
      { fn: 'fetch_service_ssl_components' },
      { fn: 'generatesshkeypair', params: { name: 'dsa-in-batch', algorithm: 'dsa' } },
    ]);
    expect(answers.map((a) => a.metadata.result)).toEqual([1, 1, 1, 1, 1, 1]);
    const dnssec = answers[0]!.data as { domains: { enabled: number }[] };
    expect(dnssec.domains.map((d) => d.enabled)).toEqual([1]);
    expect(keysMadeOnLoop()).toBe(onLoop);
  });

  it('the WHM prepare step makes the keys a request names off the event loop, and the handler takes them from the one pool', async () => {
    const request = {
      panel: 'whm' as const,
      world: 'w',
      httpMethod: 'GET',
      path: '/json-api/generatesshkeypair',
      query: 'api.version=1&algorithm=rsa2&bits=1024&name=k',
      headers: { authorization: 'whm root:x' },
      body: Buffer.alloc(0),
      remoteAddress: '127.0.0.1',
    };
    const spec = { type: 'rsa', bits: 1024 } as const;
    const pending = prepareWhmKeys(request);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    const started = performance.now();
    const key = takeKey(spec);
    // A prepared pair is taken, not made: far below what generating an RSA key costs.
    expect(performance.now() - started).toBeLessThan(20);
    expect(key?.asymmetricKeyDetails?.modulusLength).toBe(1024);
    // No credentials (refused at the gate) or no key-making function: nothing is set going.
    expect(prepareWhmKeys({ ...request, headers: {} })).toBeUndefined();
    expect(prepareWhmKeys({ ...request, path: '/json-api/listsshkeys', query: 'api.version=1' })).toBeUndefined();
    expect(prepareWhmKeys({ ...request, query: 'api.version=1&bits=512' })).toBeUndefined();
    // A function named like an Object.prototype member is no entry of the table.
    for (const fn of ['__defineGetter__', 'constructor', 'toString']) {
      expect(prepareWhmKeys({ ...request, path: `/json-api/${fn}` })).toBeUndefined();
      expect(prepareWhmKeys({ ...request, path: '/json-api/batch', query: `command=${fn}%3Fa%3D1` })).toBeUndefined();
    }
    // batch: the numbered commands' functions are read with their own arguments (URI-encoded `function?args`).
    const batch = new URLSearchParams({
      'api.version': '1',
      'command-0': 'generatesshkeypair?bits=1024&name=a',
      'command-1': 'add_zone_key?domain=example.com&algo_num=8&key_type=zsk',
      'command-2': 'version',
    });
    await prepareWhmKeys({ ...request, path: '/json-api/batch', query: batch.toString() });
    expect(keyStock(spec).ready).toBeGreaterThanOrEqual(2);
    expect([takeKey(spec), takeKey(spec)].every((k) => k?.asymmetricKeyDetails?.modulusLength === 1024)).toBe(true);
  });

  it('list_hooks keeps stage order and weights after edit_hook moves a hook to another stage', async () => {
    const whm = whmIn(server, 'hooks-stage');
    await whm.call('edit_hook', { id: 'UNs8a8IbbAVf5oi_hXbcEw5a', stage: 'pre', weight: 50 });
    const { categories } = await whm.data<{ categories: { events: { stages: { stage: string; actions: { id: string; weight: number }[] }[] }[] }[] }>(
      'list_hooks',
    );
    const stages = categories[0]!.events[0]!.stages;
    expect(stages.map((s) => s.stage)).toEqual(['pre', 'post']);
    expect(stages[0]!.actions.map((a) => [a.id, a.weight])).toEqual([['UNs8a8IbbAVf5oi_hXbcEw5a', 50]]);
    await expect(whm.call('reorder_hooks', { ids: 'UNs8a8IbbAVf5oi_hXbcEw5a,HzEpGvT6QGUYwxuX3hWB8AUq' })).rejects.toSatisfy((e) =>
      /not in the same category, event and stage/.test(reason(e)),
    );
  });

  it('get_domain_info reports the PHP version each vhost runs: its own, else the system default', async () => {
    const whm = whmIn(server, 'php-domain-info');
    await whm.call('php_set_system_default_version', { version: 'ea-php81' });
    await whm.call('php_set_vhost_versions', { version: 'ea-php74', vhost: 'bob.example.org' });
    const domains = await whm.getDomainInfo();
    expect(domains.find((d) => d.domain === 'alice.example.com')?.php_version).toBe('ea-php81');
    expect(domains.find((d) => d.domain === 'bob.example.org')?.php_version).toBe('ea-php74');
    const inheriting = (await whm.data<{ vhosts: string[] }>('php_get_vhosts_by_version', { version: 'inherit' })).vhosts;
    expect(inheriting).toContain('alice.example.com');
    expect(inheriting).not.toContain('bob.example.org');
  });
});
