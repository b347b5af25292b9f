import type { DB } from '../../../state/database.js';

/** Who a session belongs to, set by `authenticate` from the `remote_session` row. */
export interface IspSession {
  id: string;
  /** remote_user.remote_userid, or sys_user.userid for a client login. */
  remoteUserId: number;
  clientLogin: boolean;
  /** The remote user's function list (`;` and `,` separated names); empty for client logins. */
  functions: ReadonlySet<string>;
}

/**
 * What the record store needs from a call: the world's database and clock,
 * the MySQL mode and the caller (whose client login limits what it sees and
 * names it in sys_datalog). `RecordScope` is one; a test may pass a plain object.
 */
export interface RecordScope {
  readonly db: DB;
  /** World time in Unix seconds. */
  now(): number;
  /** MySQL strict mode (setting `ispconfig.mysqlStrict`): refused values raise `database_error` instead of being coerced. */
  readonly strict: boolean;
  readonly session?: IspSession;
}

/**
 * `remoting_lib->loadUserProfile($client_id)`: the identity writes are made
 * as. Client 0 is the admin (userid 1, group 1); another client acts as its
 * sys_user; a client-login session always acts as its own client whatever
 * client_id the call names (remoting_lib.inc.php loadUserProfile, 3.2.11).
 */
export interface Profile {
  clientId: number;
  /** null when client_id names no sys_user (3.2.11 carries on with empty owner values). */
  userid: number | null;
  defaultGroup: number | null;
  groups: string;
  username: string;
  /** 'admin' sees every row; 'user' (client logins) is limited by ownership. */
  typ: 'admin' | 'user';
}
