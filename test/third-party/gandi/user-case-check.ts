import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { GandiClient } from '../../../clients/gandi/index.js';
import type { TestServer } from '../../support/server.js';

const run = promisify(execFile);

/** The five steps of the doc's user case, in the order the journal must show them. */
const STEPS = ['hosting_account_product_add', 'hosting_account_info', 'os_list', 'vm_create', 'disk_create', 'disk_attach'];

/**
 * Runs a third-party user-case script against a world of its own, then
 * checks with the reference client that the server holds what the script
 * built: a VM vmtest1 on OS 111 with 4 shares, and disk2GB attached to it.
 */
export async function runUserCase(server: TestServer, world: string, command: string, script: string, options: { pace?: unknown } = {}): Promise<string> {
  const base = `${server.url}/_w/${world}/gandi`;
  // The world exists from its first call; a setting needs it first.
  await new GandiClient({ url: `${base}/hosting/` }).call('login', 'AA1234-GANDI', 'mypassword');
  if (options.pace !== undefined) {
    const res = await fetch(`${server.admin}/worlds/${world}/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 'gandi.operationPace': options.pace }),
    });
    expect(res.ok).toBe(true);
  }
  const { stdout } = await run(command, [script, `${base}/hosting/`], { timeout: 60_000 });

  const vmId = Number(/creating VM#(\d+)/.exec(stdout)?.[1]);
  const diskId = Number(/creating disk#(\d+)/.exec(stdout)?.[1]);
  expect(stdout).toMatch(/available shares: 5/);
  expect(stdout).toMatch(
    new RegExp(`could not create a vm_delete .*VM#${vmId}.* because: DataError: vm is not halted \\[vm_id: ${vmId}\\]\\nfaultCode 530268`),
  );

  const gandi = new GandiClient({ url: `${base}/xmlrpc/` });
  await gandi.login('AA1234-GANDI', 'mypassword');
  expect(await gandi.vmInfo(vmId)).toMatchObject({ hostname: 'vmtest1', os_id: 111, shares: 4, cpu: 1, login: 'gandi', state: 'running', disks_id: [diskId] });
  expect(await gandi.diskInfo(diskId)).toMatchObject({ name: 'disk2GB', size: 2048, fstype: 'ext3', state: 'created', vms_id: [vmId] });

  const journal = server.core.worlds.get(world)!.journal.query({ panel: 'gandi' });
  const ok = journal.filter((e) => e.outcome === 'ok' && STEPS.includes(e.method)).map((e) => e.method);
  expect(ok).toEqual(STEPS);
  return stdout;
}
