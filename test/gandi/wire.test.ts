import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { gandiIn, post, rawCall } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const login = ['<string>AA1234-GANDI</string>', '<string>mypassword</string>'];
const sessionOf = (body: string) => /<string>([0-9a-f]{32})<\/string>/.exec(body)![1];

describe('Gandi endpoints', () => {
  it.each(['/hosting/', '/xmlrpc/', '/hosting', '/xmlrpc'])('answers at %s under /gandi', async (path) => {
    const r = await rawCall(`${server.url}/_w/paths/gandi${path}`, 'login', login);
    expect(r.status).toBe(200);
    expect(sessionOf(r.body)).toHaveLength(32);
  });

  it('answers at the real paths for Host api.gandi.net, and nowhere else', async () => {
    const real = await rawCall(`${server.url}/xmlrpc/`, 'login', login, { host: 'api.gandi.net' });
    expect(sessionOf(real.body)).toHaveLength(32);
    const other = await rawCall(`${server.url}/gandi/api/`, 'login', login);
    expect(other.status).toBe(404);
    expect(other.body).toMatch(/answers \/hosting\/, \/xmlrpc\//);
  });
});

describe('Gandi values on the wire', () => {
  it('sends the balance as a <double> even when whole, and no <nil/> or <i8> anywhere', async () => {
    const url = `${server.url}/_w/values/gandi/hosting/`;
    const session = sessionOf((await rawCall(url, 'login', login)).body);
    const s = `<string>${session}</string>`;
    expect((await rawCall(url, 'account_balance', [s])).body).toContain('<double>1000.0</double>');
    const gandi = await gandiIn(server, 'values');
    const vmId = await gandi.vmCreate({ hostname: 'vm1', password: 'pw', osId: 111, shares: 1, cpu: 1 });
    const bodies = await Promise.all([
      rawCall(url, 'hosting_account_info', [s]),
      rawCall(url, 'vm_info', [s, `<int>${vmId}</int>`]),
      rawCall(url, 'operation_details', [s, `<int>${(await gandi.operationList())[0]}</int>`]),
      rawCall(url, 'os_list', [s]),
      rawCall(url, 'vm_disk_link', [s]),
    ]);
    for (const { body } of bodies) {
      expect(body).not.toMatch(/<nil|<i8>|<fault>/);
    }
    // The share definition's fractional and bandwidth figures are doubles, as the successor API sent them.
    expect(bodies[0].body).toMatch(/<name>cores<\/name>\s*<value><double>0.25<\/double>/);
    expect(bodies[0].body).toMatch(/<name>bandwidth<\/name>\s*<value><double>5120.0<\/double>/);
    expect(bodies[2].body).toMatch(/<name>comment<\/name>\s*<value><string><\/string>/);
  });

  it('accepts untyped, <i4> and string-typed ints as the doc samples send them', async () => {
    const url = `${server.url}/_w/dialects/gandi/xmlrpc/`;
    const s = `<string>${sessionOf((await rawCall(url, 'login', login)).body)}</string>`;
    const disk = await rawCall(url, 'disk_create', [
      s,
      '<struct><member><name>size</name><value>1024</value></member><member><name>name</name><value>d1</value></member></struct>',
    ]);
    const diskId = /<int>(\d+)<\/int>/.exec(disk.body)![1];
    const info = await rawCall(url, 'disk_info', [s, `<i4>${diskId}</i4>`]);
    expect(info.body).toMatch(/<name>size<\/name>\s*<value><int>1024<\/int>/);
    expect(info.body).toMatch(/<name>fstype<\/name>\s*<value><string>ext3<\/string>/);
  });
});

describe('Gandi dispatcher faults', () => {
  const url = () => `${server.url}/_w/faults/gandi/hosting/`;

  it('unknown method: faultCode 1, Method "x" is not supported', async () => {
    const r = await rawCall(url(), 'domain_list', ['<string>x</string>']);
    expect(r.body).toMatch(/<int>1<\/int>[\s\S]*Method "domain_list" is not supported/);
  });

  it('wrong argument count or type: 500037 naming the parameter', async () => {
    const s = `<string>${sessionOf((await rawCall(url(), 'login', login)).body)}</string>`;
    const count = await rawCall(url(), 'vm_info', [s]);
    expect(count.body).toMatch(/<int>500037<\/int>[\s\S]*DataError: vm_info: missing required argument "vm_id" \[vm_id: \]/);
    const type = await rawCall(url(), 'vm_info', [s, '<struct></struct>']);
    expect(type.body).toMatch(/<int>500037<\/int>[\s\S]*must be int, got struct/);
  });

  it('a body that is not XML-RPC: a fault in HTTP 200, as a Python server answers', async () => {
    const r = await post(url(), '<methodCall><methodName>login');
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<fault>[\s\S]*<int>1<\/int>/);
  });

  it('an unknown session is 500240, checked before the arguments are used', async () => {
    const r = await rawCall(url(), 'vm_list', ['<string>0123</string>']);
    expect(r.body).toMatch(/<int>500240<\/int>[\s\S]*DataError: session does not exist/);
  });
});
