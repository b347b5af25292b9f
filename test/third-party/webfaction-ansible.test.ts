import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebfactionClient } from '../../clients/webfaction/index.js';
import { startServer, type RunningServer } from '../../emulators/server/http-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { describeWithClient } from '../support/third-party.js';
import { makeTestPki } from './webfaction/tls.js';

/**
 * Ansible's community.general webfaction_{domain,app,db,mailbox,site}
 * modules, unmodified. Their URL is hard-coded to https://api.webfaction.com/
 * (ansible/ansible ≤2.9 lib/ansible/modules/cloud/webfaction/, community.general < 9.0), so the test gives them that name:
 * mockpanel listens with TLS on port 443 of a loopback address of its own,
 * the playbook runs inside `unshare --mount` with a private hosts file naming
 * that address, and a throwaway CA made now is its SSL_CERT_FILE. The
 * machine's /etc/hosts is never touched.
 */
const here = fileURLToPath(new URL('./webfaction/', import.meta.url));

interface PlaybookRun {
  stats: { changed: number; failures: number; ok: number; unreachable: number };
  tasks: { name: string; changed: boolean; failed: boolean; result?: Record<string, unknown>; msg?: string }[];
  output: string;
}

describeWithClient(
  'Ansible community.general webfaction_* modules against the WebFaction emulator',
  {
    command: 'ansible-playbook',
    args: ['--version'],
    install: 'apt-get install -y ansible openssl (Debian 12: community.general 6.6.2 still ships the webfaction modules)',
  },
  () => {
    let server: TestServer;
    let plain: RunningServer;
    let dir: string;
    let hostsFile: string;
    let caFile: string;
    // A loopback address of this run's own, so port 443 is free whatever else runs on the machine.
    const address = `127.${randomInt(100, 200)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mockpanel-ansible-'));
      const pki = makeTestPki(dir, ['api.webfaction.com']);
      caFile = pki.caFile;
      server = await startTestServer({ host: address, port: 443, tls: { cert: pki.cert, key: pki.key } });
      // The same worlds over plain HTTP, for the reference client that checks what the modules did.
      plain = await startServer(server.core, { port: 0 });
      hostsFile = join(dir, 'hosts');
      writeFileSync(hostsFile, `${readFileSync('/etc/hosts', 'utf8').trimEnd()}\n${address} api.webfaction.com\n`);
    }, 60_000);

    afterAll(async () => {
      await plain?.close();
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    function playbook(file: string): Promise<PlaybookRun> {
      const env = {
        ...process.env,
        SSL_CERT_FILE: caFile,
        ANSIBLE_STDOUT_CALLBACK: 'json',
        ANSIBLE_HOME: join(dir, 'ansible-home'),
        ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'),
        ANSIBLE_PYTHON_INTERPRETER: 'auto_silent',
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: '0',
        ANSIBLE_LOCALHOST_WARNING: '0',
      };
      const args = [join(here, 'private-hosts.sh'), hostsFile, 'ansible-playbook', '-i', 'localhost,', '-c', 'local', join(here, file)];
      return new Promise((resolve, reject) => {
        const child = spawn('sh', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', () => {
          const start = stdout.indexOf('{');
          let report: {
            plays: { tasks: { task: { name: string }; hosts: Record<string, Record<string, unknown>> }[] }[];
            stats: Record<string, PlaybookRun['stats']>;
          };
          try {
            report = JSON.parse(stdout.slice(start));
          } catch {
            reject(new Error(`ansible-playbook printed no JSON report.\nstdout: ${stdout}\nstderr: ${stderr}`));
            return;
          }
          const tasks = report.plays.flatMap((p) =>
            p.tasks.map((t) => {
              const host = t.hosts.localhost ?? {};
              return {
                name: t.task.name,
                changed: host.changed === true,
                failed: host.failed === true,
                result: host.result as Record<string, unknown> | undefined,
                msg: typeof host.msg === 'string' ? host.msg : typeof host.module_stdout === 'string' ? host.module_stdout : undefined,
              };
            }),
          );
          resolve({ stats: report.stats.localhost, tasks, output: `${stdout}\n${stderr}` });
        });
      });
    }

    const failures = (run: PlaybookRun) => run.tasks.filter((t) => t.failed).map((t) => `${t.name}: ${t.msg}`);

    it('builds the site, changes nothing on a second run, and tears it down', async () => {
      const client = new WebfactionClient({ url: `${plain.url}/webfaction/`, username: 'widgetsco', password: 'widgetsrock' });

      const first = await playbook('site-up.yml');
      expect(failures(first), first.output).toEqual([]);
      expect(first.stats.failures).toBe(0);
      expect(first.tasks.map((t) => t.changed)).toEqual([true, true, true, true, true, true]);
      // The modules merge each create's struct into their result (dict.update): the emulator's answers arrived whole.
      const mailboxTask = first.tasks.find((t) => t.name === 'a mailbox')!;
      expect(mailboxTask.result).toMatchObject({ name: 'widgets_info', password: expect.any(String) });

      expect((await client.listDomains()).find((d) => d.domain === 'widgetcompany.example')?.subdomains).toEqual(['www', 'blog']);
      const apps = await client.listApps();
      expect(apps.find((a) => a.name === 'widgets_django')).toMatchObject({ type: 'django102_mp331_25', autostart: true, port: expect.any(Number) });
      expect(apps.find((a) => a.name === 'widgets_django')!.port).toBeGreaterThan(0);
      expect(apps.find((a) => a.name === 'widgets_static')).toMatchObject({ type: 'static', port: 0, machine: 'Web100' });
      expect(await client.listDbs()).toEqual([expect.objectContaining({ name: 'widgetsco_shop', db_type: 'mysql' })]);
      expect(await client.listDbUsers()).toEqual([expect.objectContaining({ username: 'widgetsco_shop' })]);
      expect((await client.listMailboxes()).map((m) => m.mailbox)).toEqual(['widgets_info']);
      expect(await client.listWebsites()).toEqual([
        expect.objectContaining({
          name: 'widgets_site',
          ip: '174.133.82.194',
          https: false,
          subdomains: ['widgetcompany.example', 'www.widgetcompany.example'],
          website_apps: [
            ['widgets_django', '/'],
            ['widgets_static', '/static'],
          ],
        }),
      ]);

      const second = await playbook('site-up.yml');
      expect(failures(second), second.output).toEqual([]);
      expect(second.stats.changed, 'a second run reports no change').toBe(0);
      expect(second.stats.ok).toBe(6);

      const down = await playbook('site-down.yml');
      expect(failures(down), down.output).toEqual([]);
      expect(down.tasks.every((t) => t.changed)).toBe(true);
      expect(await client.listWebsites()).toEqual([]);
      expect(await client.listApps()).toEqual([]);
      expect(await client.listDbs()).toEqual([]);
      expect(await client.listDbUsers()).toEqual([]);
      expect(await client.listMailboxes()).toEqual([]);
      expect(await client.listDomains()).toEqual([]);
    }, 240_000);
  },
);
