import { createHash } from 'node:crypto';
import type { SeedContext } from '../core/panel.js';
import { prepare, type DB } from '../../state/database.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { checkSeedList } from '../core/seed-check.js';
import { trackAccounts } from './store/account-cache.js';
import { insertAccount } from './store/lifecycle.js';
import { addPgDatabase, addPgUser } from './store/postgresql.js';
import { defaultPackage, LIMIT_KEYS, savePackage, type PackageSettings } from './store/packages.js';
import { setServerJson, setServerValue } from './store/server.js';
import { SEED_LOGIN } from './seed-login.js';

/**
 * The WHM section of a seed file (`--seed FILE`, key `whm`). Every field is
 * optional; a section replaces the built-in accounts, packages and
 * resellers as a whole (server facts fall back to the defaults).
 */
export interface WhmSeed {
  hostname?: string;
  rootPassword?: string;
  /** root's API token (32 characters, A-Z and 0-9). */
  rootToken?: string;
  nameservers?: string[];
  /** IPv4 addresses: the first is the shared main address, the others the dedicated pool. */
  ips?: string[];
  /** Package name → settings under WHM's UPPERCASE names (QUOTA, BWLIMIT, MAXPOP…); missing ones take addpkg's defaults. */
  packages?: Record<string, Partial<PackageSettings> & { owner?: string }>;
  resellers?: { user: string; password: string; domain: string; acls?: string[]; accounts?: SeedAccount[] }[];
  /** Accounts owned by root. */
  accounts?: SeedAccount[];
}

export interface SeedAccount {
  user: string;
  password: string;
  domain: string;
  plan?: string;
  email?: string;
  suspended?: string;
}

export const ROOT_PASSWORD = SEED_LOGIN.password;
export const ROOT_TOKEN = SEED_LOGIN.token;

/** The privileges the seeded reseller holds: everything an account-selling reseller needs, nothing server-wide. */
export const RESELLER_ACLS = [
  'acct-summary',
  'add-pkg',
  'allow-parkedcreate',
  'basic-system-info',
  'basic-whm-functions',
  'cpanel-api',
  'create-acct',
  'create-dns',
  'create-user-session',
  'edit-account',
  'edit-dns',
  'edit-mx',
  'edit-pkg',
  'kill-acct',
  'kill-dns',
  'limit-bandwidth',
  'list-accts',
  'list-pkgs',
  'manage-api-tokens',
  'manage-dns-records',
  'mysql-info',
  'park-dns',
  'passwd',
  'quota',
  'show-bandwidth',
  'ssl',
  'ssl-info',
  'status',
  'suspend-acct',
  'upgrade-account',
];

const BUILT_IN: Required<Pick<WhmSeed, 'packages' | 'resellers' | 'accounts'>> = {
  packages: {
    default: {},
    basic: { QUOTA: 1024, BWLIMIT: 10240, MAXPOP: 10, MAXSQL: 2, MAXFTP: 2, MAXSUB: 5, MAXPARK: 1, MAXADDON: 0 },
    pro: { QUOTA: 'unlimited', BWLIMIT: 'unlimited', MAXPOP: 'unlimited', MAXPARK: 'unlimited', MAXADDON: 'unlimited', HASSHELL: 1 },
    reseller1_starter: { owner: 'reseller1', QUOTA: 512, BWLIMIT: 5120, MAXPOP: 5, MAXSQL: 1 },
  },
  resellers: [
    {
      user: 'reseller1',
      password: 'resellerpw',
      domain: 'reseller1.example.com',
      acls: RESELLER_ACLS,
      accounts: [
        { user: 'alice', password: 'alicepw', domain: 'alice.example.com', plan: 'reseller1_starter', email: 'alice@example.net' },
        { user: 'bob', password: 'bobpw', domain: 'bob.example.org', plan: 'basic', email: 'bob@example.net' },
      ],
    },
  ],
  accounts: [{ user: 'carol', password: 'carolpw', domain: 'carol.example.net', plan: 'pro', email: 'carol@example.net' }],
};

/** A deterministic 960-digit access hash (30 lines of 32 hex digits, as WHM's mkaccesshash writes). */
export function accessHashFor(user: string): string {
  let out = '';
  for (let i = 0; out.length < 960; i++) out += createHash('md5').update(`mockpanel-accesshash:${user}:${i}`).digest('hex');
  return out.slice(0, 960);
}

function asSeed(config: unknown): WhmSeed {
  if (config === undefined) return {};
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new MockpanelError('bad_seed', 'The "whm" seed section must be an object (see emulators/whm/README.md).');
  }
  const seed = config as WhmSeed;
  checkSeedList('whm.resellers', seed.resellers, ['user', 'password', 'domain']);
  (Array.isArray(seed.resellers) ? seed.resellers : []).forEach((r, i) =>
    checkSeedList(`whm.resellers[${i}].accounts`, r.accounts, ['user', 'password', 'domain']),
  );
  checkSeedList('whm.accounts', seed.accounts, ['user', 'password', 'domain']);
  return seed;
}

/** Builds the seeded WHM world: server facts, root's credentials, packages, one reseller with accounts, a root-owned account. */
export function seedWhm(db: DB, ctx: SeedContext): void {
  const seed = asSeed(ctx.config);
  const custom = ctx.config !== undefined;
  trackAccounts(db);
  const now = ctx.nowSeconds;
  const hostname = seed.hostname ?? 'server.example.com';
  setServerValue(db, 'hostname', hostname);
  setServerValue(db, 'root_password', seed.rootPassword ?? ROOT_PASSWORD);
  setServerValue(db, 'accesshash:root', accessHashFor('root'));
  setServerValue(db, 'contact_email', `root@${hostname}`);
  setServerJson(db, 'nameservers', seed.nameservers ?? ['ns1.example.com', 'ns2.example.com']);
  setServerJson(db, 'nameserver_ips', ['192.0.2.2', '192.0.2.3']);
  setServerJson(db, 'resolvers', ['192.0.2.53', '198.51.100.53']);

  const ips = seed.ips ?? ['192.0.2.10', '192.0.2.11', '192.0.2.12'];
  ips.forEach((ip, i) => {
    prepare(db, 'INSERT INTO whm_ip (ip, iface, netmask, network, public_ip, mainaddr, dedicated, removable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      ip,
      i === 0 ? 'eth0' : `eth0:cp${i}`,
      '255.255.255.0',
      ip.replace(/\.\d+$/, '.0'),
      ip,
      i === 0 ? 1 : 0,
      i === 0 ? 0 : 1,
      i === 0 ? 0 : 1,
    );
  });

  prepare(db, 'INSERT INTO whm_token (user, name, token, acls, create_time, expires_at, whitelist_ips) VALUES (?, ?, ?, NULL, ?, NULL, NULL)').run(
    'root',
    'mockpanel-root',
    seed.rootToken ?? ROOT_TOKEN,
    now,
  );
  prepare(db, "INSERT INTO whm_featurelist (name, features) VALUES ('default', '{}'), ('disabled', '{}')").run();

  const packages = custom ? (seed.packages ?? {}) : BUILT_IN.packages;
  if (!('default' in packages)) savePackage(db, 'default', 'root', defaultPackage());
  for (const [name, spec] of Object.entries(packages)) {
    const { owner, ...settings } = spec;
    savePackage(db, name, owner ?? 'root', { ...defaultPackage(), ...settings });
  }

  const resellers = custom ? (seed.resellers ?? []) : BUILT_IN.resellers;
  const accounts = custom ? (seed.accounts ?? []) : BUILT_IN.accounts;
  const add = (a: SeedAccount, owner: string) => {
    const plan = a.plan ?? 'default';
    const settings = (packages[plan] ? { ...defaultPackage(), ...packages[plan] } : defaultPackage()) as PackageSettings;
    for (const k of LIMIT_KEYS) if (settings[k] === undefined) settings[k] = defaultPackage()[k];
    insertAccount(db, { user: a.user, domain: a.domain, owner, password: a.password, plan, settings, ip: ips[0], email: a.email ?? '', now });
    if (a.suspended) prepare(db, 'UPDATE whm_account SET suspended = 1, suspend_reason = ?, suspend_time = ? WHERE user = ?').run(a.suspended, now, a.user);
  };
  for (const r of resellers) {
    add({ user: r.user, password: r.password, domain: r.domain, plan: 'default', email: `${r.user}@${r.domain}` }, 'root');
    prepare(db, 'INSERT INTO whm_reseller (user, acls, nameservers) VALUES (?, ?, ?)').run(r.user, JSON.stringify(r.acls ?? RESELLER_ACLS), '[]');
    for (const a of r.accounts ?? []) add(a, r.user);
  }
  for (const a of accounts) add(a, 'root');
  if (resellers.length) {
    prepare(db, 'INSERT INTO whm_acl_list (name, privileges) VALUES (?, ?)').run('reseller_standard', JSON.stringify(resellers[0].acls ?? RESELLER_ACLS));
  }
  if (!custom) {
    // A mailbox and a database so the passthrough functions have something to list.
    prepare(db, 'INSERT INTO whm_email (user, email, password, quota, created) VALUES (?, ?, ?, ?, ?)').run(
      'alice',
      'info@alice.example.com',
      'mailpw',
      1024,
      now,
    );
    prepare(db, 'INSERT INTO whm_mysql_db (name, user) VALUES (?, ?)').run('alice_wp', 'alice');
    prepare(db, 'INSERT INTO whm_mysql_user (name, user, password) VALUES (?, ?, ?)').run('alice_wp', 'alice', 'dbpw');
    prepare(db, 'INSERT INTO whm_mysql_grant (db, dbuser, privileges) VALUES (?, ?, ?)').run('alice_wp', 'alice_wp', 'ALL PRIVILEGES');
    // And a PostgreSQL database and role for the PostgreSQL functions (list_databases shows them with engine postgresql).
    addPgDatabase(db, 'alice', 'alice_pg');
    addPgUser(db, 'alice', 'alice_pg', 'pgpw');
  }
}

/** Start-up banner lines: the seeded WHM logins. */
export function describeWhmSeed(config: unknown): string[] {
  const seed = asSeed(config);
  const resellers = config === undefined ? BUILT_IN.resellers : (seed.resellers ?? []);
  return [
    `root / ${seed.rootPassword ?? ROOT_PASSWORD} (Basic), Authorization: whm root:${seed.rootToken ?? ROOT_TOKEN}`,
    ...resellers.map((r) => `reseller ${r.user} / ${r.password} (Basic) owning ${(r.accounts ?? []).map((a) => a.user).join(', ') || 'no accounts'}`),
  ];
}
