import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';

const here = join(import.meta.dirname, 'faults');

/** Runs a client process without blocking the event loop: the server it talks to lives in this process. */
const run = (command: string, args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const addRule = async (world: string, rule: unknown) => {
  const res = await fetch(`${server.admin}/worlds/${world}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; seed: number };
};
const world = async (id: string) => {
  await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
  return id;
};
const python = async (w: string, method: string, args: unknown[] = ['@login']) => {
  const r = await run('python3', [join(here, 'call.py'), `${server.url}/_w/${w}/webfaction/`, method, JSON.stringify(args)]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, any>;
};

describeWithClient(
  'injected faults seen by Python xmlrpc.client (WebFaction)',
  { command: 'python3', args: ['-c', 'import xmlrpc.client'], install: 'apt-get install python3' },
  () => {
    it('adds latency', async () => {
      const w = await world('f-latency');
      await addRule(w, { panel: 'webfaction', method: 'list_domains', effect: { type: 'latency', ms: 400 } });
      const r = await python(w, 'list_domains');
      expect(r.ok).toBe(true);
      expect(r.elapsedMs).toBeGreaterThanOrEqual(380);
    });

    it('answers an HTTP status, then expires after `times`', async () => {
      const w = await world('f-http');
      await addRule(w, { method: 'list_domains', times: 1, effect: { type: 'http', status: 503, body: 'down for maintenance' } });
      expect(await python(w, 'list_domains')).toMatchObject({ ok: false, kind: 'ProtocolError', status: 503 });
      expect(await python(w, 'list_domains')).toMatchObject({ ok: true });
      const rules = (await (await fetch(`${server.admin}/worlds/${w}/faults`)).json()) as { rules: { fired: number; remaining: number }[] };
      expect(rules.rules[0]).toMatchObject({ fired: 1, remaining: 0 });
    });

    it('resets the connection for real', async () => {
      const w = await world('f-reset');
      await addRule(w, { method: 'list_domains', effect: { type: 'reset' } });
      const r = await python(w, 'list_domains');
      expect(r.ok).toBe(false);
      expect(['ConnectionResetError', 'RemoteDisconnected', 'BadStatusLine']).toContain(r.kind);
    });

    it('truncates and garbles answers', async () => {
      const w = await world('f-body');
      await addRule(w, { method: 'list_domains', times: 1, effect: { type: 'truncate', bytes: 40 } });
      await addRule(w, { method: 'list_domains', times: 1, effect: { type: 'malformed' } });
      const truncated = await python(w, 'list_domains');
      expect(truncated.ok).toBe(false);
      expect(truncated.kind).not.toBe('Fault');
      const malformed = await python(w, 'list_domains');
      expect(malformed).toMatchObject({ ok: false, kind: 'ExpatError' });
    });

    it("answers the panel's own session-expired fault", async () => {
      const w = await world('f-session');
      await addRule(w, { method: 'list_domains', effect: { type: 'session-expired' } });
      const r = await python(w, 'list_domains');
      expect(r).toMatchObject({ ok: false, kind: 'Fault', faultCode: 1 });
      expect(r.faultString).toMatch(/session|Login/i);
    });

    it('fires a seeded probabilistic rule on the same calls in two runs', async () => {
      const pattern = async (id: string) => {
        const w = await world(id);
        await addRule(w, { panel: 'webfaction', method: 'list_domains', probability: 0.5, seed: 1234, effect: { type: 'http', status: 500 } });
        const r = await run('python3', [
          '-c',
          `import xmlrpc.client as x\np=x.ServerProxy('${server.url}/_w/${w}/webfaction/')\ns=p.login('widgetsco','widgetsrock')[0]\nout=''\nfor i in range(24):\n  try:\n    p.list_domains(s); out+='.'\n  except x.ProtocolError: out+='X'\nprint(out)`,
        ]);
        expect(r.status, r.stderr).toBe(0);
        return r.stdout.trim();
      };
      const first = await pattern('f-seed-1');
      const second = await pattern('f-seed-2');
      expect(first).toHaveLength(24);
      expect(first).toMatch(/X/);
      expect(first).toMatch(/\./);
      expect(second).toBe(first);
      const journal = (await (await fetch(`${server.admin}/worlds/f-seed-1/journal?method=list_domains`)).json()) as { entries: { injected?: string }[] };
      expect(journal.entries.filter((e) => e.injected).length).toBe(first.split('X').length - 1);
    });
  },
);

describeWithClient(
  'injected faults seen by PHP SoapClient (ISPConfig)',
  { command: 'php', args: ['-r', 'exit(class_exists("SoapClient")?0:1);'], install: 'apt-get install php-cli php-soap' },
  () => {
    const php = async (w: string) => {
      const r = await run('php', [join(here, 'ispconfig-login.php'), `${server.url}/_w/${w}/ispconfig/remote/index.php`]);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Record<string, any>;
    };

    it('answers the rate-limit and HTTP faults through SoapClient', async () => {
      const w = await world('f-soap');
      await addRule(w, { panel: 'ispconfig', method: 'login', times: 1, effect: { type: 'http', status: 502, body: 'bad gateway' } });
      await addRule(w, { panel: 'ispconfig', method: 'login', times: 1, effect: { type: 'latency', ms: 300 } });
      const first = await php(w);
      expect(first).toMatchObject({ ok: false, kind: 'SoapFault' });
      const second = await php(w);
      expect(second).toMatchObject({ ok: true });
      expect(second.elapsedMs).toBeGreaterThanOrEqual(280);
    });
  },
);

describeWithClient('injected faults seen by curl (WHM)', { command: 'curl', args: ['--version'], install: 'apt-get install curl' }, () => {
  it('delays and drops WHM calls', async () => {
    const w = await world('f-whm');
    await addRule(w, { panel: 'whm', method: 'version', times: 1, effect: { type: 'reset' } });
    const url = `${server.url}/_w/${w}/whm/json-api/version?api.version=1`;
    const auth = 'Authorization: whm root:MOCKPANELROOTTOKEN00000000000000';
    const dropped = await run('curl', ['-sS', '-H', auth, url]);
    expect(dropped.status).not.toBe(0);
    expect(dropped.stderr).toMatch(/reset|Empty reply|Recv failure/i);
    const ok = await run('curl', ['-sS', '-H', auth, url]);
    expect(JSON.parse(ok.stdout).metadata.result).toBe(1);
  });
});
