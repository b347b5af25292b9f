import type { CallContext, Handler } from '../../core/panel.js';
import {
  catalogueFrom, INSTANCE_ERROR, INSTANCE_INSTALL, INSTANCE_REMOVE, INSTANCE_SUCCESS, PACKAGE_ENABLED, PACKAGE_ERROR_NOMETA, PACKAGE_LOCKED, PACKAGE_OUTDATED,
  packagePath, type ApsPackage,
} from '../engine/aps-catalogue.js';
import { packageDetails, packageSettings, utf8EncodeAll } from '../engine/aps-metadata.js';
import type { IspCall } from '../engine/context.js';
import type { Row } from '../engine/datalog.js';
import { intval, isPhpArray, looseEquals, str } from '../engine/php.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { ispFault, phpError } from '../faults.js';
import { sqlName as t } from '../schema/index.js';
import { ispCall } from '../session.js';
import { asRow, createPackageInstance, datalogDelete, datalogUpdate, validateInstallerInput } from './aps-install.js';
import { insertSysRow } from './client.js';

// The APS installer of the remote API: interface/lib/classes/remote.d/aps.inc.php, aps_guicontroller.inc.php,
// aps_crawler.inc.php and aps_base.inc.php (interface), server/lib/classes/aps_installer.inc.php (server), all
// ISPConfig 3.2.11 (AVENTER-UG/ispconfig3@3.2.11). The catalogue the crawler would download is the world's
// (engine/aps-catalogue.ts), what the GUI controller reads from it engine/aps-metadata.ts, the installer's checks and
// writes methods/aps-install.ts; the server's installer runs on the world's clock (see advanceQueue).

function catalogueOf(ctx: CallContext): ApsPackage[] {
  return catalogueFrom(ctx.world.setting<unknown>('ispconfig.apsCatalogue'));
}

function metaOf(ctx: CallContext, path: unknown): ApsPackage | undefined {
  return catalogueOf(ctx).find((p) => packagePath(p) === str(path));
}

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
