import { prepare, type DB } from '../../state/database.js';
import type { SeedContext } from '../core/panel.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { checkSeedList } from '../core/seed-check.js';
import { APP_TYPES, type AppTypeSeed } from './app-types.js';
import { homeOf } from './home-tree.js';
import { SEED_LOGIN } from './seed-login.js';

/**
 * The `webfaction` section of `--seed FILE`. Every field is optional; an
 * absent section seeds the documents' own example account.
 */
export interface WebfactionSeed {
  machines?: { name: string; operating_system?: string; location?: string; main_ip: string }[];
  accounts?: {
    username: string;
    password: string;
    id?: number;
    mail_server?: string;
    /** Machine names, the first being where a login without `machine` lands (only allowed with one). */
    machines: string[];
    extra_ips?: { machine: string; ip: string }[];
    disk_quota_kb?: number;
  }[];
  app_types?: AppTypeSeed[];
}

/**
 * The built-in seed: the seed document's example login `widgetsco` /
 * `widgetsrock` on `Web100` (seed § login, § list_users), whose main and
 * extra IPs are the two addresses of the `create_website`/`update_website`
 * examples, so the document's examples run unmodified. `gadgetsco` has plans
 * on two machines, so `login` without `machine` must fail for it.
 */
export const DEFAULT_SEED: Required<Pick<WebfactionSeed, 'machines' | 'accounts'>> = {
  machines: [
    // Seed § list_machines examples: Web100, Centos6-64bit, USA; Web55 is the seed's other machine name (§ login).
    { name: 'Web100', operating_system: 'Centos6-64bit', location: 'USA', main_ip: '174.133.82.194' },
    { name: 'Web55', operating_system: 'Centos6-64bit', location: 'USA', main_ip: '174.133.82.55' },
  ],
  accounts: [
    {
      username: SEED_LOGIN.username,
      password: SEED_LOGIN.password,
      // Account id 12345: letsencrypt-webfaction's login fixture (realworld.md §1.2).
      id: 12345,
      mail_server: 'Mailbox2',
      machines: ['Web100'],
      extra_ips: [{ machine: 'Web100', ip: '174.133.82.195' }],
    },
    { username: 'gadgetsco', password: 'gadgetsrock', id: 12346, mail_server: 'Mailbox2', machines: ['Web100', 'Web55'] },
  ],
};

// First ids handed out, so the document's examples return its own ids (seed: domain 47255, website 67074;
// realworld.md §1.4: emails 72/73, certificate 1234).
const FIRST_IDS: Record<string, number> = { wf_domain: 47255, wf_website: 67074, wf_email: 72, wf_certificate: 1234, wf_app: 100001, wf_mailbox: 5001 };

/** 50 GB, a plan of the seed's era; inferred (list_disk_usage quota is not documented). */
const DEFAULT_QUOTA_KB = 50 * 1024 * 1024;

export function seedWebfaction(db: DB, ctx: SeedContext): void {
  const config = (ctx.config ?? {}) as WebfactionSeed;
  if (typeof config !== 'object' || config === null) throw new MockpanelError('bad_seed', 'the "webfaction" seed section must be an object');
  checkSeedList('webfaction.machines', config.machines, ['name', 'main_ip']);
  checkSeedList('webfaction.accounts', config.accounts, ['username', 'password']);
  const machines = config.machines ?? DEFAULT_SEED.machines;
  const accounts = config.accounts ?? DEFAULT_SEED.accounts;
  const appTypes = config.app_types ?? APP_TYPES;

  const machineIds = new Map<string, number>();
  machines.forEach((m, i) => {
    const id = i + 1;
    prepare(db, 'INSERT INTO wf_machine (id, name, operating_system, location) VALUES (?, ?, ?, ?)').run(
      id,
      m.name,
      m.operating_system ?? 'Centos6-64bit',
      m.location ?? 'USA',
    );
    prepare(db, 'INSERT INTO wf_ip (machine_id, account_id, ip, is_main) VALUES (?, NULL, ?, 1)').run(id, m.main_ip);
    machineIds.set(m.name, id);
  });
  const machineId = (name: string, who: string) => {
    const id = machineIds.get(name);
    if (id === undefined) throw new MockpanelError('bad_seed', `webfaction seed: account ${who} names machine "${name}", which is not in "machines"`);
    return id;
  };

  appTypes.forEach((t, position) => {
    prepare(db, 'INSERT INTO wf_app_type (name, label, description, autostart, extra_info, extra_info_kind, listens, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      t.name,
      t.label,
      t.description,
      t.autostart,
      t.extraInfo,
      t.extraInfoKind,
      t.listens ? 1 : 0,
      position,
    );
  });

  accounts.forEach((a, i) => {
    if (!a.machines?.length) throw new MockpanelError('bad_seed', `webfaction seed: account ${a.username} needs at least one machine`);
    const accountId = a.id ?? 12345 + i;
    prepare(db, 'INSERT INTO wf_account (id, username, password, home, mail_server, disk_quota_kb) VALUES (?, ?, ?, ?, ?, ?)').run(
      accountId,
      a.username,
      a.password,
      // login's `home` is '/home', not '/home/<user>' (letsencrypt-webfaction login fixture, realworld.md §1.2).
      '/home',
      a.mail_server ?? 'Mailbox2',
      a.disk_quota_kb ?? DEFAULT_QUOTA_KB,
    );
    a.machines.forEach((name, position) => {
      const mid = machineId(name, a.username);
      prepare(db, 'INSERT INTO wf_account_machine (account_id, machine_id, position) VALUES (?, ?, ?)').run(accountId, mid, position);
      // The account's own shell user exists on every machine it has a plan on (seed § list_users).
      prepare(db, "INSERT INTO wf_shell_user (account_id, machine_id, username, shell, groups, password, is_primary) VALUES (?, ?, ?, 'bash', '[]', ?, 1)").run(
        accountId,
        mid,
        a.username,
        a.password,
      );
    });
    for (const extra of a.extra_ips ?? []) {
      prepare(db, 'INSERT INTO wf_ip (machine_id, account_id, ip, is_main) VALUES (?, ?, ?, 0)').run(machineId(extra.machine, a.username), accountId, extra.ip);
    }
    const home = homeOf(a.username);
    for (const dir of [home, `${home}/webapps`, `${home}/logs`, `${home}/logs/frontend`, `${home}/logs/user`]) {
      prepare(db, "INSERT INTO wf_file (account_id, path, kind, content, mode, mtime) VALUES (?, ?, 'dir', NULL, 493, ?)").run(accountId, dir, ctx.nowSeconds);
    }
  });

  for (const [table, first] of Object.entries(FIRST_IDS)) {
    prepare(db, 'INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(table, first - 1);
  }
}

export function describeWebfactionSeed(config: unknown): string[] {
  const accounts = (config as WebfactionSeed | undefined)?.accounts ?? DEFAULT_SEED.accounts;
  return accounts.map((a) => `login ${a.username} / ${a.password} (machine${a.machines.length > 1 ? 's' : ''} ${a.machines.join(', ')})`);
}
