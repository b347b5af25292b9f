import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import {
  catalogueFrom,
  INSTANCE_ERROR,
  INSTANCE_REMOVE,
  INSTANCE_SUCCESS,
  PACKAGE_ENABLED,
  PACKAGE_ERROR_NOMETA,
  PACKAGE_LOCKED,
  PACKAGE_OUTDATED,
  packagePath,
  type ApsPackage,
} from '../engine/aps-catalogue.js';
import { packageDetails, packageSettings, utf8EncodeAll } from '../engine/aps-metadata.js';
import { intval, isPhpArray, looseEquals, str } from '../engine/php.js';
import { faults } from '../faults.js';
import {
  allPackages,
  availablePackages,
  databaseUserUses,
  datalogDelete,
  datalogUpdate,
  enabledVersionsOf,
  instance,
  instanceDatabase,
  instanceSettings,
  instanceSite,
  lastQueuedAt,
  packageByPath,
  packagePaths,
  queuedInstances,
  removeInstance,
  setInstanceStatus,
  setPackageStatus,
  siteNamed,
  usablePackage,
} from '../store/aps.js';
import { datalogInsert, type Row } from '../store/datalog.js';
import { asRow, createPackageInstance, validateInstallerInput } from './aps-install.js';

// The APS installer of the remote API: interface/lib/classes/remote.d/aps.inc.php, aps_guicontroller.inc.php,
// aps_crawler.inc.php and aps_base.inc.php (interface), server/lib/classes/aps_installer.inc.php (server), all
// ISPConfig 3.2.11 (AVENTER-UG/ispconfig3@3.2.11). The catalogue the crawler would download is the world's
// (engine/aps-catalogue.ts), what the GUI controller reads from it engine/aps-metadata.ts, the installer's checks and
// writes methods/aps-install.ts; the server's installer runs on the world's clock (see advanceQueue).

function catalogueOf(call: IspCall): ApsPackage[] {
  return catalogueFrom(call.setting<unknown>('apsCatalogue'));
}

function metaOf(call: IspCall, path: unknown): ApsPackage | undefined {
  return catalogueOf(call).find((p) => packagePath(p) === str(path));
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
  for (const inst of queuedInstances(call.db)) {
    if (call.now() < nextCronRun(intval(lastQueuedAt(call.db, inst.id)))) continue;
    if (intval(inst.instance_status) === INSTANCE_REMOVE) {
      // aps_installer: the files go, then both rows (a plain query, no change queued).
      removeInstance(call.db, inst.id);
      continue;
    }
    // The installer needs the website it installs into; inferred: without it the install fails (INSTANCE_ERROR).
    setInstanceStatus(call.db, inst.id, instanceSite(call.db, inst.id) ? INSTANCE_SUCCESS : INSTANCE_ERROR);
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

function updatePackageList(call: IspCall): true {
  const catalogue = catalogueOf(call);
  // startCrawler: every older version of a name already registered is tagged outdated.
  const rows = allPackages(call.db);
  const byName = new Map<string, Row[]>();
  for (const row of rows) byName.set(str(row.name), [...(byName.get(str(row.name)) ?? []), row]);
  for (const versions of byName.values()) {
    for (const row of versions.sort(newestFirst).slice(1)) {
      if (intval(row.package_status) === PACKAGE_OUTDATED) continue;
      setPackageStatus(call.db, row.id, PACKAGE_OUTDATED);
      datalogUpdate(call, 'aps_packages', 'id', str(row.id), { package_status: PACKAGE_OUTDATED });
    }
  }
  // parseFolderToDB: registered packages that left the catalogue lose their metadata, new ones are registered.
  const paths = new Set(catalogue.map(packagePath));
  const known = new Set(packagePaths(call.db));
  for (const path of known) {
    if (paths.has(path)) continue;
    const row = packageByPath(call.db, path);
    if (row) datalogUpdate(call, 'aps_packages', 'id', str(row.id), { package_status: PACKAGE_ERROR_NOMETA });
  }
  for (const pkg of catalogue) {
    const path = packagePath(pkg);
    if (known.has(path)) continue;
    if (!pkg.name || !pkg.category || !pkg.version || str(pkg.release) === '' || !pkg.packageUrl) continue;
    datalogInsert(
      call,
      'aps_packages',
      'id',
      asRow({
        path,
        name: pkg.name,
        category: pkg.category,
        version: pkg.version,
        release: pkg.release,
        package_url: pkg.packageUrl,
        package_status: PACKAGE_ENABLED,
      }),
    );
  }
  return true;
}

function availablePackagesList(call: IspCall): Row[] {
  const raw = call.param('params');
  const params = isPhpArray(raw) ? raw : {};
  const all = params.all_packages !== undefined && params.all_packages !== null && looseEquals(params.all_packages, true);
  return availablePackages(call.db, all);
}

// ---------------------------------------------------------------------------------------------------------------
// Package checks and metadata (ApsGUIController)

/** `preg_match('/^[0-9]+$/', $id)`: PHP 8 refuses an array subject. */
function digitsOnly(id: unknown): boolean {
  if (isPhpArray(id) || Array.isArray(id)) throw faults.pregMatchArray();
  return /^[0-9]+$/.test(str(id));
}

/** getNewestPackageID: the newest enabled version of the same name, or 0. */
function newestPackageId(call: IspCall, id: unknown): number {
  if (!digitsOnly(id)) return 0;
  const rows = enabledVersionsOf(call.db, str(id));
  const newest = rows.sort(newestFirst)[0];
  return newest && !looseEquals(id, newest.id) ? intval(newest.id) : 0;
}

/** The checks every package method starts with; `isset($primary_id)` and isValidPackageID($id, true). */
function validPackage(call: IspCall, id: unknown): Row {
  const invalid = () => faults.packageError('The given Package ID is not valid.');
  if (id === undefined || id === null) throw invalid();
  if (!digitsOnly(id)) throw invalid();
  const row = usablePackage(call.db, str(id));
  if (!row) throw invalid();
  return row;
}

function packageAndMeta(call: IspCall, id: unknown): { row: Row; meta: ApsPackage } {
  const row = validPackage(call, id);
  const meta = metaOf(call, row.path);
  // getPackageDetails without an APP-META.xml (a package that left the catalogue after it was registered).
  if (!meta) throw faults.packageError(`The metafile for ${str(row.name)} couldn't be found`);
  return { row, meta };
}

// The details, file and settings methods call getNewestPackageID($pkg_id) with an undefined variable: the
// newest-version lookup never applies there (remote.d/aps.inc.php), only in sites_aps_install_package.

function getPackageDetails(call: IspCall): unknown {
  const { row, meta } = packageAndMeta(call, call.param('primary_id'));
  const details = utf8EncodeAll(packageDetails(row, meta)) as Record<string, unknown>;
  // "Special handling for license-text because of too much problems with soap-transport"
  details['License content'] = Buffer.from(str(details['License content']), 'latin1').toString('base64');
  return details;
}

function getPackageFile(call: IspCall): string {
  const { row, meta } = packageAndMeta(call, call.param('primary_id'));
  const details = packageDetails(row, meta);
  const filename = call.param('filename');
  const base = (p: unknown) => str(p).split('/').pop();
  const screens = Array.isArray(details.Screenshots) ? (details.Screenshots as { ScreenPath: string }[]) : [];
  const found = looseEquals(base(details.Icon), filename) || screens.some((s) => looseEquals(base(s.ScreenPath), filename));
  if (!found) throw faults.packageError('File not found in package.');
  // base64_encode(file_get_contents(…)): a file the package lacks reads as false, which encodes as ''.
  const content = meta.files?.[str(filename)];
  return content ? Buffer.from(content, 'base64').toString('base64') : '';
}

function changePackageStatus(call: IspCall): true {
  const id = call.param('primary_id');
  const raw = call.param('params');
  validPackage(call, id);
  const params = isPhpArray(raw) ? raw : {};
  const status = params.package_status;
  if (status === undefined || status === null || (!looseEquals(status, PACKAGE_ENABLED) && !looseEquals(status, PACKAGE_LOCKED))) {
    throw faults.packageError(`Wrong new status: ${str(status)}`);
  }
  setPackageStatus(call.db, intval(id), str(status));
  return true;
}

function installPackage(call: IspCall): unknown {
  advanceQueue(call);
  let id = call.param('primary_id');
  if (id !== undefined && id !== null) {
    const newest = newestPackageId(call, id);
    if (newest !== 0) id = newest;
  }
  const { row, meta } = packageAndMeta(call, id);
  const details = packageDetails(row, meta);
  const raw = call.param('params');
  const params = isPhpArray(raw) ? { ...raw } : {};
  const noDomain = () => faults.invalidParameters('No valid domain given.');
  if (params.main_domain === undefined || params.main_domain === null) throw noDomain();
  const wanted = str(params.main_domain);
  const site = wanted.startsWith('www.') ? siteNamed(call.db, wanted.slice(4), true) : siteNamed(call.db, wanted);
  if (!site) throw noDomain();
  const { input, errors } = validateInstallerInput(call, params, details, [str(site.domain)], meta.settings ?? []);
  if (errors.length) throw faults.invalidParameters(errors.join('<br />'));
  return createPackageInstance(call, input, intval(row.id), meta);
}

/** deleteInstance: the instance's database (and its user when nothing else uses it) go unless kept; the instance is queued for removal. */
function instanceDelete(call: IspCall): true {
  advanceQueue(call);
  const id = call.param('primary_id');
  const raw = call.param('params');
  const inst = instance(call.db, str(id));
  if (!inst) throw faults.instanceError();
  const keep = isPhpArray(raw) && raw.keep_database === true;
  if (!keep) {
    const db = instanceDatabase(call.db, str(id));
    if (intval(db?.database_id) > 0) datalogDelete(call, 'web_database', 'database_id', str(db!.database_id));
    const userId = db?.database_user_id ?? null;
    if (userId !== null && databaseUserUses(call.db, userId) < 1) datalogDelete(call, 'web_database_user', 'database_user_id', userId);
  }
  datalogUpdate(call, 'aps_instances', 'id', str(inst.id), { instance_status: INSTANCE_REMOVE });
  return true;
}

export const apsMethods = defineMethods<IspCall>({
  sites_aps_update_package_list: { run: updatePackageList },
  sites_aps_available_packages_list: { run: availablePackagesList },
  sites_aps_get_package_details: { run: getPackageDetails },
  sites_aps_get_package_file: { run: getPackageFile },
  sites_aps_get_package_settings: { run: (call) => utf8EncodeAll(packageSettings(packageAndMeta(call, call.param('primary_id')).meta)) },
  sites_aps_change_package_status: { run: changePackageStatus },
  sites_aps_install_package: { run: installPackage },
  sites_aps_instance_get: {
    run(call) {
      advanceQueue(call);
      // queryOneRecord: null when there is no such instance.
      return instance(call.db, intval(call.param('primary_id'))) ?? null;
    },
  },
  sites_aps_instance_settings_get: {
    run(call) {
      advanceQueue(call);
      return instanceSettings(call.db, intval(call.param('primary_id')));
    },
  },
  sites_aps_instance_delete: { run: instanceDelete },
});
