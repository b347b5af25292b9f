/** Shapes of WebFaction answers, member names exactly as the server sends them (seed 000 and the later API). */

export interface Account {
  id: number;
  username: string;
  home: string;
  web_server: string;
  mail_server: string;
  /** Present when login was asked for an API version (the later server). */
  version?: number;
}

/** list_mailboxes item: the name is under `mailbox`. */
export interface Mailbox {
  id: number;
  mailbox: string;
  enable_spam_protection: boolean;
  discard_spam: boolean;
  spam_redirect_folder: string;
  use_manual_procmailrc: boolean;
  manual_procmailrc: string;
}

/** create_mailbox's answer: the name is under `name`, plus the generated password. */
export interface CreatedMailbox extends Omit<Mailbox, 'mailbox'> {
  name: string;
  password: string;
}

/** list_emails item: `targets` is a comma string and `autoresponder_on` an int 0/1. */
export interface Email {
  id: number;
  email_address: string;
  targets: string;
  autoresponder_on: number;
  autoresponder_subject: string;
  autoresponder_message: string;
  autoresponder_from: string;
}

export interface UpdatedEmail {
  id: number;
  email_address: string;
  targets: string[];
}

export interface Domain {
  id: number;
  domain: string;
  subdomains: string[];
}

/** [app name, path] */
export type SiteApp = [string, string];

/** list_websites item (site apps under `website_apps`). */
export interface Website {
  id: number;
  name: string;
  ip: string;
  https: boolean;
  subdomains: string[];
  website_apps: SiteApp[];
  /** Version-2 sessions only. */
  certificate?: string;
}

/** create_website / update_website answer (site apps under `site_apps`). */
export interface WebsiteResult extends Omit<Website, 'website_apps'> {
  site_apps: SiteApp[];
}

export interface App {
  id: number;
  name: string;
  type: string;
  autostart: boolean;
  /** 0 when the app does not listen on a port. */
  port: number;
  extra_info: string;
  machine: string;
  /** Version-2 sessions only. */
  open_port?: boolean;
}

export interface AppType {
  name: string;
  description: string;
  /** The string 'applicable' or ''. */
  autostart: string;
  extra_info: string;
  label?: string;
  open_port?: boolean;
}

export interface DnsOverride {
  id: number;
  domain: string;
  a_ip: string;
  aaaa_ip: string;
  cname: string;
  mx_name: string;
  mx_priority: string;
  spf_record: string;
  srv_record: string;
}

export type DbType = 'mysql' | 'postgresql';

export interface Database {
  id: number;
  name: string;
  db_type: DbType;
  machine: string;
}

export interface DbUser {
  machine: string;
  username: string;
  db_type: DbType;
}

export interface DbUserOnDatabase extends DbUser {
  database: string;
}

export interface DbAddon {
  machine: string;
  db_type: DbType;
  addon: 'tsearch' | 'postgis';
  database: string;
}

export type Shell = 'none' | 'bash' | 'sh' | 'ksh' | 'csh' | 'tcsh';

export interface ShellUser {
  username: string;
  machine: string;
  shell: Shell;
  groups: string[];
}

export interface Machine {
  name: string;
  id: number;
  operating_system: string;
  location: string;
}

export interface Ip {
  machine: string;
  ip: string;
  is_main: boolean;
  id: number;
}

export interface Certificate {
  id: number;
  name: string;
  certificate: string;
  private_key: string;
  intermediates: string;
  /** 'YYYY-MM-DD' */
  expiry_date: string;
  domains: string;
}

export interface DiskUsage {
  home_directories: { username: string; machine: string; size: number; last_reading: string }[];
  mailboxes: { name: string; size: number; last_reading: string }[];
  mysql_databases: { name: string; machine: string; size: number; last_reading: string }[];
  postgresql_databases: { name: string; machine: string; size: number; last_reading: string }[];
  total: number;
  quota: number;
  percentage: number;
}

export interface BandwidthUsage {
  daily: Record<string, number>;
  monthly: Record<string, number>;
}

/** What create/update/delete methods with an undocumented answer return: a struct, usually empty. */
export type Struct = Record<string, unknown>;
