/**
 * Per-world settings of the ISPConfig emulator and their defaults: the world
 * setting `ispconfig.<name>` (`PATCH /_admin/worlds/:id/settings`), read by
 * handlers as `call.setting('<name>')`.
 */
export const ISPCONFIG_SETTINGS = {
  /**
   * MySQL strict mode (`STRICT_TRANS_TABLES`, MariaDB's default). Off, as the
   * usual install guides configure it: values MySQL cannot store are coerced
   * ('' into an ENUM is ''). On, they raise `database_error`, e.g.
   * `dns_a_add` without `type` (its form default 'A' is never applied by the API: tform_base.inc.php, 3.2.11; the recorded run).
   */
  mysqlStrict: false,
  /** What `server_get_app_version` reports for the panel (a 3.2.11 release tarball says "3.2.11"). */
  appVersion: '3.2.11',
  /**
   * Extra remote users, created or updated at the next login:
   * `[{username, password, functions?: 'all' | string[], remoteIps?, remoteAccess?}]`.
   */
  remoteUsers: undefined as unknown,
  /**
   * What the servers' monitor jobs and log parsers measured, for the quota reports (`IspUsage` in
   * methods/quota.ts): `{disk, mail, databases, webTraffic, ftpTraffic}`. Unset: a fresh server's (nothing measured).
   */
  usage: undefined as unknown,
  /**
   * The APS catalogue `sites_aps_update_package_list` crawls (`ApsPackage[]` in engine/aps-catalogue.ts).
   * Unset: the default catalogue (two WordPress versions and DokuWiki).
   */
  apsCatalogue: undefined as unknown,
};
