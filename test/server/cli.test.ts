import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { XmlRpcTransport } from '../../clients/transport/xmlrpc-transport.js';
import { CLI as cli, serveProcess } from '../support/serve-process.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts `mockpanel serve` on a free port and waits for its banner; returns the shared URL. */
async function serve(args: string[]): Promise<{ url: string; banner: string; child: ChildProcess }> {
  const served = await serveProcess(args);
  children.push(served.child);
  return served;
}

const stop = (child: ChildProcess) =>
  new Promise<void>((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });

describe('mockpanel serve', () => {
  it('prints every URL and the seeded credentials', async () => {
    const { banner, url } = await serve([]);
    for (const text of ['/webfaction/', '/gandi/hosting/', '/gandi/xmlrpc/', '/ispconfig/remote/index.php', '/ispconfig/remote/json.php', '/whm/json-api/']) {
      expect(banner).toContain(`${url}${text.startsWith('/webfaction') ? '/webfaction/' : text}`);
    }
    for (const secret of ['widgetsco', 'widgetsrock', 'AA1234-GANDI', 'mypassword', 'admin', 'rootpw', 'MOCKPANELROOTTOKEN00000000000000']) {
      expect(banner).toContain(secret);
    }
    const health = (await (await fetch(`${url}/_admin/health`)).json()) as { ok: boolean; worlds: number };
    expect(health).toMatchObject({ ok: true, worlds: 1 });
  });

  it('keeps a file-backed world across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockpanel-data-'));
    dirs.push(dir);
    const first = await serve(['--data-dir', dir]);
    const rpc = new XmlRpcTransport({ url: `${first.url}/webfaction/` });
    const [session] = await rpc.call<[string]>('login', 'widgetsco', 'widgetsrock');
    await rpc.call('create_domain', session, 'survives-restart.example');
    await stop(first.child);

    const second = await serve(['--data-dir', dir]);
    const again = new XmlRpcTransport({ url: `${second.url}/webfaction/` });
    const [session2] = await again.call<[string]>('login', 'widgetsco', 'widgetsrock');
    const domains = await again.call<{ domain: string }[]>('list_domains', session2);
    expect(domains.map((d) => d.domain)).toContain('survives-restart.example');
  });

  it('serves a panel on its own port at the real path', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const { banner } = await serve(['--whm-port', String(port)]);
    expect(banner).toContain(`http://127.0.0.1:${port}/json-api/`);
    const res = await fetch(`http://127.0.0.1:${port}/json-api/version?api.version=1`, {
      headers: { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' },
    });
    const body = (await res.json()) as { metadata: { result: number } };
    expect(body.metadata.result).toBe(1);
  });

  it('replaces the seeded accounts from --seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockpanel-seed-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ nopanel: {} }));
    const bad = spawnSync(process.execPath, [cli, 'serve', '--port', '0', '--seed', join(dir, 'bad.json')], { encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown sections: nopanel/);
  });

  it('explains bad flags instead of throwing', () => {
    const r = spawnSync(process.execPath, [cli, 'serve', '--port', 'eleven'], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--port must be a whole number');
    const u = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8', timeout: 20_000 });
    expect(u.status).toBe(2);
    expect(u.stderr).toContain('Unknown command "frobnicate"');
  });
});

describe('admin API from a non-loopback address', () => {
  // A private network namespace (needs root and unshare) gives the server a non-loopback address that
  // never leaves this machine; the admin API must refuse a caller there unless a token is set.
  const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  it.skipIf(!canUnshare && process.env.MOCKPANEL_REQUIRE_CLIENTS !== '1')('refuses without a token, answers with one', () => {
    const script = `
      set -e
      ip link set lo up
      ip addr add 198.18.0.1/32 dev lo
      node ${cli} serve --host 0.0.0.0 --port 7999 > /dev/null &
      p1=$!
      node ${cli} serve --host 0.0.0.0 --port 7998 --admin-token tok > /dev/null &
      p2=$!
      for i in $(seq 1 100); do
        node -e "fetch('http://127.0.0.1:7999/_admin/health').then(()=>fetch('http://127.0.0.1:7998/_admin/health',{headers:{authorization:'Bearer tok'}})).then(()=>process.exit(0),()=>process.exit(1))" && break
        sleep 0.1
      done
      node -e "
        const show = async (u, h) => { const r = await fetch(u, { headers: h }); console.log(r.status, await r.text()); };
        (async () => {
          await show('http://198.18.0.1:7999/_admin/health');
          await show('http://127.0.0.1:7999/_admin/health');
          await show('http://198.18.0.1:7998/_admin/health');
          await show('http://198.18.0.1:7998/_admin/health', { authorization: 'Bearer tok' });
        })();"
      kill $p1 $p2
    `;
    const r = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8', timeout: 25_000 });
    const lines = r.stdout.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(4);
    expect(lines[0]).toMatch(/^403 .*admin_forbidden/);
    expect(lines[1]).toMatch(/^200 .*"ok":true/);
    expect(lines[2]).toMatch(/^401 .*admin_unauthorized/);
    expect(lines[3]).toMatch(/^200 .*"ok":true/);
  });
});
