import type { Migration } from '../../state/database.js';

/*
 * What the cPanel door keeps beyond WHM's tables (accounts, domains, zones,
 * mail, MySQL and sessions are WHM's rows, read and written through
 * emulators/whm/state): the account users' own API tokens, FTP accounts and
 * cron lines. Every table is prefixed `cpanel_`.
 */
export const cpanelMigrations: Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE cpanel_token (
  user TEXT NOT NULL,
  name TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  create_time INTEGER NOT NULL,
  expires_at INTEGER,
  PRIMARY KEY (user, name)
);
CREATE TABLE cpanel_ftp (
  login TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  password TEXT NOT NULL,
  homedir TEXT NOT NULL,
  quota INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL
);
CREATE TABLE cpanel_cron (
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL,
  minute TEXT NOT NULL,
  hour TEXT NOT NULL,
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  weekday TEXT NOT NULL,
  command TEXT NOT NULL
);
`,
  },
];
