import { defineMethods } from '../../core/define-methods.js';
import type { WhmCall } from '../call.js';
import { whmReply } from '../envelope/reply.js';
import { allAccounts } from '../store/account-cache.js';
import { isRunning, listServices } from '../store/services.js';
import { lastBoot, recordBoot } from '../store/system-boot.js';

/*
 * System information (seed 004, "Server Administration / System
 * Information"), derived from the world and its clock, never from the host
 * mockpanel runs on, so every answer is reproducible:
 *  - getdiskusage: one root partition holding the system and every account's
 *    home (its skeleton plus whm_account.disk_used, MB), its size the world
 *    setting `whm.diskSizeKb`;
 *  - systemloadavg: a load of 0.05 plus 0.01 per active (unsuspended)
 *    account, plus 0.2 per daemon started within each average's window
 *    (60, 300, 900 s of the world clock), so a restart or a reboot shows;
 *  - reboot / system_needs_reboot / quota_enabled: a world begins as the
 *    system_needs_reboot sample's server, waiting for a reboot to apply a
 *    glibc update and to turn its quotas on (quota_enabled's sample: 0);
 *    reboot records the boot on the world clock, after which nothing is
 *    pending and quotas are on.
 * All of it is inferred: the reference documents the shapes, not the sources.
 */

/** What the system itself takes (1K blocks and inodes) before any account: an installed cPanel server (inferred). */
const SYSTEM_KB = 6 * 1024 * 1024;
const SYSTEM_INODES = 395_097; // the getdiskusage sample's inodes_used
/** What a new account's home directory takes before it stores anything: cPanel's skeleton (public_html, mail, etc, .cpanel…), inferred. */
const ACCOUNT_HOME_KB = 256;
const ACCOUNT_HOME_INODES = 100;
const INODES_TOTAL = 5_242_880;

function getdiskusage(call: WhmCall): unknown {
  const { rows } = allAccounts(call.db);
  const used = SYSTEM_KB + rows.reduce((sum, a) => sum + ACCOUNT_HOME_KB + a.disk_used * 1024, 0);
  const inodesUsed = Math.min(INODES_TOTAL, SYSTEM_INODES + rows.reduce((sum, a) => sum + ACCOUNT_HOME_INODES + a.inodes_used, 0));
  // The world setting whm.diskSizeKb (the panel's default: 80 GiB), never less than what is in use.
  const total = Math.max(used, Math.floor(Number(call.setting<number>('diskSizeKb'))) || 0);
  return whmReply({
    data: {
      partition: [
        {
          available: total - used,
          device: '/dev/vda1',
          disk: 'vda1',
          filesystem: '/dev/vda1',
          inodes_available: INODES_TOTAL - inodesUsed,
          // df rounds percentages up (the sample: 92388 of 495844 is 18.6%, shown as 20 with reserved blocks; here there are none).
          inodes_ipercentage: Math.ceil((inodesUsed * 100) / INODES_TOTAL),
          inodes_total: INODES_TOTAL,
          inodes_used: inodesUsed,
          mount: '/',
          percentage: Math.ceil((used * 100) / total),
          total,
          used,
        },
      ],
    },
    reason: 'Successfully retrieved disk usage',
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function systemloadavg(call: WhmCall): unknown {
  const now = call.now();
  const active = allAccounts(call.db).rows.filter((a) => !a.suspended).length;
  const boot = lastBoot(call.db) ?? 0;
  const starts = listServices(call.db)
    .filter(isRunning)
    .map((s) => Math.max(s.since, boot));
  const load = (window: number) => round2(0.05 + 0.01 * active + 0.2 * starts.filter((t) => t > 0 && now - t < window).length);
  return { fifteen: load(900), five: load(300), one: load(60) };
}

function reboot(call: WhmCall): unknown {
  call.bool('force');
  recordBoot(call.db, call.now());
  return undefined;
}

function system_needs_reboot(call: WhmCall): unknown {
  // Before its first reboot the server is the sample's: same kernel, a glibc update and quotas waiting.
  const pending = lastBoot(call.db) === undefined;
  const details = pending
    ? {
        kernel: { boot_version: '3.10.0-514.10.2.e17.x86_64', running_version: '3.10.0-514.10.2.e17.x86_64' },
        quota: 1,
        updates: { glibc: '2.17-157.el7_3.1' },
      }
    : {};
  // The reference's sample puts `details` and `needs_reboot` beside `metadata`, not inside `data` (seed 004, system_needs_reboot).
  return whmReply({ body: { details, metadata: { command: call.fn, reason: 'OK', result: 1, version: 1 }, needs_reboot: pending ? 1 : 0 } });
}

function quota_enabled(call: WhmCall): unknown {
  return { quota_enabled: lastBoot(call.db) !== undefined ? 1 : 0 };
}

export const systemInfoMethods = defineMethods<WhmCall>({
  getdiskusage: { acl: 'root', run: getdiskusage },
  systemloadavg: { acl: 'any', run: systemloadavg },
  reboot: { acl: 'root', run: reboot },
  system_needs_reboot: { acl: 'root', run: system_needs_reboot },
  quota_enabled: { acl: 'root', run: quota_enabled },
});
