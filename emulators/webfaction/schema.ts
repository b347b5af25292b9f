import type { Migration } from '../../state/database.js';

/**
 * WebFaction's objects, one table each (prefix `wf_`). Everything an account
 * owns carries `account_id`; objects that live on a server carry `machine_id`.
 * Ordered lists (a website's domains and apps) keep a `position`.
 */
const SCHEMA_V1 = `
CREATE TABLE wf_machine (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  operating_system TEXT NOT NULL,
  location TEXT NOT NULL
);
CREATE TABLE wf_account (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password TEXT NOT NULL,
  home TEXT NOT NULL,
  mail_server TEXT NOT NULL,
  disk_quota_kb INTEGER NOT NULL
);
CREATE TABLE wf_account_machine (
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (account_id, machine_id)
);
-- A machine's main IP is shared by its accounts (account_id NULL); extra IPs belong to one account.
CREATE TABLE wf_ip (
  id INTEGER PRIMARY KEY,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  account_id INTEGER REFERENCES wf_account(id) ON DELETE CASCADE,
  ip TEXT NOT NULL UNIQUE,
  is_main INTEGER NOT NULL
);
-- username and machine are copied from the account and machine (never renamed), so a call reads one row.
CREATE TABLE wf_session (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  username TEXT NOT NULL,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  machine TEXT NOT NULL,
  version INTEGER NOT NULL,
  cwd TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE wf_app_type (
  name TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  description TEXT NOT NULL,
  autostart TEXT NOT NULL,
  extra_info TEXT NOT NULL,
  extra_info_kind TEXT NOT NULL,
  listens INTEGER NOT NULL,
  position INTEGER NOT NULL
);
CREATE TABLE wf_app (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  name TEXT NOT NULL,
  type TEXT NOT NULL REFERENCES wf_app_type(name),
  autostart INTEGER NOT NULL,
  extra_info TEXT NOT NULL,
  port INTEGER NOT NULL,
  open_port INTEGER NOT NULL,
  script_code TEXT NOT NULL,
  UNIQUE (account_id, name)
);
-- Subdomain labels as a JSON array in the order they were added (list_domains reads them in one row per domain).
CREATE TABLE wf_domain (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  name TEXT NOT NULL UNIQUE,
  subdomains TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE wf_website (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  name TEXT NOT NULL,
  ip TEXT NOT NULL,
  https INTEGER NOT NULL,
  certificate TEXT NOT NULL,
  UNIQUE (account_id, name, https)
);
CREATE TABLE wf_website_subdomain (
  website_id INTEGER NOT NULL REFERENCES wf_website(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  fqdn TEXT NOT NULL,
  PRIMARY KEY (website_id, position)
);
CREATE TABLE wf_site_app (
  website_id INTEGER NOT NULL REFERENCES wf_website(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  app_id INTEGER NOT NULL REFERENCES wf_app(id),
  path TEXT NOT NULL,
  PRIMARY KEY (website_id, position)
);
CREATE TABLE wf_mailbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  password TEXT NOT NULL,
  enable_spam_protection INTEGER NOT NULL,
  discard_spam INTEGER NOT NULL,
  spam_redirect_folder TEXT NOT NULL,
  use_manual_procmailrc INTEGER NOT NULL,
  manual_procmailrc TEXT NOT NULL,
  UNIQUE (account_id, name)
);
CREATE TABLE wf_email (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  email_address TEXT NOT NULL UNIQUE,
  targets TEXT NOT NULL,
  autoresponder_on INTEGER NOT NULL,
  autoresponder_subject TEXT NOT NULL,
  autoresponder_message TEXT NOT NULL,
  autoresponder_from TEXT NOT NULL,
  script_machine TEXT NOT NULL,
  script_path TEXT NOT NULL
);
CREATE TABLE wf_cronjob (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  line TEXT NOT NULL,
  UNIQUE (account_id, line)
);
CREATE TABLE wf_dns_override (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  domain TEXT NOT NULL,
  a_ip TEXT NOT NULL,
  aaaa_ip TEXT NOT NULL,
  cname TEXT NOT NULL,
  mx_name TEXT NOT NULL,
  mx_priority TEXT NOT NULL,
  spf_record TEXT NOT NULL,
  srv_record TEXT NOT NULL
);
CREATE TABLE wf_db_user (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  username TEXT NOT NULL,
  db_type TEXT NOT NULL,
  password TEXT NOT NULL,
  UNIQUE (account_id, db_type, username)
);
CREATE TABLE wf_db (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  name TEXT NOT NULL,
  db_type TEXT NOT NULL,
  owner_id INTEGER REFERENCES wf_db_user(id) ON DELETE SET NULL,
  UNIQUE (account_id, db_type, name)
);
CREATE TABLE wf_db_grant (
  db_id INTEGER NOT NULL REFERENCES wf_db(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES wf_db_user(id) ON DELETE CASCADE,
  PRIMARY KEY (db_id, user_id)
);
CREATE TABLE wf_db_addon (
  db_id INTEGER NOT NULL REFERENCES wf_db(id) ON DELETE CASCADE,
  addon TEXT NOT NULL,
  PRIMARY KEY (db_id, addon)
);
CREATE TABLE wf_shell_user (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  machine_id INTEGER NOT NULL REFERENCES wf_machine(id),
  username TEXT NOT NULL,
  shell TEXT NOT NULL,
  groups TEXT NOT NULL,
  password TEXT NOT NULL,
  is_primary INTEGER NOT NULL,
  UNIQUE (machine_id, username)
);
-- The account's home tree: absolute paths, directories and files (content as bytes).
CREATE TABLE wf_file (
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('dir', 'file')),
  content BLOB,
  mode INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  PRIMARY KEY (account_id, path)
) WITHOUT ROWID;
CREATE TABLE wf_apache_acl (
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  permission TEXT NOT NULL,
  recursive INTEGER NOT NULL,
  PRIMARY KEY (account_id, path)
);
CREATE TABLE wf_certificate (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES wf_account(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  certificate TEXT NOT NULL,
  private_key TEXT NOT NULL,
  intermediates TEXT NOT NULL,
  expiry_date TEXT NOT NULL,
  domains TEXT NOT NULL,
  UNIQUE (account_id, name)
);
CREATE INDEX wf_session_account ON wf_session (account_id);
CREATE INDEX wf_domain_account ON wf_domain (account_id);
CREATE INDEX wf_website_account ON wf_website (account_id);
`;

export const webfactionMigrations: Migration[] = [{ version: 1, sql: SCHEMA_V1 }];
