import { randomBytes } from 'node:crypto';
import { inTransaction, prepare, type DB } from '../../../state/database.js';
import { isPanelFault } from '../../core/panel-fault.js';
import { reasons } from '../faults.js';
import { usernameProblem } from '../validate.js';
import { getAccount } from './accounts.js';
import { removeAccountDomain } from './account-domains.js';
import { getDomain, webVhosts } from './domains.js';
import { familyItems, saveFamilyItems } from './family-state.js';
import { insertAccount } from './lifecycle.js';
import { moveDomainMail } from './mail-mysql.js';
import { defaultPackage, getPackage } from './packages.js';
import { saveVhostPhpSettings, vhostPhpSettings, vhostPhpVersion } from './php.js';

/*
 * What a background job (store/background-jobs.ts) leaves on the server
 * when its last step ends: the effect the reference promises of the
 * function that started it. Each answers why it could not, as a job's log
 * reports a failed step, instead of throwing.
 */

/** The effect a job's last step carries: its name and the starter's values. */
export interface BackgroundEffect {
  effect?: string;
  args?: Record<string, string>;
}

type Apply = (db: DB, args: Record<string, string>, at: number) => string | undefined;

const EFFECTS: Record<string, Apply> = {
  /**
   * The addon domain becomes the main domain of a new account (seed 004,
   * convert_addon_initiate_conversion): it leaves the source account (with
   * its linked subdomain and zone) and the account is created on it with
   * the package asked for, and its mailboxes and forwarders go with it
   * (the sample's "Copying email accounts", "Restoring email forwarders").
   * Databases are moved only when asked (copymysqldb-*, movemysqldb), which
   * mockpanel does not do yet; files are not emulated.
   */
  convert_addon(db, args, at) {
    const addon = getDomain(db, args.domain);
    if (!addon || addon.type !== 'addon') return reasons.noSuchDomain(args.domain);
    const source = getAccount(db, addon.user);
    const problem = usernameProblem(args.username);
    if (problem) return problem;
    if (getAccount(db, args.username)) return reasons.userExists(args.username);
    const plan = getPackage(db, args.pkgname) ? args.pkgname : 'default';
    removeAccountDomain(db, addon, at);
    insertAccount(db, {
      user: args.username,
      domain: addon.domain,
      owner: source?.owner ?? 'root',
      password: randomBytes(12).toString('base64url'),
      plan,
      settings: getPackage(db, plan)?.settings ?? defaultPackage(),
      ip: source?.ip ?? '',
      email: '',
      now: at,
      replaceZone: true,
    });
    moveDomainMail(db, addon.user, args.username, addon.domain);
    return undefined;
  },

  /** The profile becomes the active one and every other inactive (seed 004, remote_mysql_read_profiles `active`). */
  activate_remote_mysql_profile(db, args) {
    const items = familyItems(db, 'remote_mysql_profile');
    if (!items.some((item) => item.ids.name === args.name)) return `The profile “${args.name}” does not exist.`;
    for (const item of items) item.values.active = item.ids.name === args.name ? '1' : '0';
    saveFamilyItems(db, 'remote_mysql_profile', items);
    return undefined;
  },

  /** Every virtual host runs its PHP version through PHP-FPM (seed 004, convert_all_domains_to_fpm; php_get_vhost_versions `php_fpm`). */
  convert_all_to_fpm(db) {
    const settings = vhostPhpSettings(db);
    for (const vhost of webVhosts(db)) {
      settings[vhost.domain] = { ...settings[vhost.domain], version: vhostPhpVersion(db, vhost.domain), php_fpm: 1 };
    }
    saveVhostPhpSettings(db, settings);
    return undefined;
  },

  /** Backups of the type asked for on (1) or off (0) for every account (seed 004, backup_skip_users_all); listaccts shows it. */
  backup_all_users(db, args) {
    const column = args.backupversion === 'legacy' ? 'legacy_backup' : 'backup';
    prepare(db, `UPDATE whm_account SET ${column} = ?`).run(args.state === '1' ? 1 : 0);
    return undefined;
  },
};

/** Applies the effect a finished step carries (none for most steps). */
export function backgroundEffect(db: DB, step: BackgroundEffect, at: number): string | undefined {
  const apply = step.effect && Object.hasOwn(EFFECTS, step.effect) ? EFFECTS[step.effect] : undefined;
  try {
    // In a savepoint, so a step that fails half-way leaves nothing half-written.
    return apply ? inTransaction(db, () => apply(db, step.args ?? {}, at)) : undefined;
  } catch (error) {
    // A store refusal (a limit, a taken domain) fails the step; it must not escape settleJobs, which runs before every call.
    if (isPanelFault(error)) return error.faultString;
    throw error;
  }
}
