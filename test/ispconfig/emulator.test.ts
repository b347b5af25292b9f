import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IspconfigClient, IspconfigError } from '../../clients/ispconfig/index.js';
import { sqlName } from '../../emulators/ispconfig/schema/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

// What the conformance scenarios cannot reach from one loopback client: other client IPs, client-login
// ownership (can_use_api is no API field), the JSON door's own binding, raw wire shapes.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ panels: ['ispconfig'] });
});
afterAll(() => server?.close());

function client(world: string, options: Partial<ConstructorParameters<typeof IspconfigClient>[0]> = {}): IspconfigClient {
  return new IspconfigClient({ url: `${server.url}/_w/${world}/ispconfig`, username: 'admin', password: 'admin', ...options });
}

/** A JSON-door call straight into the core, from any client address. */
async function jsonCall(world: string, method: string, body: unknown, remoteAddress = '127.0.0.1') {
  const response = await server.core.handle({
    panel: 'ispconfig',
    world,
    httpMethod: 'POST',
    path: '/remote/json.php',
    query: method,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body)),
    remoteAddress,
  });
  const text = response.body.toString();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as { code: string; message: string; response: unknown }) };
}

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof IspconfigError) return `${error.code}: ${error.faultString}`;
    throw error;
  }
}

describe('ISPConfig sessions and addresses', () => {
  it('binds a session to the IP it logged in from', async () => {
    const login = await jsonCall('ip', 'login', { username: 'admin', password: 'admin' }, '::ffff:192.0.2.50');
    const sid = login.body!.response as string;
    expect(sid).toMatch(/^[a-z][0-9a-f]{40}$/);
    expect((await jsonCall('ip', 'client_get_all', { session_id: sid }, '192.0.2.50')).body!.code).toBe('ok');
    expect((await jsonCall('ip', 'client_get_all', { session_id: sid }, '192.0.2.51')).body).toEqual({
      code: 'remote_fault',
      message: 'Session IP mismatch.',
      response: false,
    });
  });

  it('lets a remote user in only from loopback, its listed IPs, or anywhere when the list is empty', async () => {
    await client('ipcheck').login();
    const world = server.core.worlds.get('ipcheck')!;
    world.setSetting('ispconfig.remoteUsers', [
      { username: 'listed', password: 'Pw-123456', remoteIps: '192.0.2.7, 192.0.2.8' },
      { username: 'closed', password: 'Pw-123456', remoteAccess: 'n' },
    ]);
    const as = (username: string, ip: string) => jsonCall('ipcheck', 'login', { username, password: 'Pw-123456' }, ip);
    expect((await as('listed', '192.0.2.7')).body!.code).toBe('ok');
    expect((await as('listed', '192.0.2.9')).body!.message).toBe('The login is not allowed from 192.0.2.9');
    expect((await as('closed', '192.0.2.7')).body!.message).toBe('The login is not allowed from 192.0.2.7');
    expect((await as('closed', '127.0.0.1')).body!.code).toBe('ok');
  });

  it('stores session ids with an absolute expiry 1800 s after login', async () => {
    // Frozen, so a second that ticks between the login and the check below cannot make it 1799.
    server.core.worlds.create('expiry', undefined, { frozen: true });
    const c = client('expiry');
    const sid = await c.login();
    const row = server.core.worlds
      .get('expiry')!
      .db.prepare(`SELECT tstamp, remote_ip FROM ${sqlName('remote_session')} WHERE remote_session = ?`)
      .get(sid) as {
      tstamp: number;
      remote_ip: string;
    };
    expect(row.tstamp - server.core.worlds.get('expiry')!.clock.nowSeconds()).toBe(1800);
    expect(row.remote_ip).toBe('127.0.0.1');
  });
});

describe('ISPConfig client logins see their own records', () => {
  it('filters by ownership, except -1, which lists everything', async () => {
    const admin = client('owner');
    const clientId = Number(
      await admin.clientAdd(0, {
        contact_name: 'C',
        email: 'c@example.com',
        username: 'owner1',
        password: 'S3cret!pass-1',
        language: 'en',
        web_php_options: 'no',
        ssh_chroot: 'no',
      }),
    );
    const zone = (origin: string, owner: number) =>
      admin.dnsZoneAdd(owner, {
        server_id: 1,
        origin,
        ns: 'ns.example.com.',
        mbox: `h.${origin}`,
        refresh: 7200,
        retry: 540,
        expire: 604800,
        minimum: 3600,
        ttl: 3600,
        active: 'Y',
      });
    const own = Number(await zone('own.test.', clientId));
    const foreign = Number(await zone('foreign.test.', 0));
    // can_use_api is not an API field: the panel UI sets it.
    server.core.worlds
      .get('owner')!
      .db.prepare(`UPDATE ${sqlName('client')} SET can_use_api = 'y' WHERE client_id = ?`)
      .run(clientId);
    const asClient = client('owner', { username: 'owner1', password: 'S3cret!pass-1', clientLogin: true });
    expect((await asClient.dnsZoneGet(own))?.origin).toBe('own.test.');
    expect(await asClient.dnsZoneGet(foreign)).toBeNull();
    expect((await asClient.dnsZoneGet({})).map((z) => z.origin)).toEqual(['own.test.']);
    expect((await asClient.dnsZoneGet(-1)).length).toBe(2);
    expect(await asClient.dnsZoneDelete(foreign)).toBe(0);
    // Whatever client_id it names, a client login writes as itself.
    const added = Number(
      await asClient.dnsZoneAdd(0, {
        server_id: 1,
        origin: 'mine.test.',
        ns: 'ns.example.com.',
        mbox: 'h.mine.test.',
        refresh: 7200,
        retry: 540,
        expire: 604800,
        minimum: 3600,
        ttl: 3600,
      }),
    );
    expect((await admin.dnsZoneGet(added))?.sys_groupid).toBe(String(await admin.clientGetGroupid(clientId)));
  });
});

describe('ISPConfig JSON door', () => {
  it('binds by name; a missing parameter is null, not "too few arguments"', async () => {
    const sid = (await jsonCall('json', 'login', { username: 'admin', password: 'admin' })).body!.response;
    expect((await jsonCall('json', 'dns_zone_get_id', { session_id: sid })).body).toEqual({
      code: 'remote_fault',
      message: 'Invalid domain name.',
      response: false,
    });
    expect((await jsonCall('json', 'server_get', { section: 'global', server_id: 1, session_id: sid })).body!.response).toEqual({
      webserver: 'apache',
      mailserver: 'postfix',
      dnsserver: 'mydns',
    });
  });

  it('answers a PHP error inside a method with HTTP 500 and no body', async () => {
    const sid = (await jsonCall('json2', 'login', { username: 'admin', password: 'admin' })).body!.response;
    expect(await jsonCall('json2', 'client_template_additional_get', { session_id: sid, client_id: 'abc' })).toEqual({ status: 500, body: undefined });
  });
});

describe('ISPConfig engine details', () => {
  it('ignores extra SOAP arguments, as PHP does', async () => {
    const c = client('extra');
    const sid = await c.login();
    expect(await c.callRaw('client_get_all', [sid, 'extra', 42])).toBe(false);
  });

  it('forces the primary key with _primary_id and returns it as sent', async () => {
    const c = client('primary');
    expect(await c.domainsDomainAdd(0, { domain: 'forced.test', _primary_id: 77 })).toBe(77);
    expect((await c.domainsDomainGet(77))?.domain).toBe('forced.test');
    expect(await codeOf(c.domainsDomainAdd(0, { domain: 'again.test', _primary_id: 77 }))).toMatch(
      /^database_error: Duplicate entry '77' for key 'PRIMARY' INSERT INTO `domain`/,
    );
  });

  it('pages filters with #OFFSET# and #LIMIT#, matches % with LIKE', async () => {
    const c = client('paging');
    for (const d of ['a', 'b', 'c', 'd']) await c.domainsDomainAdd(0, { domain: `${d}.paging.test` });
    expect((await c.domainsDomainGet({ '#OFFSET#': 1, '#LIMIT#': 2 })).map((r) => r.domain)).toEqual(['b.paging.test', 'c.paging.test']);
    expect((await c.domainsDomainGet({ domain: '%.PAGING.test' })).length).toBe(4);
  });

  it('writes a strict-mode INSERT the way MySQL refuses it, and coerces otherwise', async () => {
    const c = client('strict');
    await c.login();
    const zone = Number(
      await c.dnsZoneAdd(0, {
        server_id: 1,
        origin: 's.test.',
        ns: 'ns.example.com.',
        mbox: 'h.s.test.',
        refresh: 7200,
        retry: 540,
        expire: 604800,
        minimum: 3600,
        ttl: 3600,
      }),
    );
    const params = { server_id: 1, zone, name: 'x', type: 'A', data: '192.0.2.1', ttl: '3600', stamp: '2024-1-2 3:04', serial: '7.6' };
    const id = Number(await c.dnsAAdd(0, params));
    // MySQL's own conversions: a loose timestamp is completed, a decimal string into an int column rounded (the form intval()s serial first: 7).
    expect(await c.dnsAGet(id)).toMatchObject({ ttl: '3600', stamp: '2024-01-02 03:04:00', serial: '7' });
    // PHP 8 compares '3600abc' < 60 as strings: the RANGE rule fails although intval() would give 3600.
    expect(await codeOf(c.dnsAAdd(0, { ...params, ttl: '3600abc' }))).toBe('data_processing_error: ttl_range_error<br />\r\n');
    server.core.worlds.get('strict')!.setSetting('ispconfig.mysqlStrict', true);
    // The form's intval() already turned the ttl into 3600; a bad ENUM value is what strict MySQL refuses.
    expect(await codeOf(c.dnsAAdd(0, { ...params, type: 'BOGUS' }))).toMatch(/^database_error: Data truncated for column 'type' at row 1 INSERT INTO `dns_rr`/);
  });

  it('queues writes in sys_datalog as PHP-serialized {new, old}', async () => {
    const c = client('datalog');
    await c.domainsDomainAdd(0, { domain: 'log.test' });
    const [entry] = (await c.sysDatalogGetByTstamp(1)) as Record<string, string>[];
    expect(entry.data).toMatch(/^a:2:\{s:3:"new";a:\d+:\{s:9:"domain_id";s:1:"1";.*s:6:"domain";s:8:"log.test";.*\}s:3:"old";a:\d+:\{s:9:"domain_id";N;/);
  });
});

describe('ISPConfig usage and APS catalogue settings of the wrong shape', () => {
  it('read as nothing measured and as packages with what they do say, never a crash', async () => {
    const c = client('odd-settings');
    await c.login();
    const world = server.core.worlds.get('odd-settings')!;
    world.setSetting('ispconfig.usage', { disk: 'full', mail: [1, 2], databases: null, webTraffic: { hostname: 'x' }, ftpTraffic: [7, { hostname: 3 }] });
    world.setSetting('ispconfig.apsCatalogue', [
      'not a package',
      {
        name: 'Odd',
        version: 1,
        release: '1',
        category: 'Misc',
        packageUrl: 'https://example.test/odd',
        description: 42,
        settings: 'none',
        screenshots: {},
        php: { extensions: 'php' },
      },
    ]);
    expect(await c.quotaGetByUser(0)).toEqual([]);
    expect(await c.trafficquotaGetByUser(0)).toEqual([]);
    expect(await c.sitesApsUpdatePackageList()).toBe(true);
    const [pkg] = (await c.sitesApsAvailablePackagesList()) as Record<string, string>[];
    expect(pkg).toMatchObject({ name: 'Odd', version: '1', path: 'Odd-1-1.app.zip' });
    expect(await c.sitesApsGetPackageDetails(Number(pkg!.id))).toMatchObject({ Description: '42', Screenshots: '', 'Requirements PHP extensions': '' });
    expect(await c.sitesApsGetPackageSettings(Number(pkg!.id))).toEqual([]);
  });
});
