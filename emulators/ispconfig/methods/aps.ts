import type { CallContext, Handler } from '../../core/panel.js';
import { DEFAULT_APS_CATALOGUE, packagePath, type ApsPackage, type ApsSetting } from '../engine/aps-catalogue.js';
import { globalConfig, serverConfig } from '../engine/config.js';
import type { IspCall } from '../engine/context.js';
import { fetchRow } from '../engine/crud.js';
import { passwordPolicyError } from '../engine/custom-validators.js';
import { mysqlPasswordHash } from '../engine/crypt.js';
import { datalogSave, type Row } from '../engine/datalog.js';
import { empty, htmlentities, htmlspecialchars, intval, isEmail, isPhpArray, looseEquals, str, type PhpArray } from '../engine/php.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { ispFault, phpError } from '../faults.js';
import { sqlName as t } from '../schema/index.js';
import { ispCall } from '../session.js';
import { insertSysRow } from './client.js';

// The APS installer of the remote API: interface/lib/classes/remote.d/aps.inc.php, aps_guicontroller.inc.php,
// aps_crawler.inc.php and aps_base.inc.php (interface), server/lib/classes/aps_installer.inc.php (server), all
// ISPConfig 3.2.11 (AVENTER-UG/ispconfig3@3.2.11). The catalogue the crawler would download is the world's
// (engine/aps-catalogue.ts); the server's installer runs on the world's clock (see advanceQueue).

// aps_base.inc.php
const PACKAGE_LOCKED = 1;
const PACKAGE_ENABLED = 2;
const PACKAGE_OUTDATED = 3;
const PACKAGE_ERROR_NOMETA = 4;
const INSTANCE_PENDING = 0;
const INSTANCE_INSTALL = 1;
const INSTANCE_ERROR = 2;
const INSTANCE_SUCCESS = 3;
const INSTANCE_REMOVE = 4;

/** The remote door's PHP_SELF directory: SOAP (index.php) and JSON (json.php) both live in /remote. */
const REMOTE_DIR = '/remote';

function catalogueOf(ctx: CallContext): ApsPackage[] {
  const own = ctx.world.setting<unknown>('ispconfig.apsCatalogue');
  return Array.isArray(own) ? own.filter(isPhpArray).map(normalize) : DEFAULT_APS_CATALOGUE;
}

const listOf = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const maybe = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : str(v));
const numberOrUndefined = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A catalogue entry as a test wrote it, with every field the type it is read as (a wrong shape never crashes a call). */
function normalize(p: PhpArray): ApsPackage {
  const php = isPhpArray(p.php) ? p.php : undefined;
  const license = isPhpArray(p.license) ? p.license : undefined;
  const db = isPhpArray(p.database) && !empty(p.database.id) ? p.database : undefined;
  return {
    name: str(p.name), version: str(p.version), release: str(p.release), category: str(p.category), packageUrl: str(p.packageUrl),
    summary: maybe(p.summary), homepage: maybe(p.homepage), description: maybe(p.description), configScriptLanguage: maybe(p.configScriptLanguage),
    installedSize: numberOrUndefined(p.installedSize),
    license: license && { mustAccept: typeof license.mustAccept === 'boolean' ? license.mustAccept : undefined, name: maybe(license.name), url: maybe(license.url), text: maybe(license.text) },
    languages: listOf(p.languages)?.map(str),
    icon: maybe(p.icon),
    screenshots: listOf(p.screenshots)?.filter(isPhpArray).map((x) => ({ path: str(x.path), description: maybe(x.description) })),
    changelog: listOf(p.changelog)?.filter(isPhpArray).map((x) => ({ version: str(x.version), entries: (listOf(x.entries) ?? []).map(str) })),
    php: php && {
      extensions: listOf(php.extensions)?.map(str),
      flags: isPhpArray(php.flags) ? (Object.fromEntries(Object.entries(php.flags).map(([k, v]) => [k, str(v) === 'false' ? 'false' : 'true'])) as Record<string, 'true' | 'false'>) : undefined,
      memoryLimit: numberOrUndefined(php.memoryLimit), maxExecutionTime: numberOrUndefined(php.maxExecutionTime), postMaxSize: numberOrUndefined(php.postMaxSize),
      minVersion: maybe(php.minVersion), maxNotIncluding: maybe(php.maxNotIncluding),
    },
    database: db && { id: str(db.id), serverType: str(db.serverType), minVersion: maybe(db.minVersion) },
    settings: listOf(p.settings)?.filter(isPhpArray).map((x) => ({
      id: str(x.id), type: str(x.type) as ApsSetting['type'], name: str(x.name), description: maybe(x.description), defaultValue: maybe(x.defaultValue),
      regex: maybe(x.regex), minLength: numberOrUndefined(x.minLength), maxLength: numberOrUndefined(x.maxLength),
      choices: listOf(x.choices)?.filter(isPhpArray).map((c) => ({ id: str(c.id), name: str(c.name) })),
    })),
    files: isPhpArray(p.files) ? Object.fromEntries(Object.entries(p.files).map(([k, v]) => [k, str(v)])) : undefined,
  };
}

function metaOf(ctx: CallContext, path: unknown): ApsPackage | undefined {
  return catalogueOf(ctx).find((p) => packagePath(p) === str(path));
}

/** `$app->db->datalogUpdate()`: the UPDATE and its change-queue entry. */
function datalogUpdate(call: IspCall, table: string, pk: string, id: number | string, values: Record<string, string | number>): void {
  const old = fetchRow(call, table, id);
  const names = Object.keys(values);
  exec(call, `UPDATE ${t(table)} SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE "${pk}" = ?`, ...names.map((n) => values[n]), id);
  datalogSave(call, table, 'u', pk, id, old, fetchRow(call, table, id), 'admin');
}

function datalogDelete(call: IspCall, table: string, pk: string, id: number | string): void {
  const old = fetchRow(call, table, id);
  exec(call, `DELETE FROM ${t(table)} WHERE "${pk}" = ?`, id);
  if (old) datalogSave(call, table, 'd', pk, id, old, undefined, 'admin');
}

const asRow = (values: Record<string, unknown>): Record<string, string | null> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null || v === undefined ? null : str(v)]));

// ---------------------------------------------------------------------------------------------------------------
// The server side: server.sh runs from cron every minute and hands the queued change to aps_plugin, whose
// installer sets the instance to INSTANCE_SUCCESS (or INSTANCE_ERROR) and, for a removal, deletes its rows.

/**
 * inferred: a change is processed one cron interval (60 s) after it was queued, the latest the every-minute
 * cron picks it up; so a client sees the same progression whatever second it queued at.
 */
const nextCronRun = (queuedAt: number) => queuedAt + 60;

function advanceQueue(call: IspCall): void {
  for (const inst of queryAll(call, `SELECT id, instance_status FROM ${t('aps_instances')} WHERE instance_status IN (?, ?)`, INSTANCE_INSTALL, INSTANCE_REMOVE)) {
    const queued = queryOne(call, `SELECT MAX(CAST(tstamp AS INTEGER)) AS at FROM ${t('sys_datalog')} WHERE dbtable = 'aps_instances' AND dbidx = ?`, `id:${inst.id}`);
    if (call.now < nextCronRun(intval(queued?.at))) continue;
    if (intval(inst.instance_status) === INSTANCE_REMOVE) {
      // aps_installer: the files go, then both rows (a plain query, no change queued).
      exec(call, `DELETE FROM ${t('aps_instances')} WHERE id = ?`, inst.id);
      exec(call, `DELETE FROM ${t('aps_instances_settings')} WHERE instance_id = ?`, inst.id);
      continue;
    }
    // The installer needs the website it installs into; inferred: without it the install fails (INSTANCE_ERROR).
    const site = queryOne(call, `SELECT w.domain_id FROM ${t('web_domain')} w JOIN ${t('aps_instances_settings')} s ON s.value = w.domain WHERE s.instance_id = ? AND s.name = 'main_domain'`, inst.id);
    exec(call, `UPDATE ${t('aps_instances')} SET instance_status = ? WHERE id = ?`, site ? INSTANCE_SUCCESS : INSTANCE_ERROR, inst.id);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The crawler (sites_aps_update_package_list)

/** `ORDER BY INET_ATON(SUBSTRING_INDEX(CONCAT(version,'.0.0.0'),'.',4)) DESC, release DESC` as a comparator. */
function newestFirst(a: Row, b: Row): number {
  const aton = (v: unknown) => {
    const parts = `${str(v)}.0.0.0`.split('.').slice(0, 4);
    if (parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return -1; // INET_ATON: NULL sorts last in DESC
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
  };
  return aton(b.version) - aton(a.version) || intval(b.release) - intval(a.release);
}

const updatePackageList: Handler = (ctx) => {
  const call = ispCall(ctx);
  const catalogue = catalogueOf(ctx);
  // startCrawler: every older version of a name already registered is tagged outdated.
  const rows = queryAll(call, `SELECT id, name, version, "release", package_status FROM ${t('aps_packages')} ORDER BY name`);
  const byName = new Map<string, Row[]>();
  for (const row of rows) byName.set(str(row.name), [...(byName.get(str(row.name)) ?? []), row]);
  for (const versions of byName.values()) {
    for (const row of versions.sort(newestFirst).slice(1)) {
      if (intval(row.package_status) === PACKAGE_OUTDATED) continue;
      exec(call, `UPDATE ${t('aps_packages')} SET package_status = ? WHERE id = ?`, PACKAGE_OUTDATED, row.id);
      datalogUpdate(call, 'aps_packages', 'id', str(row.id), { package_status: PACKAGE_OUTDATED });
    }
  }
  // parseFolderToDB: registered packages that left the catalogue lose their metadata, new ones are registered.
  const paths = new Set(catalogue.map(packagePath));
  const known = new Set(queryAll(call, `SELECT path FROM ${t('aps_packages')}`).map((r) => str(r.path)));
  for (const path of known) {
    if (paths.has(path)) continue;
    const row = queryOne(call, `SELECT id FROM ${t('aps_packages')} WHERE path = ?`, path);
    if (row) datalogUpdate(call, 'aps_packages', 'id', str(row.id), { package_status: PACKAGE_ERROR_NOMETA });
  }
  for (const pkg of catalogue) {
    const path = packagePath(pkg);
    if (known.has(path)) continue;
    if (!pkg.name || !pkg.category || !pkg.version || str(pkg.release) === '' || !pkg.packageUrl) continue;
    insertSysRow(call, 'aps_packages', 'id', asRow({ path, name: pkg.name, category: pkg.category, version: pkg.version, release: pkg.release, package_url: pkg.packageUrl, package_status: PACKAGE_ENABLED }));
  }
  return true;
};

const availablePackagesList: Handler = (ctx) => {
  const params = isPhpArray(ctx.args[1]) ? ctx.args[1] : {};
  const all = params.all_packages !== undefined && params.all_packages !== null && looseEquals(params.all_packages, true);
  const where = all ? `package_status = ${PACKAGE_ENABLED} OR package_status = ${PACKAGE_LOCKED}` : `package_status = ${PACKAGE_ENABLED}`;
  return queryAll(ispCall(ctx), `SELECT * FROM ${t('aps_packages')} WHERE ${where} ORDER BY name, version`);
};

// ---------------------------------------------------------------------------------------------------------------
// Package checks and metadata (ApsGUIController)

/** `preg_match('/^[0-9]+$/', $id)`: PHP 8 refuses an array subject. */
function digitsOnly(id: unknown): boolean {
  if (isPhpArray(id) || Array.isArray(id)) throw phpError('preg_match(): Argument #2 ($subject) must be of type string, array given');
  return /^[0-9]+$/.test(str(id));
}

/** getNewestPackageID: the newest enabled version of the same name, or 0. */
function newestPackageId(call: IspCall, id: unknown): number {
  if (!digitsOnly(id)) return 0;
  const rows = queryAll(call, `SELECT id, version, "release" FROM ${t('aps_packages')} WHERE name = (SELECT name FROM ${t('aps_packages')} WHERE id = ?) AND package_status = 2`, str(id));
  const newest = rows.sort(newestFirst)[0];
  return newest && !looseEquals(id, newest.id) ? intval(newest.id) : 0;
}

/** The checks every package method starts with; `isset($primary_id)` and isValidPackageID($id, true). */
function validPackage(call: IspCall, id: unknown): Row {
  const invalid = () => ispFault('package_error', 'The given Package ID is not valid.');
  if (id === undefined || id === null) throw invalid();
  if (!digitsOnly(id)) throw invalid();
  const row = queryOne(call, `SELECT * FROM ${t('aps_packages')} WHERE (package_status = ${PACKAGE_ENABLED} OR package_status = ${PACKAGE_LOCKED}) AND id = ?`, str(id));
  if (!row) throw invalid();
  return row;
}

/** utf8_encode(), which the remote methods run over every value: the text is taken as ISO-8859-1, so UTF-8 is encoded twice. */
function utf8Encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

function utf8EncodeAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(utf8EncodeAll);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, utf8EncodeAll(v)]));
  if (isPhpArray(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, utf8EncodeAll(v)]));
  return utf8Encode(str(value));
}

/** ApsBase::convertSize: `round(v / 1024^floor(log(v, 1024)), 2) . ' ' . unit`. */
function convertSize(bytes: number): string {
  const units = ['Bytes', 'KB', 'MB', 'GB', 'TB'];
  const i = Math.floor(Math.log(bytes) / Math.log(1024));
  const value = Math.round((bytes / 1024 ** i) * 100) / 100;
  return `${str(value)} ${units[i] ?? ''}`;
}

/** getPackageDetails: the aps_packages row and what APP-META.xml says, before the remote method's encoding. */
function packageDetails(row: Row, meta: ApsPackage): Record<string, unknown> {
  const files = `${REMOTE_DIR}/aps_meta_packages/${str(row.path)}`;
  const base = (p: string) => p.split('/').pop() ?? '';
  const php = meta.php ?? {};
  const phpSettings: { PHPSettingName: string; PHPSettingValue: string }[] = [];
  for (const option of ['allow-url-fopen', 'file-uploads', 'magic-quotes-gpc', 'register-globals', 'safe-mode', 'short-open-tag']) {
    const value = php.flags?.[option];
    if (value) phpSettings.push({ PHPSettingName: option.replace(/-/g, '_'), PHPSettingValue: value.replace('false', 'off').replace('true', 'on') });
  }
  if (php.memoryLimit) phpSettings.push({ PHPSettingName: 'memory_limit', PHPSettingValue: convertSize(php.memoryLimit) });
  if (php.maxExecutionTime) phpSettings.push({ PHPSettingName: 'max-execution-time', PHPSettingValue: str(php.maxExecutionTime) });
  if (php.postMaxSize) phpSettings.push({ PHPSettingName: 'post_max_size', PHPSettingValue: convertSize(php.postMaxSize) });
  // Only a maximum prints '< ' and the (empty) minimum: the source concatenates the wrong variable.
  const versions = php.minVersion && php.maxNotIncluding ? `${php.minVersion} - ${php.maxNotIncluding}` : php.minVersion ? `> ${php.minVersion}` : php.maxNotIncluding ? '< ' : '';
  const db = meta.database;
  const dbType = db ? db.serverType.replace('postgresql', 'PostgreSQL').replace('microsoft:sqlserver', 'MSSQL').replace('mysql', 'MySQL') : '';
  const licenseUrl = meta.license?.url ?? '';
  return {
    ...row,
    Summary: htmlspecialchars(meta.summary ?? ''),
    Homepage: meta.homepage ?? '',
    Description: htmlspecialchars((meta.description ?? '').trim()).replace(/(\r\n|\n|\r)/g, '<br />$1'),
    'Config script': (meta.configScriptLanguage ?? '').toUpperCase(),
    'Installed Size': meta.installedSize ? convertSize(Math.trunc(meta.installedSize)) : '',
    'License need agree': meta.license?.mustAccept === undefined ? '' : String(meta.license.mustAccept),
    'License name': meta.license?.name ?? '',
    'License type': licenseUrl ? 'url' : 'file',
    'License content': licenseUrl ? htmlspecialchars(licenseUrl) : htmlentities(meta.license?.text ?? '', 'ISO-8859-1'),
    Languages: (meta.languages ?? []).join(' '),
    Icon: meta.icon ? `${files}/${base(meta.icon)}` : '',
    Screenshots: meta.screenshots?.length ? meta.screenshots.map((s) => ({ ScreenPath: `${files}/${base(s.path)}`, ScreenDescription: htmlspecialchars((s.description ?? '').trim()) })) : '',
    Changelog: meta.changelog?.length
      ? meta.changelog.map((c) => ({ ChangelogVersion: c.version, ChangelogDescription: c.entries.map((e) => htmlspecialchars(e.trim())).join('<br />') }))
      : '',
    'Requirements PHP extensions': (php.extensions ?? []).filter((e) => e.toLowerCase() !== 'php').join(' '),
    'Requirements PHP settings': phpSettings,
    'Requirements Supported PHP versions': versions,
    'Requirements Database': db ? dbType + (db.minVersion ? ` > ${db.minVersion}` : '') : '',
  };
}

/** getPackageSettings: the installer form of APP-META.xml's settings (types it does not know are left out). */
function packageSettings(meta: ApsPackage): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const s of meta.settings ?? []) {
    const head = { SettingID: s.id, SettingName: s.name, SettingDescription: s.description ?? '' };
    const limits = { SettingRegex: s.regex ?? null, SettingMinLength: s.minLength ?? null, SettingMaxLength: s.maxLength ?? null };
    if (['string', 'email', 'integer', 'float', 'domain-name'].includes(s.type)) {
      out.push({ ...head, SettingType: s.type, SettingInputType: 'string', SettingDefaultValue: s.defaultValue ?? '', ...limits });
    } else if (s.type === 'password') {
      out.push({ ...head, SettingType: 'password', SettingInputType: 'password', SettingDefaultValue: '', ...limits });
    } else if (s.type === 'boolean') {
      out.push({ ...head, SettingType: 'boolean', SettingInputType: 'checkbox', SettingDefaultValue: s.defaultValue ?? '' });
    } else if (s.type === 'enum') {
      out.push({ ...head, SettingType: 'enum', SettingInputType: 'select', SettingDefaultValue: s.defaultValue ?? '', SettingChoices: (s.choices ?? []).map((c) => ({ EnumID: c.id, EnumName: c.name })) });
    }
  }
  return out;
}

function packageAndMeta(ctx: CallContext, id: unknown): { row: Row; meta: ApsPackage } {
  const row = validPackage(ispCall(ctx), id);
  const meta = metaOf(ctx, row.path);
  // getPackageDetails without an APP-META.xml (a package that left the catalogue after it was registered).
  if (!meta) throw ispFault('package_error', `The metafile for ${str(row.name)} couldn't be found`);
  return { row, meta };
}

// The details, file and settings methods call getNewestPackageID($pkg_id) with an undefined variable: the
// newest-version lookup never applies there (remote.d/aps.inc.php), only in sites_aps_install_package.

const getPackageDetails: Handler = (ctx) => {
  const { row, meta } = packageAndMeta(ctx, ctx.args[1]);
  const details = utf8EncodeAll(packageDetails(row, meta)) as Record<string, unknown>;
  // "Special handling for license-text because of too much problems with soap-transport"
  details['License content'] = Buffer.from(str(details['License content']), 'latin1').toString('base64');
  return details;
};

const getPackageFile: Handler = (ctx) => {
  const { row, meta } = packageAndMeta(ctx, ctx.args[1]);
  const details = packageDetails(row, meta);
  const filename = ctx.args[2];
  const base = (p: unknown) => str(p).split('/').pop();
  const screens = Array.isArray(details.Screenshots) ? (details.Screenshots as { ScreenPath: string }[]) : [];
  const found = looseEquals(base(details.Icon), filename) || screens.some((s) => looseEquals(base(s.ScreenPath), filename));
  if (!found) throw ispFault('package_error', 'File not found in package.');
  // base64_encode(file_get_contents(…)): a file the package lacks reads as false, which encodes as ''.
  const content = meta.files?.[str(filename)];
  return content ? Buffer.from(content, 'base64').toString('base64') : '';
};

const getPackageSettings: Handler = (ctx) => {
  const { meta } = packageAndMeta(ctx, ctx.args[1]);
  return utf8EncodeAll(packageSettings(meta));
};

const changePackageStatus: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, id, raw] = ctx.args;
  validPackage(call, id);
  const params = isPhpArray(raw) ? raw : {};
  const status = params.package_status;
  if (status === undefined || status === null || (!looseEquals(status, PACKAGE_ENABLED) && !looseEquals(status, PACKAGE_LOCKED))) {
    throw ispFault('package_error', `Wrong new status: ${str(status)}`);
  }
  exec(call, `UPDATE ${t('aps_packages')} SET package_status = ? WHERE id = ?`, str(status), intval(id));
  return true;
};

// ---------------------------------------------------------------------------------------------------------------
// Installing (validateInstallerInput, createPackageInstance, createDatabaseForPackageInstance)

const mainDomain = (domain: string) => (domain.startsWith('www.') ? domain.slice(4) : domain);

/** secureLocation: slashes collapsed, dots, NULs removed, backslashes made slashes; one leading and trailing slash dropped. */
function secureLocation(location: string): string {
  let l = location.replace(/\/+/g, '/').replace(/\.+/g, '').replace(/\0+/g, '').replace(/\\+/g, '/');
  if (l.endsWith('/')) l = l.slice(0, -1);
  if (l.startsWith('/')) l = l.slice(1);
  return l;
}

/** The customer (client id) owning a website, 0 when none. */
function customerOf(call: IspCall, domain: string): string {
  const row = queryOne(call, `SELECT g.client_id FROM ${t('sys_group')} g, ${t('web_domain')} w WHERE w.sys_groupid = g.groupid AND w.domain = ?`, domain);
  return row ? str(row.client_id) : '0';
}

const FILTER_INT = /^\s*[+-]?(?:0|[1-9]\d{0,18})\s*$/;
const FILTER_FLOAT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A setting's regex as preg_match("/".$regex."/") runs it; an invalid or oversized pattern never matches (preg_match false). */
function settingRegexMatches(regex: string, value: string): boolean {
  if (regex.length > 1000 || value.length > 10000) return false;
  try {
    return new RegExp(regex).test(value);
  } catch {
    return false;
  }
}

function validateInstallerInput(call: IspCall, post: PhpArray, details: Record<string, unknown>, domains: string[], settings: ApsSetting[]): { input: Map<string, unknown>; errors: string[] } {
  const input = new Map<string, unknown>();
  const errors: string[] = [];
  const isset = (k: string) => post[k] !== undefined && post[k] !== null;
  const domainOk = isset('main_domain') && domains.some((d) => looseEquals(d, post.main_domain));
  // $app->lng() in the remote API has only the global word book, so these are the untranslated keys.
  if (!domainOk) errors.push('error_main_domain');
  else input.set('main_domain', post.main_domain);
  if (isset('admin_password')) {
    const problem = passwordPolicyError(call, str(post.admin_password));
    if (problem) errors.push(problem);
  }
  if (isset('main_location')) {
    let problem = '';
    const userinput = str(post.main_location).length > 0;
    const location = secureLocation(secureLocation(str(post.main_location))).replace(/[^\d\w/-]/g, '');
    if (userinput && location.length === 0) problem = 'error_inv_main_location';
    if (domainOk) {
      const docroot = queryOne(call, `SELECT document_root, web_folder FROM ${t('web_domain')} WHERE domain = ?`, mainDomain(str(post.main_domain)));
      let newPath = str(docroot?.web_folder).trim() === '' ? str(docroot?.document_root) : `${str(docroot?.document_root)}/${str(docroot?.web_folder)}`;
      if (!newPath.endsWith('/')) newPath += '/';
      newPath += location;
      const customer = customerOf(call, mainDomain(str(post.main_domain)));
      const used = queryAll(call, `SELECT s.instance_id, s.value AS domain FROM ${t('aps_instances')} i, ${t('aps_instances_settings')} s WHERE i.id = s.instance_id AND s.name = 'main_domain' AND i.customer_id = ?`, customer);
      for (const inst of used) {
        const root = queryOne(call, `SELECT document_root FROM ${t('web_domain')} WHERE domain = ?`, inst.domain);
        if (!root) continue;
        let usedPath = str(root.document_root);
        if (!usedPath.endsWith('/')) usedPath += '/';
        const where = queryOne(call, `SELECT value FROM ${t('aps_instances_settings')} WHERE name = 'main_location' AND instance_id = ?`, inst.instance_id);
        if (where) usedPath += str(where.value);
        // The same path, a path below an installed one, or one an installed package lives below.
        if (newPath === usedPath || usedPath.startsWith(newPath) || newPath.startsWith(usedPath)) {
          problem = 'error_used_location';
          break;
        }
      }
    } else problem = 'error_main_domain';
    if (problem === '') input.set('main_location', htmlspecialchars(location));
    else errors.push(problem);
  } else errors.push('error_no_main_location');
  if (details['License need agree'] === 'true') {
    if (isset('license') && looseEquals(post.license, 'on')) input.set('license', 'true');
    else errors.push('error_license_agreement');
  }
  if (details['Requirements Database'] !== '') {
    for (const k of ['main_database_host', 'main_database_name', 'main_database_login']) if (isset(k)) input.set(k, post[k]);
    if (isset('main_database_password')) {
      if (looseEquals(post.main_database_password, '')) errors.push('error_no_database_pw');
      else if (str(post.main_database_password).length > 8) input.set('main_database_password', htmlspecialchars(str(post.main_database_password)));
      else errors.push('error_short_database_pw');
    } else errors.push('error_no_database_pw');
  }
  for (const s of settings) {
    let problem = '';
    const given = isset(s.id) && !looseEquals(post[s.id], '');
    if (!given && s.type !== 'boolean') {
      errors.push('error_no_value_for'); // sprintf() of a key without %s
      continue;
    }
    const value = str(post[s.id]);
    if (s.type === 'string' || s.type === 'password') {
      if (intval(s.minLength) !== 0 && value.length < intval(s.minLength)) problem = 'error_short_value_for';
      if (intval(s.maxLength) !== 0 && value.length > intval(s.maxLength)) problem = 'error_long_value_for';
      if (s.regex !== undefined && !settingRegexMatches(s.regex, value)) problem = 'error_inv_value_for';
    } else if (s.type === 'email') {
      if (!isEmail(value.toLowerCase())) problem = 'error_inv_email_for';
    } else if (s.type === 'domain-name') {
      // The pattern has no delimiters ("^…$"): preg_match warns and returns false, so every value is refused.
      problem = 'error_inv_domain_for';
    } else if (s.type === 'integer') {
      if (!FILTER_INT.test(value)) problem = 'error_inv_integer_for';
    } else if (s.type === 'float') {
      if (!FILTER_FLOAT.test(value)) problem = 'error_inv_float_for';
    } else if (s.type === 'boolean') {
      // Any value that is set reads 'true'; only a missing one is 'false'.
      post[s.id] = isset(s.id) ? 'true' : 'false';
    } else if (s.type === 'enum') {
      if (!(s.choices ?? []).some((c) => looseEquals(c.id, post[s.id]))) problem = 'error_inv_value_for';
    }
    if (problem === '') input.set(s.id, post[s.id]);
    else errors.push(problem);
  }
  return { input, errors: [...new Set(errors)] };
}

/** tools_sites->replacePrefix for the database prefixes, as the admin profile the remote API loads resolves them. */
function replacePrefix(call: IspCall, prefix: string, site: Row): string {
  if (prefix === '') return '';
  const client = () => str(queryOne(call, `SELECT client_id FROM ${t('sys_group')} WHERE groupid = ?`, site.sys_groupid)?.client_id) || '0';
  // inferred: convertClientName keeps lower-case letters and digits of the group name.
  const clientName = () => str(queryOne(call, `SELECT name FROM ${t('sys_group')} WHERE groupid = ?`, site.sys_groupid)?.name).toLowerCase().replace(/[^a-z0-9]/g, '') || 'default';
  return prefix.split('[CLIENTNAME]').join(prefix.includes('[CLIENTNAME]') ? clientName() : '').split('[CLIENTID]').join(prefix.includes('[CLIENTID]') ? client() : '').split('[DOMAINID]').join(str(site.domain_id));
}

function firstFree(call: IspCall, prefix: string, table: string, column: string): string {
  for (let n = 1; n <= 1000; n++) {
    const name = prefix !== '' ? `${prefix}aps${n}` : `aps${Date.now().toString(16)}${n}`;
    if (!queryOne(call, `SELECT 1 FROM ${t(table)} WHERE ${column} = ?`, name)) return name;
  }
  return `${prefix}aps1000`;
}

function createDatabase(call: IspCall, settings: Map<string, unknown>, site: Row): boolean {
  const sites = globalConfig(call).sites ?? {};
  const dbnamePrefix = replacePrefix(call, str(sites.dbname_prefix), site);
  const dbuserPrefix = replacePrefix(call, str(sites.dbuser_prefix), site);
  const server = queryOne(call, `SELECT server_id, db_server FROM ${t('server')} WHERE server_id = ?`, site.server_id);
  let dbServerId: number;
  let remoteAccess = 'n';
  let remoteIps = '';
  if (intval(server?.db_server) === 1) {
    dbServerId = intval(site.server_id);
    settings.set('main_database_host', 'localhost');
    // Chrooted PHP-FPM has no MySQL socket: a network connection instead.
    if (site.php_fpm_chroot === 'y') (settings.set('main_database_host', '127.0.0.1'), (remoteAccess = 'y'), (remoteIps = '127.0.0.1'));
  } else {
    const client = queryOne(call, `SELECT default_dbserver FROM ${t('sys_group')} g, ${t('client')} c WHERE g.client_id = c.client_id AND g.groupid = ?`, site.sys_groupid);
    if (!(intval(client?.default_dbserver) > 0) || looseEquals(client?.default_dbserver, site.server_id)) return false;
    dbServerId = intval(client!.default_dbserver);
    settings.set('main_database_host', str(serverConfig(call, dbServerId).server?.ip_address));
    remoteAccess = 'y';
    remoteIps = str(serverConfig(call, intval(site.server_id)).server?.ip_address);
  }
  if (empty(settings.get('main_database_name'))) settings.set('main_database_name', firstFree(call, dbnamePrefix, 'web_database', 'database_name'));
  if (empty(settings.get('main_database_login'))) settings.set('main_database_login', firstFree(call, dbuserPrefix, 'web_database_user', 'database_user'));
  const user = queryOne(call, `SELECT database_user_id FROM ${t('web_database_user')} WHERE database_user = ?`, str(settings.get('main_database_login')));
  const userId = user
    ? str(user.database_user_id)
    : String(
        insertSysRow(call, 'web_database_user', 'database_user_id', asRow({
          sys_userid: site.sys_userid, sys_groupid: site.sys_groupid, sys_perm_user: 'riud', sys_perm_group: site.sys_perm_group, sys_perm_other: '',
          server_id: 0, database_user: settings.get('main_database_login'), database_user_prefix: dbuserPrefix,
          database_password: mysqlPasswordHash(str(settings.get('main_database_password'))),
        })),
      );
  if (!queryOne(call, `SELECT 1 FROM ${t('web_database')} WHERE database_name = ?`, str(settings.get('main_database_name')))) {
    insertSysRow(call, 'web_database', 'database_id', asRow({
      sys_userid: site.sys_userid, sys_groupid: site.sys_groupid, sys_perm_user: 'riud', sys_perm_group: site.sys_perm_group, sys_perm_other: '',
      server_id: dbServerId, parent_domain_id: site.domain_id, type: 'mysql', database_name: settings.get('main_database_name'), database_name_prefix: dbnamePrefix,
      database_user_id: userId, database_ro_user_id: 0, database_charset: '', remote_access: remoteAccess, remote_ips: remoteIps,
      backup_copies: site.backup_copies, active: 'y', backup_interval: site.backup_interval,
    }));
  }
  return true;
}

function createPackageInstance(call: IspCall, settings: Map<string, unknown>, packageId: number, meta: ApsPackage): number | false {
  const site = queryOne(call, `SELECT * FROM ${t('web_domain')} WHERE domain = ?`, mainDomain(str(settings.get('main_domain'))));
  const serverId = site ? intval(site.server_id) : 0;
  if (!settings.size || !site || serverId === 0) return false;
  const customer = customerOf(call, mainDomain(str(settings.get('main_domain'))));
  // The application needs PHP as CGI with suexec (Apache) or PHP-FPM (nginx).
  if (serverConfig(call, serverId).web?.server_type === 'apache') {
    if ((site.php !== 'fast-cgi' || site.suexec !== 'y') && site.php !== 'php-fpm') datalogUpdate(call, 'web_domain', 'domain_id', str(site.domain_id), { php: 'fast-cgi', suexec: 'y' });
  } else if (site.php !== 'php-fpm' && site.php !== 'fast-cgi') datalogUpdate(call, 'web_domain', 'domain_id', str(site.domain_id), { php: 'php-fpm' });
  if (meta.database?.id && !createDatabase(call, settings, site)) return false;
  const id = insertSysRow(call, 'aps_instances', 'id', asRow({
    sys_userid: site.sys_userid, sys_groupid: site.sys_groupid, sys_perm_user: 'riud', sys_perm_group: site.sys_perm_group, sys_perm_other: '',
    server_id: serverId, customer_id: customer, package_id: packageId, instance_status: INSTANCE_PENDING,
  }));
  for (const [name, value] of settings) insertSysRow(call, 'aps_instances_settings', 'id', asRow({ server_id: serverId, instance_id: id, name, value }));
  datalogUpdate(call, 'aps_instances', 'id', id, { instance_status: INSTANCE_INSTALL });
  return id;
}

const installPackage: Handler = (ctx) => {
  const call = ispCall(ctx);
  advanceQueue(call);
  let id = ctx.args[1];
  if (id !== undefined && id !== null) {
    const newest = newestPackageId(call, id);
    if (newest !== 0) id = newest;
  }
  const { row, meta } = packageAndMeta(ctx, id);
  const details = packageDetails(row, meta);
  const params = isPhpArray(ctx.args[2]) ? { ...ctx.args[2] } : {};
  const noDomain = () => ispFault('invalid parameters', 'No valid domain given.');
  if (params.main_domain === undefined || params.main_domain === null) throw noDomain();
  const wanted = str(params.main_domain);
  const site = wanted.startsWith('www.')
    ? queryOne(call, `SELECT domain FROM ${t('web_domain')} WHERE domain = ? AND subdomain = 'www'`, wanted.slice(4))
    : queryOne(call, `SELECT domain FROM ${t('web_domain')} WHERE domain = ?`, wanted);
  if (!site) throw noDomain();
  const { input, errors } = validateInstallerInput(call, params, details, [str(site.domain)], meta.settings ?? []);
  if (errors.length) throw ispFault('invalid parameters', errors.join('<br />'));
  return createPackageInstance(call, input, intval(row.id), meta);
};

const instanceGet: Handler = (ctx) => {
  const call = ispCall(ctx);
  advanceQueue(call);
  // queryOneRecord: null when there is no such instance.
  return queryOne(call, `SELECT * FROM ${t('aps_instances')} WHERE id = ?`, intval(ctx.args[1])) ?? null;
};

const instanceSettingsGet: Handler = (ctx) => {
  const call = ispCall(ctx);
  advanceQueue(call);
  return queryAll(call, `SELECT * FROM ${t('aps_instances_settings')} WHERE instance_id = ? ORDER BY id`, intval(ctx.args[1]));
};

/** deleteInstance: the instance's database (and its user when nothing else uses it) go unless kept; the instance is queued for removal. */
const instanceDelete: Handler = (ctx) => {
  const call = ispCall(ctx);
  advanceQueue(call);
  const [, id, raw] = ctx.args;
  const instance = queryOne(call, `SELECT * FROM ${t('aps_instances')} WHERE id = ?`, str(id));
  if (!instance) throw ispFault('instance_error', 'No valid instance id given.');
  const keep = isPhpArray(raw) && raw.keep_database === true;
  if (!keep) {
    const db = queryOne(
      call,
      `SELECT d.database_id, d.database_user_id FROM ${t('aps_instances_settings')} s, ${t('web_database')} d WHERE s.value = d.database_name AND s.name = 'main_database_name' AND s.instance_id = ? LIMIT 1`,
      str(id),
    );
    if (intval(db?.database_id) > 0) datalogDelete(call, 'web_database', 'database_id', str(db!.database_id));
    const userId = db?.database_user_id ?? null;
    const users = queryOne(call, `SELECT COUNT(*) AS cnt FROM ${t('web_database')} WHERE database_user_id = ? OR database_ro_user_id = ?`, userId, userId);
    if (userId !== null && intval(users?.cnt) < 1) datalogDelete(call, 'web_database_user', 'database_user_id', userId);
  }
  datalogUpdate(call, 'aps_instances', 'id', str(instance.id), { instance_status: INSTANCE_REMOVE });
  return true;
};

export const apsHandlers: Record<string, Handler> = {
  sites_aps_update_package_list: updatePackageList,
  sites_aps_available_packages_list: availablePackagesList,
  sites_aps_get_package_details: getPackageDetails,
  sites_aps_get_package_file: getPackageFile,
  sites_aps_get_package_settings: getPackageSettings,
  sites_aps_change_package_status: changePackageStatus,
  sites_aps_install_package: installPackage,
  sites_aps_instance_get: instanceGet,
  sites_aps_instance_settings_get: instanceSettingsGet,
  sites_aps_instance_delete: instanceDelete,
};
