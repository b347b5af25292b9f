import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpanelError } from '../../clients/cpanel/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { cpanelAs, raw, whmRoot } from './support.js';

// The "Done when": the DNS-01 flow a certificate client runs, over real HTTP on the cPanel port,
// as an account made by WHM createacct, with a token the account made itself through UAPI.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ panelPorts: { cpanel: 0 } });
});
afterAll(() => server?.close());

const CHALLENGE = 'x9V0c2hhMjU2LWRpZ2VzdC1vZi10aGUta2V5LWF1dGg';

async function newAccount(world: string, user: string, domain: string) {
  await whmRoot(server, world).createAccount(user, { domain, password: 'S3cret!pass-1', plan: 'default' });
  const byPassword = cpanelAs(server, world, user, { password: 'S3cret!pass-1' });
  const { token } = await byPassword.createToken('dns01');
  expect(token).toMatch(/^[0-9A-Z]{32}$/);
  return { cp: cpanelAs(server, world, user, { token }), token };
}

describe('DNS-01 on the cPanel port', () => {
  it('UAPI: parse_zone → mass_edit_zone adds TXT _acme-challenge → WHM dumpzone shows it → stale serial refused → removed', async () => {
    const world = 'dns01-uapi';
    const { cp } = await newAccount(world, 'dnsone', 'dnsone.example.com');
    const whm = whmRoot(server, world);
    const serial = await cp.zoneSerial('dnsone.example.com');
    expect(serial).toMatch(/^\d{10}$/);

    const next = await cp.massEditZone('dnsone.example.com', serial, {
      add: [{ dname: '_acme-challenge', ttl: 300, record_type: 'TXT', data: [CHALLENGE] }],
    });
    expect(next).toBeGreaterThan(Number(serial));

    // The same zone rows: WHM's dumpzone sees the record and the new serial.
    const dumped = await whm.dumpZone('dnsone.example.com');
    const txt = dumped.find((r) => r.type === 'TXT' && r.name === '_acme-challenge.dnsone.example.com.');
    expect(txt?.txtdata).toBe(CHALLENGE);
    expect(String(dumped.find((r) => r.type === 'SOA')?.serial)).toBe(String(next));

    const parsed = await cp.parseZone('dnsone.example.com');
    const line = parsed.find((l) => l.record_type === 'TXT' && l.dname === '_acme-challenge.dnsone.example.com.');
    expect(line?.data).toEqual([CHALLENGE]);
    expect(line!.line_index).toBe(txt!.Line - 1);

    // The serial read before the add is stale now: refused with status 0, nothing removed.
    const stale = await cp.massEditZone('dnsone.example.com', serial, { remove: [line!.line_index] }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(CpanelError);
    expect((stale as CpanelError).code).toBe('api_failure');
    expect((stale as CpanelError).errors.join()).toMatch(/serial/);
    expect((await whm.dumpZone('dnsone.example.com')).some((r) => r.txtdata === CHALLENGE)).toBe(true);

    await cp.massEditZone('dnsone.example.com', next, { remove: [line!.line_index] });
    expect((await whm.dumpZone('dnsone.example.com')).some((r) => r.txtdata === CHALLENGE)).toBe(false);
  });

  it('answers the documented UAPI envelope, and status 0 with errors for a zone the account does not own', async () => {
    const world = 'dns01-envelope';
    const { cp, token: secret } = await newAccount(world, 'envone', 'envone.example.com');
    await whmRoot(server, world).createAccount('other', { domain: 'other.example.org', password: 'S3cret!pass-2', plan: 'default' });
    const token = (await cp.listTokens())[0];
    expect(token).toMatchObject({ name: 'dns01', has_full_access: 1 });
    const auth = `cpanel envone:${secret}`;

    const ok = await raw(server, world, '/execute/DNS/parse_zone?zone=envone.example.com', { auth });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.json)).toEqual(['apiversion', 'func', 'module', 'result']);
    expect(ok.json).toMatchObject({ apiversion: 3, func: 'parse_zone', module: 'DNS' });
    expect(Object.keys(ok.json.result).sort()).toEqual(['data', 'errors', 'messages', 'metadata', 'status', 'warnings']);
    expect(ok.json.result).toMatchObject({ status: 1, errors: null, metadata: { transformed: 1 } });

    for (const [path, pattern] of [
      ['/execute/DNS/parse_zone?zone=other.example.org', /do not have access to a domain named “other\.example\.org”/],
      ['/execute/DNS/parse_zone', /Provide the “zone” parameter/],
      ['/execute/DNS/no_such_function', /“no_such_function”.*“DNS”/],
      ['/execute/NoSuchModule/anything', /“NoSuchModule”/],
      ['/execute/API2/ZoneEdit::fetchzones', /“API2”/],
      ['/execute/DNS/mass_edit_zone?zone=envone.example.com&serial=1', /serial/],
    ] as const) {
      const r = await raw(server, world, path, { auth });
      expect([path, r.status, r.json?.result?.status, r.json?.result?.data]).toEqual([path, 200, 0, null]);
      expect(r.json.result.errors.join(), path).toMatch(pattern);
    }
  });

  it('API 2 ZoneEdit with the cpanel token header: fetchzones finds the zone, add, find by name, remove by line', async () => {
    const world = 'dns01-api2';
    const { token } = await newAccount(world, 'apitwo', 'apitwo.example.com');
    const auth = `cpanel apitwo:${token}`;
    const api2 = (fn: string, args: string) =>
      raw(server, world, `/json-api/cpanel?cpanel_jsonapi_apiversion=2&cpanel_jsonapi_module=ZoneEdit&cpanel_jsonapi_func=${fn}&${args}`, { auth });

    const zones = await api2('fetchzones', '');
    expect(zones.json.cpanelresult).toMatchObject({ apiversion: 2, func: 'fetchzones', module: 'ZoneEdit', event: { result: 1 } });
    expect(Object.keys(zones.json.cpanelresult.data[0].zones)).toEqual(['apitwo.example.com']);

    const added = await api2('add_zone_record', `domain=apitwo.example.com&name=_acme-challenge&type=TXT&txtdata=${CHALLENGE}&ttl=300`);
    expect(added.json.cpanelresult.data[0].result.status).toBe(1);
    const found = await api2('fetchzone_records', 'domain=apitwo.example.com&name=_acme-challenge.apitwo.example.com.&type=TXT');
    expect(found.json.cpanelresult.data).toHaveLength(1);
    const line = found.json.cpanelresult.data[0].line;
    expect(found.json.cpanelresult.data[0]).toMatchObject({ txtdata: CHALLENGE, Line: line, name: '_acme-challenge.apitwo.example.com.', type: 'TXT' });

    const removed = await api2('remove_zone_record', `domain=apitwo.example.com&line=${line}`);
    expect(removed.json.cpanelresult.event.result).toBe(1);
    expect((await api2('fetchzone_records', 'domain=apitwo.example.com&type=TXT&txtdata=' + CHALLENGE)).json.cpanelresult.data).toEqual([]);

    // A line with no record, and another account's zone: API 2's failure (error, event.result 0), not an internal error.
    for (const [args, pattern] of [
      [`domain=apitwo.example.com&line=${line + 500}`, /line/],
      ['domain=elsewhere.example.org&line=1', /zone|domain/],
    ] as const) {
      const r = await api2('remove_zone_record', args);
      expect([r.status, r.json.cpanelresult.event.result]).toEqual([200, 0]);
      expect(r.json.cpanelresult.error).toMatch(pattern);
    }
  });

  it('the same API 2 ZoneEdit flow through WHM’s cpanel passthrough as root', async () => {
    const world = 'dns01-whm';
    await newAccount(world, 'viawhm', 'viawhm.example.com');
    const whmCall = async (args: string) => {
      const r = await fetch(`${server.url}/whm/json-api/cpanel?cpanel_jsonapi_user=viawhm&cpanel_jsonapi_apiversion=2&cpanel_jsonapi_module=ZoneEdit&${args}`, {
        headers: { authorization: `whm root:${ROOT_TOKEN}`, 'x-mockpanel-world': world },
      });
      expect(r.status).toBe(200);
      return ((await r.json()) as { cpanelresult: { data: any[]; event: { result: number }; error?: string } }).cpanelresult;
    };
    expect(Object.keys((await whmCall('cpanel_jsonapi_func=fetchzones')).data[0].zones)).toEqual(['viawhm.example.com']);
    expect(
      (await whmCall(`cpanel_jsonapi_func=add_zone_record&domain=viawhm.example.com&name=_acme-challenge&type=TXT&txtdata=${CHALLENGE}`)).event.result,
    ).toBe(1);
    const [record] = (await whmCall('cpanel_jsonapi_func=fetchzone_records&domain=viawhm.example.com&name=_acme-challenge&type=TXT')).data;
    expect(record.txtdata).toBe(CHALLENGE);
    // Root sees the change in WHM's own dumpzone too.
    expect((await whmRoot(server, world).dumpZone('viawhm.example.com')).find((r) => r.Line === record.line)?.txtdata).toBe(CHALLENGE);
    expect((await whmCall(`cpanel_jsonapi_func=remove_zone_record&domain=viawhm.example.com&line=${record.line}`)).event.result).toBe(1);
    expect((await whmCall('cpanel_jsonapi_func=fetchzone_records&domain=viawhm.example.com&type=TXT&name=_acme-challenge')).data).toEqual([]);
  });
});
