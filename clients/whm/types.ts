/** Types of the WHM API 1 records the reference client returns (keys as WHM names them). */

/** `metadata` of every WHM API 1 answer. */
export interface WhmMetadata {
  command: string;
  reason: string;
  result: number;
  version: number;
  output?: { raw?: string; messages?: string[]; warnings?: string[] } | string;
  filter?: Record<string, unknown>;
  sort?: Record<string, unknown>;
  chunk?: { start: number; size: number; records: number; current: number; chunks: number };
  columns?: { invalid_msg: string; invalid?: string[] };
  [key: string]: unknown;
}

/** A whole WHM API 1 answer. */
export interface WhmResponse<T = unknown> {
  data?: T;
  metadata: WhmMetadata;
}

/** listaccts / accountsummary record. */
export interface Account {
  user: string;
  domain: string;
  owner: string;
  plan: string;
  ip: string;
  email: string;
  suspended: number;
  suspendreason: string;
  suspendtime: number | null;
  startdate: string;
  unix_startdate: number;
  disklimit: string;
  diskused: string;
  maxpop: string;
  maxsql: string;
  maxftp: string;
  maxlst: string;
  maxsub: string;
  maxparked: string;
  maxaddons: string;
  shell: string;
  theme: string;
  uid: number;
  outgoing_mail_hold: number;
  outgoing_mail_suspended: number;
  [key: string]: unknown;
}

export interface SuspendedAccount {
  user: string;
  owner: string;
  reason: string;
  time: string;
  unixtime: number;
  is_locked: number;
}

/** createacct's answer. */
export interface CreatedAccount {
  ip: string;
  package: string;
  nameserver: string;
  nameserver2: string;
  [key: string]: unknown;
}

/** createacct arguments beyond username (WHM's own lowercase names). */
export interface CreateAccountOptions {
  domain?: string;
  password?: string;
  plan?: string;
  contactemail?: string;
  owner?: string;
  quota?: number | 'unlimited';
  bwlimit?: number | 'unlimited';
  maxpop?: number | 'unlimited';
  maxsql?: number | 'unlimited';
  maxsub?: number | 'unlimited';
  maxpark?: number | 'unlimited';
  maxaddon?: number | 'unlimited';
  hasshell?: boolean;
  ip?: 'y' | 'n';
  customip?: string;
  reseller?: boolean;
  [key: string]: string | number | boolean | undefined;
}

/** listpkgs record (limits as strings, flags y/n). */
export interface PackageListEntry {
  name: string;
  QUOTA: string;
  BWLIMIT: string;
  MAXPOP: string;
  MAXSQL: string;
  CGI: string;
  HASSHELL: string;
  FEATURELIST: string;
  [key: string]: unknown;
}

/** getpkginfo record (numbers where limited). */
export interface PackageInfo {
  QUOTA: number | string;
  BWLIMIT: number | string;
  MAXPOP: number | string;
  CGI: number;
  HASSHELL: number;
  [key: string]: unknown;
}

/** dumpzone / getzonerecord record. */
export interface ZoneRecord {
  Line: number;
  name: string;
  ttl: number;
  type: string;
  class?: string;
  address?: string;
  cname?: string;
  exchange?: string;
  preference?: number;
  nsdname?: string;
  txtdata?: string;
  raw?: string;
  serial?: string;
  [key: string]: unknown;
}

/** parse_dns_zone record (base64 fields decoded by the client too). */
export interface ParsedZoneLine {
  line_index: number;
  type: 'record' | 'comment' | 'control';
  record_type?: string;
  ttl?: number;
  dname_b64?: string;
  data_b64?: string[];
  text_b64?: string;
  /** Decoded by the client: the record name. */
  dname?: string;
  /** Decoded by the client: the record data. */
  data?: string[];
}

/** mass_edit_dns_zone record to add or edit. */
export interface MassEditRecord {
  dname: string;
  ttl: number;
  record_type: string;
  data: string[];
  /** For edits: the 0-based line the record starts on. */
  line_index?: number;
}

export interface MxRecord {
  Line: number;
  name: string;
  exchange: string;
  preference: number;
  ttl: number;
  class: string;
  type: 'MX';
}

/** api_token_create's answer. */
export interface CreatedToken {
  name: string;
  token: string;
  acls: string[];
  create_time: number;
  expires_at: number | null;
  whitelist_ips: string[] | null;
}

export interface TokenDetails {
  name: string;
  acls: Record<string, number>;
  create_time: number;
  expires_at: number | null;
  whitelist_ips: string[] | null;
}

export interface SslVhost {
  servername: string;
  user: string;
  ip: string;
  domains: string[];
  crt: Record<string, unknown>;
  [key: string]: unknown;
}

/** A UAPI result as uapi_cpanel nests it in `data.uapi`. */
export interface UapiResult<T = unknown> {
  data: T;
  errors: string[] | null;
  messages: string[] | null;
  metadata: Record<string, unknown>;
  status: number;
  warnings: string[] | null;
}

/** One filter of `api.filter`: field, match type (contains, eq, begins, lt, gt, ==…) and its term. */
export interface WhmFilter {
  field: string;
  type?: 'contains' | 'eq' | 'begins' | 'lt' | 'lt_equal' | 'gt' | 'gt_equal' | '==' | 'lt_handle_unlimited' | 'gt_handle_unlimited';
  arg0: string;
}

export interface WhmSort {
  field: string;
  method?: 'lexicographic' | 'lexicographic_caseless' | 'numeric' | 'numeric_zero_as_max' | 'ipv4';
  reverse?: boolean;
}

/** WHM's output modifiers for list functions. */
export interface WhmListOptions {
  filter?: WhmFilter[];
  sort?: WhmSort[];
  /** Page of `size` records starting at the 1-based `start` (or the 1-based page `select`). */
  chunk?: { size: number; start?: number; select?: number };
  /** Keep only these keys of each record. */
  columns?: string[];
  /** Ask WHM to reflect the options in `metadata` (filter/sort/chunk `verbose`). Default true. */
  verbose?: boolean;
}

/** A list answer with the metadata list options produced. */
export interface WhmList<T> {
  items: T[];
  metadata: WhmMetadata;
}
