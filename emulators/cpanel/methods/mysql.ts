import { defineMethods } from '../../core/define-methods.js';
import { accountFunction } from '../account-functions.js';
import type { CpanelCall } from '../call.js';

/*
 * MySQL databases, users and grants, UAPI (and API 2 MysqlFE), over WHM's
 * whm_mysql_* rows (what WHM's list_mysql_databases_and_users reads).
 *   UAPI  https://api.docs.cpanel.net/openapi/cpanel/operation/<function>/ (create_database, set_privileges_on_database…)
 *   API 2 https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-modules-mysqlfe/
 */
export const mysqlMethods = defineMethods<CpanelCall>({
  'Mysql::create_database': accountFunction('Mysql', 'create_database'),
  'Mysql::delete_database': accountFunction('Mysql', 'delete_database'),
  'Mysql::rename_database': accountFunction('Mysql', 'rename_database'),
  'Mysql::list_databases': accountFunction('Mysql', 'list_databases'),
  'Mysql::create_user': accountFunction('Mysql', 'create_user'),
  'Mysql::delete_user': accountFunction('Mysql', 'delete_user'),
  'Mysql::rename_user': accountFunction('Mysql', 'rename_user'),
  'Mysql::set_password': accountFunction('Mysql', 'set_password'),
  'Mysql::list_users': accountFunction('Mysql', 'list_users'),
  'Mysql::set_privileges_on_database': accountFunction('Mysql', 'set_privileges_on_database'),
  'Mysql::revoke_access_to_database': accountFunction('Mysql', 'revoke_access_to_database'),
  'Mysql::get_privileges_on_database': accountFunction('Mysql', 'get_privileges_on_database'),
  'API2::MysqlFE::listdbs': accountFunction('Mysql', 'list_databases', { api2: true }),
  'API2::MysqlFE::createdb': accountFunction('Mysql', 'create_database', { api2: true, rename: (a) => ({ name: a.db ?? a.name }) }),
  'API2::MysqlFE::deletedb': accountFunction('Mysql', 'delete_database', { api2: true, rename: (a) => ({ name: a.db ?? a.name }) }),
  'API2::MysqlFE::listusers': accountFunction('Mysql', 'list_users', { api2: true }),
  'API2::MysqlFE::createdbuser': accountFunction('Mysql', 'create_user', { api2: true, rename: (a) => ({ name: a.dbuser ?? a.name, password: a.password }) }),
  'API2::MysqlFE::deletedbuser': accountFunction('Mysql', 'delete_user', { api2: true, rename: (a) => ({ name: a.dbuser ?? a.name }) }),
  'API2::MysqlFE::setdbuserprivileges': accountFunction('Mysql', 'set_privileges_on_database', {
    api2: true,
    rename: (a) => ({ user: a.dbuser, database: a.db, privileges: a.privileges }),
  }),
});
