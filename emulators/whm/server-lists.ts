import type { WhmCall } from './call.js';
import { whm, type WhmFunctions } from './define.js';
import { whmFail } from './faults.js';
import { normaliseWhitelistEntry, inRange } from './ip.js';
import { reasons } from './reasons.js';
import { canAccess, getAccount, homedir } from './state/accounts.js';
import { getDomain, type DomainRow } from './state/domains.js';
import { MAX_LIST_ENTRIES, readList, writeList } from './state/stored-lists.js';
import { webVhosts } from './state/vhosts.js';

/*
 * Three tier-2 writes and the reads that show them (seed 004): importsshkey /
 * deletesshkey → listsshkeys, create_cphulk_record / delete_cphulk_record →
 * read_cphulk_records, php_set_vhost_versions → php_get_vhost_versions. The
 * answers keep the documented samples' keys; wording marked inferred is ours.
 */

const tooMany = (what: string) => whmFail(`mockpanel keeps at most ${MAX_LIST_ENTRIES} ${what}; remove some first.`);

// --- SSH keys ---------------------------------------------------------------------------------

interface SshKey {
  file: string;
  text: string;
  private: 0 | 1;
  comment: string;
  ctime: number;
  mtime: number;
  authorized: 0 | 1;
}

const KEY_FILE = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_KEY_TEXT = 16 * 1024;

function sshKeys(call: WhmCall, user: string): SshKey[] {
  return readList<SshKey[]>(call.db, `sshkeys:${user}`, []);
}

/** Whose ~/.ssh the call acts on: its `user`, which must be the caller or, for root, an account (inferred). */
function keyOwner(call: WhmCall): string {
  const user = call.str('user') || call.session.user;
  if (user === call.session.user) return user;
  if (!call.session.root) throw whmFail(reasons.rootOnlyArgument('user'));
  if (user !== 'root' && !getAccount(call.db, user)) throw whmFail(reasons.noSuchUser(user));
  return user;
}

function importsshkey(call: WhmCall): unknown {
  const user = keyOwner(call);
  const name = call.required('name');
  const text = call.required('key').trim();
  if (!KEY_FILE.test(name)) throw whmFail(reasons.invalidParameter('name', name.slice(0, 100), 'a file name of letters, digits, “.”, “_” and “-”'));
  if (!text || text.length > MAX_KEY_TEXT) throw whmFail(reasons.invalidParameter('key', `${text.slice(0, 40)}…`, 'an SSH key'));
  const keys = sshKeys(call, user);
  // inferred: WHM keeps one file per name; importing over an existing one is refused rather than silently replaced.
  if (keys.some((k) => k.file === name)) throw whmFail(`The key “${name}” already exists.`);
  if (keys.length >= MAX_LIST_ENTRIES) throw tooMany('SSH keys');
  const isPrivate = /PRIVATE KEY/.test(text);
  const comment = isPrivate ? '' : (text.split(/\s+/).slice(2).join(' ') ?? '');
  keys.push({ file: name, text, private: isPrivate ? 1 : 0, comment, ctime: call.now(), mtime: call.now(), authorized: 0 });
  writeList(call.db, `sshkeys:${user}`, keys);
  return undefined;
}

function listsshkeys(call: WhmCall): unknown {
  const user = call.session.user;
  const files = call.str('files')?.split(',').map((f) => f.trim()).filter(Boolean);
  const wantPublic = call.sent('public') ? call.bool('public') : true;
  const wantPrivate = call.sent('private') ? call.bool('private') : true;
  const keys = sshKeys(call, user)
    .filter((k) => !files?.length || files.includes(k.file))
    .filter((k) => (k.private ? wantPrivate : wantPublic))
    .map((k) => {
      // The texts only when asked for (public_texts / private_texts), as the parameters' names say (inferred).
      const withText = k.private ? call.bool('private_texts') : call.bool('public_texts');
      return { authorized: k.authorized, comment: k.comment, ctime: k.ctime, file: k.file, mtime: k.mtime, private: k.private, ...(withText ? { text: k.text } : {}) };
    });
  return { keys };
}

function deletesshkey(call: WhmCall): unknown {
  const user = keyOwner(call);
  const file = call.required('file');
  const keys = sshKeys(call, user);
  const left = keys.filter((k) => k.file !== file);
  if (left.length === keys.length) throw whmFail(`The key “${file}” does not exist.`);
  writeList(call.db, `sshkeys:${user}`, left);
  return { file: `${user === 'root' ? '/root' : `/home/${user}`}/.ssh/${file}` };
}

// --- cPHulk white and black lists ---------------------------------------------------------------

const LISTS = ['white', 'black'];

function listName(call: WhmCall): string {
  const name = call.required('list_name');
  if (!LISTS.includes(name)) throw whmFail(reasons.invalidParameter('list_name', name.slice(0, 100), '“white” or “black”'));
  return name;
}

const cphulkList = (call: WhmCall, name: string) => readList<Record<string, string>>(call.db, `cphulk:${name}`, {});

/** The requester facts every cPHulk list answer carries (samples): its address and whether the white list holds it. */
function requester(call: WhmCall): { requester_ip: string; requester_ip_is_whitelisted: 0 | 1 } {
  const ip = call.ctx.request.remoteAddress;
  const white = Object.keys(cphulkList(call, 'white'));
  return { requester_ip: ip, requester_ip_is_whitelisted: white.some((entry) => inRange(ip, entry)) ? 1 : 0 };
}

function create_cphulk_record(call: WhmCall): unknown {
  const name = listName(call);
  const comment = call.str('comment') ?? '';
  const list = cphulkList(call, name);
  const added: string[] = [];
  const failed: Record<string, string> = {};
  for (const raw of call.list('ip').slice(0, MAX_LIST_ENTRIES)) {
    const entry = normaliseWhitelistEntry(raw);
    // The sample's own wording for a bad address.
    if (!entry) failed[raw] = `Invalid IP address or range: "${raw}"`;
    else {
      if (!(entry in list) && Object.keys(list).length >= MAX_LIST_ENTRIES) throw tooMany('cPHulk entries per list');
      list[entry] = comment;
      added.push(entry);
    }
  }
  writeList(call.db, `cphulk:${name}`, list);
  return { comment, ip_blocks_removed: 0, ips_added: added, ips_failed: failed, iptable_bans_removed: 0, list_name: name, ...requester(call) };
}

function read_cphulk_records(call: WhmCall): unknown {
  const name = listName(call);
  const who = requester(call);
  return {
    ips_in_list: cphulkList(call, name),
    list_name: name,
    ...who,
    // The sample's warning when the requester is not on the white list (inferred: shown only then).
    ...(who.requester_ip_is_whitelisted ? {} : { warning_ip: 'The IP address is not on the white list.' }),
  };
}

function delete_cphulk_record(call: WhmCall): unknown {
  const name = listName(call);
  const list = cphulkList(call, name);
  const removed: string[] = [];
  const failed: Record<string, string> = {};
  for (const raw of call.list('ip').slice(0, MAX_LIST_ENTRIES)) {
    const entry = normaliseWhitelistEntry(raw) ?? raw;
    if (entry in list) {
      delete list[entry];
      removed.push(entry);
    } else failed[raw] = `The IP address “${raw}” is not on the ${name} list.`;
  }
  writeList(call.db, `cphulk:${name}`, list);
  return { ips_failed: failed, ips_removed: removed, list_name: name, ...requester(call) };
}

// --- PHP version per virtual host -----------------------------------------------------------------

interface VhostPhp {
  version: string;
  php_fpm: 0 | 1;
  php_fpm_pool_parms?: Record<string, unknown>;
}

/** The server's default PHP, as get_domain_info reports it. */
const SYSTEM_PHP = 'ea-php82';
const PHP_VERSION = /^(ea-php\d{2,3}|alt-php\d{2,3}|inherit)$/;
const POOL_DEFAULTS = { pm_max_children: 5, pm_max_requests: 20, pm_process_idle_timeout: 10 };

const vhostSettings = (call: WhmCall) => readList<Record<string, VhostPhp>>(call.db, 'php-vhosts', {});

/** A web virtual host: a main, sub or addon domain (parked domains are aliases of the main one). */
function vhostRow(call: WhmCall, name: string): DomainRow {
  const row = getDomain(call.db, name);
  const account = row && getAccount(call.db, row.user);
  if (!row || row.type === 'parked' || !account || !canAccess(call, account)) throw whmFail(`The virtual host “${name.slice(0, 200)}” does not exist.`);
  return row;
}

function php_set_vhost_versions(call: WhmCall): unknown {
  const version = call.required('version');
  if (!PHP_VERSION.test(version)) throw whmFail(reasons.invalidParameter('version', version.slice(0, 100), 'an installed PHP version such as ea-php82, or inherit'));
  const vhosts = call.list('vhost');
  if (!vhosts.length) throw whmFail(reasons.missingParameter('vhost'));
  const settings = vhostSettings(call);
  let pool: Record<string, unknown> | undefined;
  const rawPool = call.args.php_fpm_pool_parms;
  if (rawPool !== undefined) {
    try {
      pool = typeof rawPool === 'string' ? (JSON.parse(rawPool) as Record<string, unknown>) : (rawPool as Record<string, unknown>);
    } catch {
      throw whmFail(reasons.invalidParameter('php_fpm_pool_parms', String(rawPool).slice(0, 100), 'JSON'));
    }
  }
  for (const name of vhosts.slice(0, MAX_LIST_ENTRIES)) {
    const row = vhostRow(call, name);
    const before = settings[row.domain];
    if (version === 'inherit') delete settings[row.domain];
    else
      settings[row.domain] = {
        version,
        php_fpm: call.sent('php_fpm') ? (call.bool('php_fpm') ? 1 : 0) : (before?.php_fpm ?? 0),
        ...((pool ?? before?.php_fpm_pool_parms) ? { php_fpm_pool_parms: pool ?? before?.php_fpm_pool_parms } : {}),
      };
  }
  writeList(call.db, 'php-vhosts', settings);
  return undefined;
}

function php_get_vhost_versions(call: WhmCall): unknown {
  const settings = vhostSettings(call);
  const versions = [];
  for (const row of webVhosts(call.db)) {
    const account = getAccount(call.db, row.user);
    if (!account || !canAccess(call, account)) continue;
    const own = settings[row.domain];
    versions.push({
      account: account.user,
      account_owner: account.owner,
      documentroot: row.docroot,
      homedir: homedir(account),
      is_suspended: account.suspended ? 1 : 0,
      main_domain: row.type === 'main' ? 1 : 0,
      php_fpm: own?.php_fpm ?? 0,
      php_fpm_pool_parms: { ...POOL_DEFAULTS, ...(own?.php_fpm_pool_parms ?? {}) },
      // Where the version comes from (inferred from the sample): the vhost's own setting, else the system default.
      phpversion_source: [own ? { domain: row.domain } : { domain: row.domain, system_default: 1 }],
      version: own?.version ?? SYSTEM_PHP,
      vhost: row.domain,
    });
  }
  return { versions };
}

export const serverListFunctions: WhmFunctions = {
  importsshkey: whm('root', importsshkey),
  listsshkeys: whm('root', listsshkeys),
  deletesshkey: whm('root', deletesshkey),
  create_cphulk_record: whm('root', create_cphulk_record),
  read_cphulk_records: whm('root', read_cphulk_records),
  delete_cphulk_record: whm('root', delete_cphulk_record),
  php_set_vhost_versions: whm('list-accts', php_set_vhost_versions),
  php_get_vhost_versions: whm('list-accts', php_get_vhost_versions),
};
