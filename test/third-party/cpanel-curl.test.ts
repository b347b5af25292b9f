import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

const run = promisify(execFile);

/**
 * curl against the cPanel port with the documented request forms: the API
 * token page's `curl -H'Authorization: cpanel username:APITOKEN' …/execute/Module/function?…`
 * (https://api.docs.cpanel.net/cpanel/tokens), a DNS-01 hook's parse_zone and
 * mass_edit_zone with form-encoded JSON records, and a browser-style login
 * kept in curl's own cookie jar.
 */
describeWithClient('cPanel: curl with the documented request forms', { command: 'curl', args: ['--version'], install: 'apt-get install curl' }, () => {
  let server: TestServer;
  let base: string;
  let jarDir: string;
  beforeAll(async () => {
    server = await startTestServer({ panelPorts: { cpanel: 0 } });
    base = server.listeners.find((l) => l.name === 'cpanel')!.url.replace(/\/$/, '');
    jarDir = mkdtempSync(join(tmpdir(), 'mockpanel-cpanel-curl-'));
    // The account a hosting provider made with WHM createacct.
    const r = await fetch(`${server.url}/whm/json-api/createacct?api.version=1&username=curluser&domain=curl.example.com&password=S3cret%21pass-1`, {
      headers: { authorization: `whm root:${ROOT_TOKEN}` },
    });
    expect(((await r.json()) as { metadata: { result: number } }).metadata.result).toBe(1);
  });
  afterAll(async () => {
    rmSync(jarDir, { recursive: true, force: true });
    await server?.close();
  });

  const curl = async (args: string[]) => JSON.parse((await run('curl', ['-sS', ...args])).stdout);

  it('makes a token with Basic auth, then runs the DNS-01 edit with "Authorization: cpanel user:TOKEN"', async () => {
    const created = await curl(['-u', 'curluser:S3cret!pass-1', `${base}/execute/Tokens/create_full_access?name=acme`]);
    expect(created).toMatchObject({ apiversion: 3, module: 'Tokens', func: 'create_full_access', result: { status: 1 } });
    const auth = ['-H', `Authorization: cpanel curluser:${created.result.data.token}`];

    const parsed = await curl([...auth, `${base}/execute/DNS/parse_zone?zone=curl.example.com`]);
    const soa = parsed.result.data.find((l: { record_type?: string }) => l.record_type === 'SOA');
    const serial = Buffer.from(soa.data_b64[2], 'base64').toString();
    const record = JSON.stringify({ dname: '_acme-challenge', ttl: 300, record_type: 'TXT', data: ['token-digest'] });
    const edited = await curl([
      ...auth,
      '--data-urlencode',
      'zone=curl.example.com',
      '--data-urlencode',
      `serial=${serial}`,
      '--data-urlencode',
      `add=${record}`,
      `${base}/execute/DNS/mass_edit_zone`,
    ]);
    expect(edited.result).toMatchObject({ status: 1, errors: null, data: { new_serial: expect.any(Number) } });
    const stale = await curl([
      ...auth,
      '--data-urlencode',
      'zone=curl.example.com',
      '--data-urlencode',
      `serial=${serial}`,
      '--data-urlencode',
      'remove=0',
      `${base}/execute/DNS/mass_edit_zone`,
    ]);
    expect(stale.result.status).toBe(0);
    expect(stale.result.errors[0]).toMatch(/serial/);
  });

  it('logs in with a form, keeps the session in its cookie jar and calls API 2 under the /cpsess prefix', async () => {
    const jar = join(jarDir, 'jar.txt');
    const login = await curl(['-c', jar, '-d', 'user=curluser', '-d', 'pass=S3cret!pass-1', `${base}/login/?login_only=1`]);
    expect(login).toMatchObject({ status: 1, security_token: expect.stringMatching(/^\/cpsess\d{10}$/) });
    const zones = await curl([
      '-b',
      jar,
      `${base}${login.security_token}/json-api/cpanel?cpanel_jsonapi_apiversion=2&cpanel_jsonapi_module=ZoneEdit&cpanel_jsonapi_func=fetchzones`,
    ]);
    expect(Object.keys(zones.cpanelresult.data[0].zones)).toEqual(['curl.example.com']);
  });
});
