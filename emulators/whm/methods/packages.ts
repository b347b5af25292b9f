import { holds } from '../auth.js';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import {
  defaultPackage,
  deletePackage,
  FLAG_KEYS,
  getPackage,
  LIMIT_KEYS,
  limitText,
  listPackages,
  savePackage,
  type PackageRow,
  type PackageSettings,
} from '../store/packages.js';
import { countOnPlan } from '../store/accounts.js';
import { applyPackageEdit } from '../store/lifecycle.js';
import { packageUsable, sentLimit } from './accounts.js';

/** The flag arguments (lowercase) of addpkg/editpkg and the UPPERCASE settings they set. */
const FLAG_ARGS: Record<(typeof FLAG_KEYS)[number], string> = { CGI: 'cgi', HASSHELL: 'hasshell', IP: 'ip', DIGESTAUTH: 'digestauth', FRONTPAGE: 'frontpage' };
const TEXT_ARGS: Record<'CPMOD' | 'FEATURELIST' | 'LANG' | '_PACKAGE_EXTENSIONS', string> = {
  CPMOD: 'cpmod',
  FEATURELIST: 'featurelist',
  LANG: 'language',
  _PACKAGE_EXTENSIONS: '_PACKAGE_EXTENSIONS',
};

/** Applies the package arguments the caller sent (lowercase or UPPERCASE names) over `settings`. */
function applySent(call: WhmCall, settings: PackageSettings): PackageSettings {
  const out = { ...settings };
  for (const key of LIMIT_KEYS) {
    const v = sentLimit(call, key);
    if (v !== undefined) out[key] = v;
  }
  for (const key of FLAG_KEYS) {
    const name = [FLAG_ARGS[key], key].find((n) => call.sent(n));
    if (name) out[key] = call.bool(name) ? 1 : 0;
  }
  for (const [key, arg] of Object.entries(TEXT_ARGS) as [keyof typeof TEXT_ARGS, string][]) {
    const name = [arg, key, key.toLowerCase()].find((n) => call.sent(n));
    if (name) out[key] = call.str(name) ?? '';
  }
  const teams = ['max_team_users', 'MAX_TEAM_USERS'].find((n) => call.sent(n));
  if (teams) out.MAX_TEAM_USERS = call.int(teams, out.MAX_TEAM_USERS)!;
  return out;
}

/**
 * A reseller's packages are stored under `reseller_name` (WHM prefixes
 * them: inferred, the listpkgs sample of seed 004 names a reseller
 * feature list the same way). Root's names are used as given.
 */
function packageName(call: WhmCall, given: string): string {
  if (call.session.root || given.startsWith(`${call.session.user}_`)) return given;
  return `${call.session.user}_${given}`;
}

function ownedPackage(call: WhmCall, given: string): PackageRow {
  const pkg = getPackage(call.db, given) ?? getPackage(call.db, packageName(call, given));
  if (!pkg) throw faults.noSuchPackage(given);
  if (!call.session.root && pkg.owner !== call.session.user) throw faults.packageNotAllowed(given);
  return pkg;
}

function addpkg(call: WhmCall): unknown {
  const given = call.required('name');
  if (!/^[A-Za-z0-9 _.-]+$/.test(given) || given.length > 64) throw faults.packageNameInvalid(given);
  const name = packageName(call, given);
  if (getPackage(call.db, name)) throw faults.packageExists(name);
  const settings = applySent(call, defaultPackage());
  if (!call.session.root && settings.HASSHELL && !holds(call, 'add-pkg-shell')) throw faults.permissionDenied('addpkg', 'add-pkg-shell');
  savePackage(call.db, name, call.session.root ? 'root' : call.session.user, settings);
  return { pkg: name };
}

function editpkg(call: WhmCall): unknown {
  const pkg = ownedPackage(call, call.required('name'));
  const edited = applySent(call, pkg.settings);
  savePackage(call.db, pkg.name, pkg.owner, edited);
  applyPackageEdit(call.db, pkg.name, pkg.settings, edited);
  return { pkg: pkg.name };
}

function killpkg(call: WhmCall): unknown {
  const pkg = ownedPackage(call, call.required('pkgname', 'pkg'));
  const used = countOnPlan(call.db, pkg.name);
  // inferred: WHM documents no refusal, but deleting a plan accounts still use would leave them pointing at nothing.
  if (used) throw faults.packageInUse(pkg.name, used);
  deletePackage(call.db, pkg.name);
  return undefined;
}

const yn = (n: number) => (n ? 'y' : 'n');

/** A package as listpkgs prints it: limits as strings, flags as y/n (documented sample). */
function listRecord(p: PackageRow): Record<string, unknown> {
  const s = p.settings;
  return {
    BWLIMIT: limitText(s.BWLIMIT),
    CGI: yn(s.CGI),
    CPMOD: s.CPMOD,
    DIGESTAUTH: yn(s.DIGESTAUTH),
    FEATURELIST: s.FEATURELIST,
    HASSHELL: yn(s.HASSHELL),
    IP: yn(s.IP),
    LANG: s.LANG,
    MAXADDON: limitText(s.MAXADDON),
    MAXFTP: limitText(s.MAXFTP),
    MAXLST: limitText(s.MAXLST),
    MAXPARK: limitText(s.MAXPARK),
    MAXPOP: limitText(s.MAXPOP),
    MAXSQL: limitText(s.MAXSQL),
    MAXSUB: limitText(s.MAXSUB),
    MAX_DEFER_FAIL_PERCENTAGE: limitText(s.MAX_DEFER_FAIL_PERCENTAGE),
    MAX_EMAILACCT_QUOTA: limitText(s.MAX_EMAILACCT_QUOTA),
    MAX_EMAIL_PER_HOUR: limitText(s.MAX_EMAIL_PER_HOUR),
    MAX_TEAM_USERS: s.MAX_TEAM_USERS,
    QUOTA: limitText(s.QUOTA),
    _PACKAGE_EXTENSIONS: s._PACKAGE_EXTENSIONS,
    name: p.name,
  };
}

/** A package as getpkginfo prints it: numbers where limited, flags as 0/1, DIGESTAUTH as y/n (documented sample). */
function infoRecord(p: PackageRow): Record<string, unknown> {
  const s = p.settings;
  return {
    BWLIMIT: s.BWLIMIT,
    CGI: s.CGI,
    CPMOD: s.CPMOD,
    DIGESTAUTH: yn(s.DIGESTAUTH),
    FEATURELIST: s.FEATURELIST,
    FRONTPAGE: s.FRONTPAGE,
    HASSHELL: s.HASSHELL,
    IP: s.IP,
    LANG: s.LANG,
    MAXADDON: s.MAXADDON,
    MAXFTP: s.MAXFTP,
    MAXLST: s.MAXLST,
    MAXPARK: s.MAXPARK,
    MAXPOP: s.MAXPOP,
    MAXSQL: s.MAXSQL,
    MAXSUB: s.MAXSUB,
    MAX_DEFER_FAIL_PERCENTAGE: s.MAX_DEFER_FAIL_PERCENTAGE,
    MAX_EMAILACCT_QUOTA: s.MAX_EMAILACCT_QUOTA,
    MAX_EMAIL_PER_HOUR: s.MAX_EMAIL_PER_HOUR,
    MAX_TEAM_USERS: s.MAX_TEAM_USERS,
    QUOTA: s.QUOTA,
    _PACKAGE_EXTENSIONS: s._PACKAGE_EXTENSIONS,
  };
}

/** Packages the caller may see for `want`: all/viewable (usable ones), creatable (usable), editable (its own). */
function visiblePackages(call: WhmCall, want: string): PackageRow[] {
  return listPackages(call.db).filter((p) => (want === 'editable' ? call.session.root || p.owner === call.session.user : packageUsable(call, p.owner, p.name)));
}

function listpkgs(call: WhmCall): unknown {
  return { pkg: visiblePackages(call, call.strOr('want', 'all')).map(listRecord) };
}

function getpkginfo(call: WhmCall): unknown {
  const name = call.required('pkg');
  const pkg = getPackage(call.db, name);
  if (!pkg || !packageUsable(call, pkg.owner, pkg.name)) throw faults.noSuchPackage(name);
  return { pkg: infoRecord(pkg) };
}

/** matchpkgs: the packages whose settings equal every UPPERCASE setting sent. */
function matchpkgs(call: WhmCall): unknown {
  const wanted = call.sentNames().filter((n) => /^[A-Z_]+$/.test(n));
  const pkgs = visiblePackages(call, 'all').filter((p) => {
    const info = infoRecord(p);
    const list = listRecord(p);
    return wanted.every((k) => {
      const v = call.str(k) ?? '';
      return String(info[k]) === v || String(list[k]) === v;
    });
  });
  return { pkg: pkgs.map((p) => ({ ...infoRecord(p), name: p.name })) };
}

function addpkgext(call: WhmCall): unknown {
  const pkg = ownedPackage(call, call.required('name'));
  const add = call.required('_PACKAGE_EXTENSIONS').split(/\s+/).filter(Boolean);
  const have = pkg.settings._PACKAGE_EXTENSIONS.split(/\s+/).filter(Boolean);
  savePackage(call.db, pkg.name, pkg.owner, { ...pkg.settings, _PACKAGE_EXTENSIONS: [...new Set([...have, ...add])].join(' ') });
  return { pkg: pkg.name };
}

function delpkgext(call: WhmCall): unknown {
  const pkg = ownedPackage(call, call.required('name'));
  const drop = new Set(call.required('_DELETE_EXTENSIONS').split(/\s+/));
  const keep = pkg.settings._PACKAGE_EXTENSIONS.split(/\s+/).filter((e) => e && !drop.has(e));
  savePackage(call.db, pkg.name, pkg.owner, { ...pkg.settings, _PACKAGE_EXTENSIONS: keep.join(' ') });
  return { pkg: pkg.name };
}

export const packageMethods = defineMethods<WhmCall>({
  addpkg: { acl: 'add-pkg', run: addpkg },
  editpkg: { acl: 'edit-pkg', run: editpkg },
  killpkg: { acl: 'edit-pkg', run: killpkg },
  listpkgs: { acl: 'list-pkgs', run: listpkgs },
  getpkginfo: { acl: 'list-pkgs', run: getpkginfo },
  matchpkgs: { acl: 'list-pkgs', run: matchpkgs },
  addpkgext: { acl: 'edit-pkg', run: addpkgext },
  delpkgext: { acl: 'edit-pkg', run: delpkgext },
});
