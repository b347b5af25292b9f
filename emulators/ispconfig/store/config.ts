import { prepare } from '../../../state/database.js';
import { sqlName } from '../schema/index.js';
import type { RecordScope } from './scope.js';
import { parseIni } from '../engine/php.js';

export type IniConfig = Record<string, Record<string, string>>;

/** `getconf->get_global_config()`: sys_ini row 1's config as sections of strings. */
export function globalConfig(call: RecordScope): IniConfig {
  const row = prepare<[], { config: string | null }>(call.db, `SELECT config FROM ${sqlName('sys_ini')} WHERE sysini_id = 1`).get();
  return parseIni(row?.config ?? '');
}

/** `getconf->get_server_config($id)`: a server's config ini, empty when the server does not exist. */
export function serverConfig(call: RecordScope, serverId: number): IniConfig {
  const row = prepare<[number], { config: string | null }>(call.db, `SELECT config FROM ${sqlName('server')} WHERE server_id = ?`).get(serverId);
  return parseIni(row?.config ?? '');
}
