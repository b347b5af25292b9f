import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { implementationOf } from '../../emulators/core/method-lookup.js';
import { whmPanel } from '../../emulators/whm/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { raw } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('WHM API 1 envelope', () => {
  it('answers failures with HTTP 200, metadata.result 0 and a reason; result and version are integers', async () => {
    const r = await raw(server, 'env-fail', 'suspendacct?api.version=1&user=nosuchuser');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ metadata: { command: 'suspendacct', reason: 'You do not have a user named “nosuchuser”.', result: 0, version: 1 } });
    const ok = await raw(server, 'env-fail', 'gethostname?api.version=1');
    expect(ok.json.metadata).toEqual({ command: 'gethostname', reason: 'OK', result: 1, version: 1 });
  });

  it('names an unknown function in an "Unknown app" reason', async () => {
    const r = await raw(server, 'env-unknown', 'createaccount?api.version=1');
    expect(r.json.metadata).toMatchObject({ result: 0, command: 'createaccount' });
    expect(r.json.metadata.reason).toMatch(/^Unknown app \(“createaccount”\)/);
  });

  it('says which parameter is missing, in WHM’s words', async () => {
    const r = await raw(server, 'env-missing', 'passwd?api.version=1&user=alice');
    expect(r.json.metadata.reason).toBe('Provide the “password” parameter.');
  });

  it('refuses a documented function mockpanel does not emulate, naming it', async () => {
    const r = await raw(server, 'env-notimpl', 'get_login_url?api.version=1&provider=google&service=whostmgrd&username=root');
    expect(r.json.metadata.result).toBe(0);
    expect(r.json.metadata.reason).toMatch(/“get_login_url”.*does not emulate/);
  });

  it('reads form and JSON bodies and repeated keys', async () => {
    const w = 'env-bodies';
    const form = await raw(server, w, 'addzonerecord?api.version=1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'domain=alice.example.com&name=form&type=A&address=192.0.2.44',
    });
    expect(form.json.metadata.result).toBe(1);
    const dump = await raw(server, w, 'dumpzone?api.version=1&domain=alice.example.com');
    expect(dump.json.data.zone.find((z: { name: string }) => z.name === 'form.alice.example.com.').address).toBe('192.0.2.44');
    const json = await raw(server, w, 'set_tweaksetting?api.version=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'k1', value: 'v1' }),
    });
    expect(json.json.metadata.result).toBe(1);
    const multi = await raw(server, w, 'has_local_authority?api.version=1&domain=alice.example.com&domain=nowhere.invalid');
    expect(multi.json.data.records.map((x: { local_authority: number }) => x.local_authority)).toEqual([1, 0]);
  });

  it('takes cpanel-rest-api’s true/false booleans', async () => {
    const r = await raw(
      server,
      'env-bool',
      'createacct?api.version=1&username=booly&domain=booly.example.com&hasshell=true&cgi=false&password=Str0ng-Pass-word',
    );
    expect(r.json.metadata.result).toBe(1);
    const s = await raw(server, 'env-bool', 'accountsummary?api.version=1&user=booly');
    expect(s.json.data.acct[0].shell).toBe('/bin/bash');
  });
});

describe('WHM API 0 (calls without api.version)', () => {
  it('answers version, gethostname and listaccts in their recorded API 0 shapes', async () => {
    const w = 'api0-reads';
    expect((await raw(server, w, 'version')).json).toEqual({ version: expect.stringMatching(/^11\./) });
    expect((await raw(server, w, 'gethostname')).json).toEqual({ hostname: 'server.example.com' });
    const list = await raw(server, w, 'listaccts?searchtype=user&search=alice');
    expect(list.json).toMatchObject({ status: 1, statusmsg: 'Ok', acct: [{ user: 'alice', domain: 'alice.example.com' }] });
    expect(list.json.metadata).toBeUndefined();
    const missing = await raw(server, w, 'accountsummary?user=nobody');
    expect(missing.json).toEqual({ status: 0, statusmsg: 'Account does not exist', acct: null });
  });

  it('answers mutators with result: [{status, statusmsg}] and their extra keys', async () => {
    const w = 'api0-writes';
    const created = await raw(server, w, 'createacct?username=legacy&domain=legacy.example.com&password=Str0ng-Pass-word');
    expect(created.json.result[0]).toMatchObject({ status: 1, statusmsg: 'Account Creation Ok', options: { package: 'default' } });
    expect(typeof created.json.result[0].rawout).toBe('string');
    const dup = await raw(server, w, 'createacct?username=legacy&domain=other.example.com&password=Str0ng-Pass-word');
    expect(dup.json).toEqual({ result: [{ status: 0, statusmsg: 'Sorry, a user with the name “legacy” already exists.', rawout: null, options: null }] });
    const pw = await raw(server, w, 'passwd?user=legacy&pass=An0ther-Str0ng-pw');
    expect(pw.json.passwd[0]).toMatchObject({ status: 1, statusmsg: 'Password changed for user legacy' });
    const removed = await raw(server, w, 'removeacct?user=legacy');
    expect(removed.json.result[0]).toMatchObject({ status: 1, statusmsg: 'legacy account removed' });
  });

  it('answers a function with no established API 0 form with WHM’s unknown-app error and a hint', async () => {
    const r = await raw(server, 'api0-unknown', 'mass_edit_dns_zone?zone=alice.example.com&serial=1');
    expect(r.json).toEqual({ error: expect.stringMatching(/^Unknown App Requested: mass_edit_dns_zone \(.*api\.version=1/) });
    const nowhere = await raw(server, 'api0-unknown', 'nosuchfunction');
    expect(nowhere.json).toEqual({ error: 'Unknown App Requested: nosuchfunction' });
  });

  it('keeps the API 0 failure shape of functions that have one', async () => {
    const r = await raw(server, 'api0-fail', 'setacls?reseller=alice');
    expect(r.json).toEqual({ result: [{ status: 0, statusmsg: 'Not a reseller.', acls: [] }] });
  });
});

describe('WHM coverage labels', () => {
  const methods = whmPanel.contract.methods;
  const label = (name: string) => implementationOf(whmPanel, name);

  it('labels every tier-1 function stateful', () => {
    const tier1 = methods.filter((m) => m.tags?.includes('tier-1'));
    expect(tier1).toHaveLength(62);
    expect(tier1.filter((m) => label(m.name) !== 'stateful').map((m) => m.name)).toEqual([]);
  });

  it('labels only the functions without a documented answer "not implemented"', () => {
    const missing = methods.filter((m) => label(m.name) === 'not implemented').map((m) => m.name);
    for (const name of missing) {
      const sample = methods.find((m) => m.name === name)!.returns?.sample;
      expect(sample === undefined || (typeof sample === 'object' && sample !== null && Object.keys(sample).length === 0), name).toBe(true);
    }
    expect(missing.length).toBeLessThan(10);
  });

  it('labels the answered-from-sample functions "sample" and says so on the wire only by their sample data', async () => {
    expect(label('get_tcp4_sockets')).toBe('sample');
    const r = await raw(server, 'labels', 'get_tcp4_sockets?api.version=1');
    const sample = methods.find((m) => m.name === 'get_tcp4_sockets')!.returns!.sample as { data: unknown };
    expect(r.json.data).toEqual(sample.data);
  });
});
