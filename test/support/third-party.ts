import { spawnSync } from 'node:child_process';
import { describe } from 'vitest';

/**
 * Third-party clients (PHP, Perl, Python, Ansible, Chromium) are real
 * programs. On a laptop without them their suites skip with a message; under
 * MOCKPANEL_REQUIRE_CLIENTS=1 (set by .ci/run) a missing client fails the run,
 * so CI never passes by skipping.
 */
export const requireClients = process.env.MOCKPANEL_REQUIRE_CLIENTS === '1';

const probed = new Map<string, boolean>();

/** True when `command args…` runs and exits 0 (e.g. `php -r 'exit(class_exists("SoapClient")?0:1);'`). */
export function clientAvailable(command: string, args: string[] = ['--version']): boolean {
  const key = [command, ...args].join('\0');
  let ok = probed.get(key);
  if (ok === undefined) {
    const r = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    ok = r.status === 0;
    probed.set(key, ok);
  }
  return ok;
}

/**
 * `describe` for a suite that needs a third-party client: runs it when the
 * probe succeeds, skips it with the install hint otherwise, and fails (throws
 * at collection) when the client is missing under MOCKPANEL_REQUIRE_CLIENTS=1.
 */
export function describeWithClient(name: string, probe: { command: string; args?: string[]; install: string }, fn: () => void): void {
  if (clientAvailable(probe.command, probe.args)) {
    describe(name, fn);
    return;
  }
  const why = `${probe.command} is not usable here; install it with: ${probe.install}`;
  if (requireClients) {
    describe(name, () => {
      throw new Error(`MOCKPANEL_REQUIRE_CLIENTS=1 but ${why}`);
    });
    return;
  }
  console.warn(`[mockpanel] skipping "${name}": ${why}`);
  describe.skip(`${name} (skipped: ${why})`, fn);
}
