import type { DB } from '../../state/database.js';
import type { SeedContext } from '../core/panel.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { checkSeedList } from '../core/seed-check.js';
import { APP_TYPES, type AppTypeSeed } from './app-types.js';
import { homeOf } from './home-tree.js';
import { addAccountMachine, insertAccount, insertExtraIp, insertMachine, setFirstId } from './store/accounts.js';
import { insertAppType } from './store/apps.js';
import { insertDirectory } from './store/files.js';
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
      // Account id 12345: letsencrypt-webfaction's login fixture (spec/fixtures/login_response.xml).
      id: 12345,
      mail_server: 'Mailbox2',
      machines: ['Web100'],
      extra_ips: [{ machine: 'Web100', ip: '174.133.82.195' }],
    },
    { username: 'gadgetsco', password: 'gadgetsrock', id: 12346, mail_server: 'Mailbox2', machines: ['Web100', 'Web55'] },
  ],
};

// First ids handed out, so the document's examples return its own ids (seed: domain 47255, website 67074;
// pywebfaction's fixtures: emails 72/73; letsencrypt-webfaction's: certificate 1234).
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
    insertMachine(db, { id, name: m.name, operatingSystem: m.operating_system ?? 'Centos6-64bit', location: m.location ?? 'USA', mainIp: m.main_ip });
    machineIds.set(m.name, id);
  });
  const machineId = (name: string, who: string) => {
    const id = machineIds.get(name);
    if (id === undefined) throw new MockpanelError('bad_seed', `webfaction seed: account ${who} names machine "${name}", which is not in "machines"`);
    return id;
  };

  appTypes.forEach((t, position) => {
    insertAppType(
      db,
      {
        name: t.name,
        label: t.label,
        description: t.description,
        autostart: t.autostart,
        extra_info: t.extraInfo,
        extra_info_kind: t.extraInfoKind,
        listens: t.listens,
      },
      position,
    );
  });

  accounts.forEach((a, i) => {
    if (!a.machines?.length) throw new MockpanelError('bad_seed', `webfaction seed: account ${a.username} needs at least one machine`);
    const accountId = a.id ?? 12345 + i;
    insertAccount(db, {
      id: accountId,
      username: a.username,
      password: a.password,
      // login's `home` is '/home', not '/home/<user>' (letsencrypt-webfaction spec/fixtures/login_response.xml).
      home: '/home',
      mail_server: a.mail_server ?? 'Mailbox2',
      disk_quota_kb: a.disk_quota_kb ?? DEFAULT_QUOTA_KB,
    });
    a.machines.forEach((name, position) => {
      // The account's own shell user exists on every machine it has a plan on (seed § list_users).
      addAccountMachine(db, { id: accountId, username: a.username, password: a.password }, machineId(name, a.username), position);
    });
    for (const extra of a.extra_ips ?? []) {
      insertExtraIp(db, accountId, machineId(extra.machine, a.username), extra.ip);
    }
    const home = homeOf(a.username);
    for (const dir of [home, `${home}/webapps`, `${home}/logs`, `${home}/logs/frontend`, `${home}/logs/user`]) {
      insertDirectory(db, accountId, dir, ctx.nowSeconds);
    }
  });

  for (const [table, first] of Object.entries(FIRST_IDS)) {
    setFirstId(db, table, first);
  }
}

export function describeWebfactionSeed(config: unknown): string[] {
  const accounts = (config as WebfactionSeed | undefined)?.accounts ?? DEFAULT_SEED.accounts;
  return accounts.map((a) => `login ${a.username} / ${a.password} (machine${a.machines.length > 1 ? 's' : ''} ${a.machines.join(', ')})`);
}
