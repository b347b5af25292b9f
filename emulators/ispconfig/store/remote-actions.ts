import type { DB } from '../../../state/database.js';
import { sqlName as t } from '../schema/index.js';
import type { Row } from './datalog.js';
import { exec, queryOne } from './sql.js';

// sys_remoteaction: what the panel queues for a server daemon (backup restores, VM starts…), and the backups it acts on.

/** Queues an action for a server; the daemon picks it up (mockpanel runs none, so it stays pending). */
export function queueRemoteAction(db: DB, serverId: unknown, now: number, action: string, param: string): void {
  exec(
    db,
    `INSERT INTO ${t('sys_remoteaction')} (server_id, tstamp, action_type, action_param, action_state, response) VALUES (?, ?, ?, ?, 'pending', '')`,
    serverId,
    now,
    action,
    param,
  );
}

/** A pending action of that type for that parameter. */
export function pendingAction(db: DB, param: string, action: string): Row | undefined {
  return queryOne(db, `SELECT action_id FROM ${t('sys_remoteaction')} WHERE action_param = ? AND action_type = ? AND action_state = 'pending'`, param, action);
}

/** How many actions of that type for that server and parameter are pending. */
export function pendingActionCount(db: DB, serverId: unknown, action: string, param: unknown): number {
  const row = queryOne(
    db,
    `SELECT count(action_id) AS n FROM ${t('sys_remoteaction')} WHERE server_id = ? AND action_type = ? AND action_param = ? AND action_state = 'pending'`,
    serverId,
    action,
    param,
  );
  return Number(row?.n);
}

/** The server a web or mail backup lives on. */
export function backupServer(db: DB, table: 'web_backup' | 'mail_backup', backupId: string): Row | undefined {
  return queryOne(db, `SELECT server_id FROM ${t(table)} WHERE backup_id = ?`, backupId);
}
