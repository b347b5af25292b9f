import { randomBytes } from 'node:crypto';
import { prepare, type DB } from '../../../state/database.js';
import { reasons } from '../faults.js';
import { usernameProblem } from '../validate.js';
import { getAccount, nextUid, updateAccount, type AccountRow } from './accounts.js';
import { archivedAccount, getBackup, latestBackup } from './backups.js';
import { getDomain } from './domains.js';
import { insertAccount } from './lifecycle.js';
import { defaultPackage, getPackage } from './packages.js';
import { getReseller } from './resellers.js';
import { freeDedicatedIp, getIp, mainIp } from './server.js';
import { getZone } from './zones.js';

/*
 * What a restore or a transfer leaves on the server: an account. A restore
 * recreates the account its archive holds (or puts an existing one back to
 * the archived record); a transfer creates the account the enqueued item
 * names. Each answers why it could not, as the transfer system logs an
 * item's failure, instead of throwing.
 */

/** The transfer modules whose items create an account (seed 004, enqueue_transfer_item `module`). */
export const TRANSFER_ACCOUNT_MODULES = new Set(['AccountRemoteRoot', 'AccountRemoteUser']);

/** The account columns a restore puts back from an archive (everything but identity and history). */
const RESTORED_COLUMNS: (keyof AccountRow)[] = [
  'owner',
  'plan',
  'email',
  'theme',
  'shell',
  'locale',
  'featurelist',
  'quota',
  'bwlimit',
  'maxpop',
  'maxsql',
  'maxftp',
  'maxlst',
  'maxsub',
  'maxpark',
  'maxaddon',
  'max_email_per_hour',
  'max_defer_fail_percentage',
  'max_emailacct_quota',
  'max_team_users',
  'cgi',
  'digestauth',
  'mailbox_format',
  'suspended',
  'suspend_reason',
  'suspend_time',
  'backup',
  'legacy_backup',
  'extra',
];

/** Why a domain cannot become `user`'s main domain, if it cannot. */
function domainBlocked(db: DB, domain: string, user: string): string | undefined {
  const owner = getDomain(db, domain)?.user;
  if (owner && owner !== user) return reasons.domainTaken(domain, owner);
  const zone = getZone(db, domain);
  if (zone && zone.owner !== user && getAccount(db, zone.owner)) return reasons.domainTaken(domain, zone.owner);
  return undefined;
}

/**
 * Puts the archived account back: creates it when it is gone (its uid
 * when still free, its address when still configured, else the shared
 * one), or overwrites the existing account's record with the archived one.
 */
export function applyArchive(db: DB, archived: AccountRow, at: number): string | undefined {
  const current = getAccount(db, archived.user);
  const owner = archived.owner === 'root' || archived.owner === archived.user || getReseller(db, archived.owner) ? archived.owner : 'root';
  if (!current) {
    const blocked = domainBlocked(db, archived.domain, archived.user);
    if (blocked) return blocked;
    const uidTaken = prepare<[number], { user: string }>(db, 'SELECT user FROM whm_account WHERE uid = ?').get(archived.uid) !== undefined;
    insertAccount(db, {
      user: archived.user,
      domain: archived.domain,
      owner,
      password: archived.password,
      plan: archived.plan,
      settings: getPackage(db, archived.plan)?.settings ?? defaultPackage(),
      ip: getIp(db, archived.ip) ? archived.ip : mainIp(db),
      email: archived.email,
      now: at,
      temporaryDomain: archived.temporary_domain === 1,
      mailboxFormat: archived.mailbox_format,
      uid: uidTaken ? nextUid(db) : archived.uid,
      replaceZone: true,
    });
  }
  const values = Object.fromEntries(RESTORED_COLUMNS.map((k) => [k, archived[k]])) as Partial<AccountRow>;
  updateAccount(db, archived.user, { ...values, owner, password: archived.password });
  return undefined;
}

/** A restore queue task: the archive of `user` made on the restore point's day. */
export function restoreFromBackup(db: DB, user: string, restorePoint: string, at: number): string | undefined {
  const backup = getBackup(db, user, restorePoint.slice(0, 10));
  if (!backup) return reasons.noBackupOn(user, restorePoint);
  return applyArchive(db, archivedAccount(backup), at);
}

/**
 * A transfer item: the account `localuser` on `domain` (the remote server
 * is not emulated, so the enqueued item's own values are all there is to
 * create it from; inferred), with the default package on the shared
 * address, a dedicated one (`ip=1`, when one is free) or `customip`, and a
 * new random password (the remote's is not known here). An existing
 * account of that name is kept unless `force=1` replaced it.
 */
export function createTransferredAccount(db: DB, item: Record<string, string>, at: number): string | undefined {
  if (item.module === 'AccountLocal' && item.cpmove) return restoreFromCpmove(db, item, at);
  // The other modules (feature lists, packages, local archives) bring nothing from a remote that is not emulated (inferred).
  if (!TRANSFER_ACCOUNT_MODULES.has(item.module)) return undefined;
  const user = item.localuser;
  const problem = usernameProblem(user);
  if (problem) return problem;
  const domain = item.domain;
  const existing = getAccount(db, user);
  if (existing && item.force !== '1') return reasons.userExists(user);
  const blocked = domainBlocked(db, domain, user);
  if (blocked) return blocked;
  let ip = mainIp(db);
  if (item.customip && getIp(db, item.customip)) ip = item.customip;
  else if (item.ip === '1') ip = freeDedicatedIp(db) ?? ip;
  if (existing) {
    updateAccount(db, user, { ip });
    return undefined;
  }
  insertAccount(db, {
    user,
    domain,
    owner: 'root',
    password: randomBytes(12).toString('base64url'),
    plan: 'default',
    settings: getPackage(db, 'default')?.settings ?? defaultPackage(),
    ip,
    email: '',
    now: at,
    replaceZone: true,
  });
  return undefined;
}

/**
 * A local cpmove restore (start_local_cpmove_restore): the account in the
 * newest archive pkgacct made of `cpmove` (mockpanel's cpmove tarballs are
 * those archives; inferred), under `localuser` when a new name was asked
 * for. An existing account of that name is kept unless `overwrite=1`
 * (seed 004, start_local_cpmove_restore `overwrite`).
 */
function restoreFromCpmove(db: DB, item: Record<string, string>, at: number): string | undefined {
  const backup = latestBackup(db, item.cpmove);
  if (!backup) return reasons.noCpmoveArchive(item.cpmovepath ?? item.cpmove);
  const archived = { ...archivedAccount(backup), user: item.localuser };
  if (getAccount(db, archived.user) && item.overwrite !== '1') return reasons.userExists(archived.user);
  return applyArchive(db, archived, at);
}
