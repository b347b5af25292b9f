import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GandiClient } from '../../clients/gandi/client.js';
import { WebfactionClient } from '../../clients/webfaction/client.js';
import { WebfactionError } from '../../clients/webfaction/errors.js';
import { readCassette, type Cassette } from '../../emulators/replay/cassette.js';
import { startRecorder } from '../../emulators/replay/recorder.js';
import { startReplayServer } from '../../emulators/replay/replayer.js';
import { inProcessIssuer, verifyCassette } from '../../emulators/replay/verifier.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The running mockpanel stands in for the real panel; the recorder sits in front of it.
let panel: TestServer;
let dir: string;

beforeAll(async () => {
  panel = await startTestServer();
  dir = mkdtempSync(join(tmpdir(), 'mockpanel-replay-'));
});
afterAll(async () => {
  await panel.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A WebFaction session through the recorder: login, a domain created, listed and deleted, and one fault. */
async function webfactionSession(url: string): Promise<{ session: string; results: unknown[]; fault: string }> {
  const wf = new WebfactionClient({ url: `${url}/`, username: 'widgetsco', password: 'widgetsrock' });
  const results: unknown[] = [];
  results.push(await wf.call('create_domain', 'recorded.example', 'www', 'shop'));
  results.push(await wf.call('list_domains'));
  results.push(await wf.call('delete_domain', 'recorded.example', 'shop'));
  const fault = await wf.call('delete_domain', 'never-created.example').then(
    () => 'no fault',
    (error: WebfactionError) => error.message,
  );
  return { session: wf.session!, results, fault };
}

describe('record → replay → verify (WebFaction, through the proxy)', () => {
  let cassette: Cassette;
  let secrets: Record<string, string>;
  let live: Awaited<ReturnType<typeof webfactionSession>>;

  beforeAll(async () => {
    const out = join(dir, 'webfaction.json');
    const secretsOut = join(dir, 'webfaction.secrets.json');
    const recorder = await startRecorder({ panel: 'webfaction', target: `${panel.url}/_w/rec-wf/webfaction/`, out, secretsOut });
    live = await webfactionSession(recorder.url);
    await recorder.close();
    cassette = readCassette(out);
    secrets = JSON.parse(readFileSync(secretsOut, 'utf8')) as Record<string, string>;
  });

  it('writes every interaction, decoded and raw, and no secret', () => {
    const text = JSON.stringify(cassette);
    expect(cassette.interactions.map((i) => i.request.method)).toEqual(['login', 'create_domain', 'list_domains', 'delete_domain', 'delete_domain']);
    expect(text).not.toContain('widgetsrock');
    expect(text).not.toContain(live.session);
    expect(cassette.interactions[0].response.value).toEqual(['SECRET-session-2', expect.objectContaining({ username: 'widgetsco' })]);
    // The session placeholder links the later calls to the login, in the decoded and the raw request alike.
    expect(cassette.interactions[1].request.args[0]).toBe('SECRET-session-2');
    expect(cassette.interactions[1].http!.request.body).toContain('<string>SECRET-session-2</string>');
    expect(cassette.interactions[4].response.fault?.code).toBe(1);
    // The secrets file holds what the client sent; the session is the target's to hand out again.
    expect(secrets).toEqual({ 'SECRET-password-1': 'widgetsrock' });
    expect(cassette.provenance.source).toBe(`${panel.url}/_w/rec-wf/webfaction/`);
  });

  it('replays the recording to the reference client, and names the nearest interaction for a request it lacks', async () => {
    const replay = await startReplayServer([cassette], { order: 'strict' });
    try {
      const again = await webfactionSession(replay.url);
      expect(again.results).toEqual(live.results);
      expect(again.fault).toBe(live.fault);
      expect(replay.replayer.unused()).toEqual([]);
      // Strict order: everything was served once; a further call is a near miss in WebFaction's own fault format.
      const wf = new WebfactionClient({ url: `${replay.url}/`, username: 'widgetsco', password: 'other-password' });
      const error = (await wf.login().catch((e: unknown) => e)) as WebfactionError;
      expect(error).toBeInstanceOf(WebfactionError);
      expect(error.faultCode).toBe(1);
      expect(error.message).toContain('no recorded interaction matches login');
    } finally {
      await replay.close();
    }
  });

  it('in any order, a request that differs is answered with what differed', async () => {
    const replay = await startReplayServer([cassette], { order: 'any' });
    try {
      const wf = new WebfactionClient({ url: `${replay.url}/`, username: 'widgetsco', password: 'widgetsrock' });
      await wf.login();
      const error = (await wf.call('create_domain', 'recorded.example', 'www').catch((e: unknown) => e)) as WebfactionError;
      expect(error.message).toMatch(/nearest is cassette 1 #1 create_domain: args.length recorded 4, got 3/);
    } finally {
      await replay.close();
    }
  });

  it('verifies against a fresh emulator with zero drift', async () => {
    const report = await verifyCassette(cassette, { issue: inProcessIssuer().fresh(), secrets });
    expect(report.interactions.filter((r) => !r.equal)).toEqual([]);
    expect(report.equal).toBe(5);
  });

  it('reports a deliberately changed answer as drift, naming the field', async () => {
    const changed = structuredClone(cassette);
    (changed.interactions[1].response.value as { domain: string }).domain = 'changed.example';
    const report = await verifyCassette(changed, { issue: inProcessIssuer().fresh(), secrets });
    expect(report.equal).toBe(4);
    expect(report.interactions[1].diffs).toEqual([{ path: '/value/domain', recorded: 'changed.example', actual: 'recorded.example' }]);
  });

  it('says which secret it needs when none is given', async () => {
    const report = await verifyCassette(cassette, { issue: inProcessIssuer().fresh() });
    expect(report.interactions[0].diffs[0].why).toMatch(/needs the secret behind SECRET-password-1/);
  });
});

describe('ids are tracked across calls (Gandi)', () => {
  it("a recording whose ids differ from the emulator's verifies when each id is used consistently, and drifts when not", async () => {
    const out = join(dir, 'gandi.json');
    const secretsOut = join(dir, 'gandi.secrets.json');
    const recorder = await startRecorder({ panel: 'gandi', target: `${panel.url}/_w/rec-gandi/gandi/`, out, secretsOut });
    const gandi = new GandiClient({ url: `${recorder.url}/hosting/` });
    await gandi.login('AA1234-GANDI', 'mypassword');
    const vmId = await gandi.call<number>('vm_create', gandi.session, 'vmtest1', 'my_password', 111, 1, 1, { login: 'gandi' });
    await gandi.call('vm_info', gandi.session, vmId);
    await gandi.call('vm_stop', gandi.session, vmId);
    await recorder.close();
    const secrets = JSON.parse(readFileSync(secretsOut, 'utf8')) as Record<string, string>;
    const recorded = readFileSync(out, 'utf8');
    expect(recorded).not.toContain('my_password');
    expect(recorded).not.toContain('mypassword');

    // As if a real panel had numbered the VM 987654: every place the id appears, decoded and raw.
    const text = recorded.replace(new RegExp(`<int>${vmId}</int>`, 'g'), '<int>987654</int>');
    const renumbered = JSON.parse(text) as Cassette;
    renumbered.interactions[1].response.value = 987654;
    renumbered.interactions[2].request.args[1] = 987654;
    (renumbered.interactions[2].response.value as { id: number }).id = 987654;
    renumbered.interactions[3].request.args[1] = 987654;
    const report = await verifyCassette(renumbered, { issue: inProcessIssuer().fresh(), secrets });
    expect(report.interactions.filter((r) => !r.equal)).toEqual([]);

    // The same recorded id answered as two different ones is drift.
    const broken = structuredClone(renumbered);
    (broken.interactions[2].response.value as { id: number }).id = 987655;
    const drift = await verifyCassette(broken, { issue: inProcessIssuer().fresh(), secrets });
    expect(drift.interactions[2].diffs).toEqual([expect.objectContaining({ path: '/value/id', recorded: 987655, actual: vmId })]);
  });
});

describe('WHM through the recorder: header credentials and created tokens', () => {
  it('scrubs the Authorization token, the password and a token the panel created, and verifies with the secrets file', async () => {
    const out = join(dir, 'whm.json');
    const secretsOut = join(dir, 'whm.secrets.json');
    const recorder = await startRecorder({ panel: 'whm', target: `${panel.url}/_w/rec-whm/whm`, out, secretsOut });
    const token = 'MOCKPANELROOTTOKEN00000000000000';
    const get = async (query: string, authorization = `whm root:${token}`) =>
      (await fetch(`${recorder.url}/json-api/${query}`, { headers: { authorization } })).json() as Promise<{ data?: { token?: string } }>;
    await get('createacct?api.version=1&username=recone&domain=recone.example&password=Vault-Pa55word%21');
    const created = await get('api_token_create?api.version=1&token_name=recorded');
    await get('listaccts?api.version=1&search=recone&searchtype=user');
    await get(`version?api.version=1`, `Basic ${Buffer.from('root:rootpw').toString('base64')}`);
    await recorder.close();

    const text = readFileSync(out, 'utf8');
    for (const secret of [token, 'Vault-Pa55word!', 'Vault-Pa55word%21', created.data!.token!, Buffer.from('root:rootpw').toString('base64')])
      expect(text).not.toContain(secret);
    const cassette = readCassette(out);
    expect(cassette.interactions[0].http!.request.headers.authorization).toBe('whm root:SECRET-token-1');
    expect(cassette.interactions[0].request.named?.password).toMatch(/^SECRET-password-\d+$/);
    expect((cassette.interactions[1].response.value as { data: { token: string } }).data.token).toMatch(/^SECRET-token-\d+$/);

    const secrets = JSON.parse(readFileSync(secretsOut, 'utf8')) as Record<string, string>;
    expect(Object.values(secrets)).not.toContain(created.data!.token);
    const report = await verifyCassette(cassette, { issue: inProcessIssuer().fresh(), secrets });
    expect(report.interactions.filter((r) => !r.equal)).toEqual([]);
  });
});
