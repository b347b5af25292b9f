import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import type { Core } from '../emulators/core/dispatcher.js';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { startServer } from '../emulators/server/http-server.js';
import { makeThrowawayPki } from './throwaway-pki.js';

/** The hard-coded names the shared listener routes by Host (emulators/server/routing.ts). */
export const HARD_CODED_HOSTS = ['api.webfaction.com', 'api.gandi.net'];

/** Where Debian, Alpine and Fedora keep the system's trusted CAs, joined with ours so the command still reaches real HTTPS sites. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/** `--hosts`: the panels at their real names and port, for the command only. */
export interface HostsSetup {
  /** The loopback address the names resolve to inside the command's mount namespace. */
  address: string;
  /** The throwaway CA's certificate, and the bundle (system CAs + it) the TLS variables name. */
  caFile: string;
  env: Record<string, string>;
  /** The command, run in a private mount namespace where a hosts file naming `address` covers /etc/hosts. */
  wrap(command: string[]): string[];
  close(): Promise<void>;
}

/** Why `--hosts` cannot work here, or undefined when it can (Linux, root, unshare and openssl). */
export function hostsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'it needs Linux mount namespaces';
  if (process.getuid?.() !== 0) return 'it needs root (port 443 and a private /etc/hosts)';
  for (const [command, args] of [
    ['unshare', ['--version']],
    ['openssl', ['version']],
  ] as const) {
    if (spawnSync(command, args, { stdio: 'ignore' }).status !== 0) return `it needs the ${command} command`;
  }
  return undefined;
}

/**
 * Serves `core` over HTTPS on port 443 of a loopback address of this run's
 * own, with a certificate for the hard-coded names from a throwaway CA made
 * now, and prepares a hosts file naming that address. The machine's
 * /etc/hosts is never touched: the command sees the file through a bind
 * mount in its own mount namespace, which ends with it.
 */
export async function startHosts(core: Core, options: { adminToken?: string; maxBody?: number }): Promise<HostsSetup> {
  const why = hostsUnavailable();
  if (why) throw new MockpanelError('hosts_unavailable', `--hosts is not possible here: ${why}. README "Clients with hard-coded hosts" shows the manual way.`);
  const dir = mkdtempSync(join(tmpdir(), 'mockpanel-hosts-'));
  try {
    const pki = makeThrowawayPki(dir, HARD_CODED_HOSTS);
    const address = `127.${randomInt(100, 200)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
    const server = await startServer(core, {
      host: address,
      port: 443,
      tls: { cert: pki.cert, key: pki.key },
      adminToken: options.adminToken,
      maxBody: options.maxBody,
    });
    const hostsFile = join(dir, 'hosts');
    writeFileSync(hostsFile, `${readFileSync('/etc/hosts', 'utf8').trimEnd()}\n${HARD_CODED_HOSTS.map((h) => `${address} ${h}`).join('\n')}\n`);
    const bundle = join(dir, 'ca-bundle.crt');
    const system = SYSTEM_BUNDLES.find((f) => existsSync(f));
    writeFileSync(bundle, `${system ? readFileSync(system, 'utf8').trimEnd() + '\n' : ''}${readFileSync(pki.caFile, 'utf8')}`);
    return {
      address,
      caFile: pki.caFile,
      env: {
        MOCKPANEL_CA_FILE: pki.caFile,
        // OpenSSL (Python, PHP, Ruby, curl on OpenSSL), Python requests, curl, Node: each reads its own variable.
        SSL_CERT_FILE: bundle,
        REQUESTS_CA_BUNDLE: bundle,
        CURL_CA_BUNDLE: bundle,
        NODE_EXTRA_CA_CERTS: pki.caFile,
      },
      wrap: (command) => ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" /etc/hosts && exec "$@"', hostsFile, ...command],
      close: async () => {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
