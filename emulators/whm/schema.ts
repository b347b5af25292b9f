import type { Migration } from '../../state/database.js';

/*
 * WHM state. Every table is prefixed `whm_` (one database holds all four
 * panels). Limits that WHM reports as "unlimited" or a number are kept as
 * TEXT exactly as WHM prints them ('unlimited', '20'); sizes are MB.
 */
export const whmMigrations: Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE whm_server (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE whm_ip (
  ip TEXT PRIMARY KEY,
  iface TEXT NOT NULL,
  netmask TEXT NOT NULL,
  network TEXT NOT NULL,
  public_ip TEXT NOT NULL,
  mainaddr INTEGER NOT NULL DEFAULT 0,
  dedicated INTEGER NOT NULL DEFAULT 0,
  removable INTEGER NOT NULL DEFAULT 1,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE whm_package (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL DEFAULT 'root',
  settings TEXT NOT NULL
);

CREATE TABLE whm_account (
  user TEXT PRIMARY KEY,
  domain TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  password TEXT NOT NULL,
  plan TEXT NOT NULL,
  ip TEXT NOT NULL,
  ipv6 TEXT,
  email TEXT NOT NULL DEFAULT '',
  uid INTEGER NOT NULL UNIQUE,
  start_time INTEGER NOT NULL,
  theme TEXT NOT NULL DEFAULT 'jupiter',
  shell TEXT NOT NULL DEFAULT '/usr/local/cpanel/bin/noshell',
  locale TEXT NOT NULL DEFAULT 'en',
  featurelist TEXT NOT NULL DEFAULT 'default',
  quota INTEGER NOT NULL DEFAULT 0,
  bwlimit INTEGER NOT NULL DEFAULT 0,
  maxpop TEXT NOT NULL DEFAULT 'unlimited',
  maxsql TEXT NOT NULL DEFAULT 'unlimited',
  maxftp TEXT NOT NULL DEFAULT 'unlimited',
  maxlst TEXT NOT NULL DEFAULT 'unlimited',
  maxsub TEXT NOT NULL DEFAULT 'unlimited',
  maxpark TEXT NOT NULL DEFAULT '0',
  maxaddon TEXT NOT NULL DEFAULT '0',
  max_email_per_hour TEXT NOT NULL DEFAULT 'unlimited',
  max_defer_fail_percentage TEXT NOT NULL DEFAULT 'unlimited',
  max_emailacct_quota TEXT NOT NULL DEFAULT 'unlimited',
  max_team_users INTEGER NOT NULL DEFAULT 7,
  cgi INTEGER NOT NULL DEFAULT 1,
  digestauth INTEGER NOT NULL DEFAULT 0,
  mailbox_format TEXT NOT NULL DEFAULT 'maildir',
  partition TEXT NOT NULL DEFAULT 'home',
  temporary_domain INTEGER NOT NULL DEFAULT 0,
  suspended INTEGER NOT NULL DEFAULT 0,
  suspend_reason TEXT NOT NULL DEFAULT '',
  suspend_time INTEGER,
  suspend_locked INTEGER NOT NULL DEFAULT 0,
  is_locked INTEGER NOT NULL DEFAULT 0,
  backup INTEGER NOT NULL DEFAULT 0,
  legacy_backup INTEGER NOT NULL DEFAULT 0,
  outgoing_mail_hold INTEGER NOT NULL DEFAULT 0,
  outgoing_mail_suspended INTEGER NOT NULL DEFAULT 0,
  disk_used INTEGER NOT NULL DEFAULT 0,
  inodes_used INTEGER NOT NULL DEFAULT 0,
  bw_used INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX whm_account_owner ON whm_account (owner);

CREATE TABLE whm_reseller (
  user TEXT PRIMARY KEY,
  acllist TEXT,
  acls TEXT NOT NULL DEFAULT '[]',
  limits TEXT NOT NULL DEFAULT '{}',
  nameservers TEXT NOT NULL DEFAULT '[]',
  ips TEXT NOT NULL DEFAULT '[]',
  main_ip TEXT,
  package_limits TEXT NOT NULL DEFAULT '{}',
  suspended INTEGER NOT NULL DEFAULT 0,
  suspend_reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE whm_acl_list (name TEXT PRIMARY KEY, privileges TEXT NOT NULL);

CREATE TABLE whm_domain (
  domain TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  type TEXT NOT NULL,
  parent TEXT,
  docroot TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE INDEX whm_domain_user ON whm_domain (user);

CREATE TABLE whm_zone (
  domain TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  serial INTEGER NOT NULL,
  template TEXT NOT NULL DEFAULT 'standard'
);
CREATE INDEX whm_zone_owner ON whm_zone (owner);

CREATE TABLE whm_zone_record (
  id INTEGER PRIMARY KEY,
  zone TEXT NOT NULL REFERENCES whm_zone (domain) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  name TEXT NOT NULL,
  ttl INTEGER NOT NULL,
  class TEXT NOT NULL DEFAULT 'IN',
  type TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX whm_zone_record_zone ON whm_zone_record (zone, pos);

CREATE TABLE whm_token (
  user TEXT NOT NULL,
  name TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  acls TEXT,
  create_time INTEGER NOT NULL,
  expires_at INTEGER,
  whitelist_ips TEXT,
  PRIMARY KEY (user, name)
);

CREATE TABLE whm_ssl_vhost (
  servername TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  ip TEXT NOT NULL,
  crt TEXT NOT NULL,
  key TEXT NOT NULL,
  cab TEXT,
  created INTEGER NOT NULL
);

CREATE TABLE whm_autossl_check (id INTEGER PRIMARY KEY, user TEXT NOT NULL, started INTEGER NOT NULL);

CREATE TABLE whm_email (
  user TEXT NOT NULL,
  email TEXT PRIMARY KEY,
  password TEXT NOT NULL,
  quota INTEGER NOT NULL DEFAULT 0,
  suspended_login INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL
);
CREATE INDEX whm_email_user ON whm_email (user);

CREATE TABLE whm_forwarder (user TEXT NOT NULL, source TEXT NOT NULL, destination TEXT NOT NULL, PRIMARY KEY (source, destination));

CREATE TABLE whm_mysql_db (name TEXT PRIMARY KEY, user TEXT NOT NULL);
CREATE TABLE whm_mysql_user (name TEXT PRIMARY KEY, user TEXT NOT NULL, password TEXT NOT NULL);
CREATE TABLE whm_mysql_grant (db TEXT NOT NULL, dbuser TEXT NOT NULL, privileges TEXT NOT NULL, PRIMARY KEY (db, dbuser));

CREATE TABLE whm_featurelist (name TEXT PRIMARY KEY, features TEXT NOT NULL DEFAULT '{}');

CREATE TABLE whm_session (token TEXT PRIMARY KEY, user TEXT NOT NULL, service TEXT NOT NULL, expires INTEGER NOT NULL);

-- Values that tier-2/3 setters store and their getters read back (see stored-settings.ts).
CREATE TABLE whm_stored (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  {
    // Every change to an account row tells the process (store/account-cache.ts), so listaccts can reuse its records until one changes.
    version: 2,
    sql: `
CREATE TRIGGER whm_account_inserted AFTER INSERT ON whm_account BEGIN SELECT whm_accounts_changed(); END;
CREATE TRIGGER whm_account_updated AFTER UPDATE ON whm_account BEGIN SELECT whm_accounts_changed(); END;
CREATE TRIGGER whm_account_deleted AFTER DELETE ON whm_account BEGIN SELECT whm_accounts_changed(); END;
`,
  },
  {
    // A session made by cpsrvd's /login is bound to the /cpsessNNNNNNNNNN token it handed out (store/sessions.ts).
    version: 3,
    sql: `ALTER TABLE whm_session ADD COLUMN security_token TEXT;`,
  },
  {
    // Operations that progress on the world clock (store/operations.ts): transfer sessions, the restore queue, background
    // pkgacct sessions, each a job whose items run one after another; the account archives they make and upload (store/backups.ts).
    version: 4,
    sql: `
CREATE TABLE whm_job (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  created INTEGER NOT NULL,
  cursor INTEGER,
  pause_at INTEGER,
  ended INTEGER,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX whm_job_state ON whm_job (state);

CREATE TABLE whm_job_item (
  job TEXT NOT NULL REFERENCES whm_job (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  key TEXT NOT NULL,
  user TEXT NOT NULL,
  state TEXT NOT NULL,
  started INTEGER,
  finished INTEGER,
  message TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (job, seq)
);

CREATE TABLE whm_backup (
  user TEXT NOT NULL,
  date TEXT NOT NULL,
  made INTEGER NOT NULL,
  account TEXT NOT NULL,
  PRIMARY KEY (user, date)
);

CREATE TABLE whm_backup_transport (
  user TEXT NOT NULL,
  date TEXT NOT NULL,
  transport TEXT NOT NULL,
  started INTEGER NOT NULL,
  ends INTEGER NOT NULL,
  PRIMARY KEY (user, date, transport)
);
`,
  },
  {
    // DNSSEC keys per zone (store/dnssec.ts), DKIM keys per domain (store/dkim-keys.ts) and IPv6 ranges (store/ipv6-ranges.ts):
    // each goes with the zone, domain or range it belongs to.
    version: 5,
    sql: `
CREATE TABLE whm_dnssec_zone (
  zone TEXT PRIMARY KEY REFERENCES whm_zone (domain) ON DELETE CASCADE ON UPDATE CASCADE,
  nsec TEXT NOT NULL,
  next_key_id INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE whm_dnssec_key (
  zone TEXT NOT NULL REFERENCES whm_dnssec_zone (zone) ON DELETE CASCADE ON UPDATE CASCADE,
  id INTEGER NOT NULL,
  key_type TEXT NOT NULL,
  algo INTEGER NOT NULL,
  bits INTEGER NOT NULL,
  active INTEGER NOT NULL,
  created INTEGER NOT NULL,
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  PRIMARY KEY (zone, id)
);
CREATE TABLE whm_dkim_key (
  domain TEXT PRIMARY KEY REFERENCES whm_domain (domain) ON DELETE CASCADE ON UPDATE CASCADE,
  private_pem TEXT NOT NULL,
  public_key TEXT NOT NULL
);
CREATE TABLE whm_ipv6_range (
  name TEXT PRIMARY KEY,
  cidr TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  note TEXT,
  owner TEXT NOT NULL,
  next_offset TEXT NOT NULL DEFAULT '0',
  mostrecent TEXT,
  reclaimed TEXT NOT NULL DEFAULT '[]'
);
`,
  },
  {
    // An account's PostgreSQL databases and roles (store/postgresql.ts): the password as PostgreSQL's md5 verifier, which names the role.
    version: 7,
    sql: `
CREATE TABLE whm_pg_db (name TEXT PRIMARY KEY, user TEXT NOT NULL);
CREATE TABLE whm_pg_user (name TEXT PRIMARY KEY, user TEXT NOT NULL, verifier TEXT NOT NULL);
`,
  },
];
