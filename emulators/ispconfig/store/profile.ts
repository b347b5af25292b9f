import { prepare } from '../../../state/database.js';
import { sqlName } from '../schema/index.js';
import type { RecordScope, Profile } from './scope.js';
import { intval } from '../engine/php.js';

interface SysUserRow {
  userid: number | string;
  username: string;
  default_group: string;
  groups: string | null;
  client_id: string;
}

/** `loadUserProfile($client_id)`, see {@link Profile}. */
export function loadProfile(call: RecordScope, clientIdParam: unknown): Profile {
  let clientId: number;
  let typ: Profile['typ'] = 'admin';
  if (call.session?.clientLogin) {
    const row = prepare<[number], { client_id: string }>(
      call.db,
      `SELECT c.client_id FROM ${sqlName('sys_user')} u JOIN ${sqlName('client')} c ON u.client_id = c.client_id WHERE u.userid = ?`,
    ).get(call.session.remoteUserId);
    clientId = row ? Number(row.client_id) : 0;
    typ = 'user';
  } else {
    clientId = intval(clientIdParam);
  }
  if (clientId === 0) return { clientId: 0, userid: 1, defaultGroup: 1, groups: '1', username: 'admin', typ };
  const user = sysUserOfClient(call, clientId);
  return {
    clientId,
    userid: user ? Number(user.userid) : null,
    defaultGroup: user ? Number(user.default_group) : null,
    groups: user?.groups ?? '',
    username: user?.username ?? '',
    typ,
  };
}

export function sysUserOfClient(call: RecordScope, clientId: number): SysUserRow | undefined {
  return prepare<[number], SysUserRow>(call.db, `SELECT * FROM ${sqlName('sys_user')} WHERE client_id = ? ORDER BY userid LIMIT 1`).get(clientId);
}

/**
 * `getAuthSQL($perm)`: '1' for the admin; for a client login, rows the user
 * owns with `perm` in sys_perm_user, rows of its groups with `perm` in
 * sys_perm_group, or rows with `perm` in sys_perm_other.
 */
export function authSql(profile: Profile, perm: 'r' | 'u' | 'd'): { sql: string; params: unknown[] } {
  if (profile.typ === 'admin') return { sql: '1', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  if ((profile.userid ?? 0) > 0) {
    parts.push(`(sys_userid = ? AND sys_perm_user LIKE '%${perm}%')`);
    params.push(String(profile.userid));
  }
  const groups = profile.groups
    .split(',')
    .map((g) => intval(g))
    .filter((g) => g > 0);
  if (groups.length) {
    parts.push(`(sys_groupid IN (${groups.map(() => '?').join(', ')}) AND sys_perm_group LIKE '%${perm}%')`);
    params.push(...groups.map(String));
  }
  parts.push(`sys_perm_other LIKE '%${perm}%'`);
  return { sql: `(${parts.join(' OR ')})`, params };
}
