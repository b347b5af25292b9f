import type { CallContext } from '../core/panel.js';
import { GandiCall } from './call.js';
import { faults } from './faults.js';
import { settleOperations } from './operations.js';
import { safeModeStrict } from './settings.js';
import { sessionById } from './store/sessions.js';

/** Who a call acts as: set on `ctx.session` by {@link authenticate}. */
export interface GandiSession {
  id: string;
  /** The account that logged in. */
  loginId: number;
  /** The account whose objects the call works on (the `su` target, else the login). */
  accountId: number;
  safe: boolean;
}

/** Methods that change something: refused to a safe-mode session when the world's safe mode is strict. */
function writes(call: GandiCall): boolean {
  const tags = call.ctx.method.tags ?? [];
  return tags.includes('returns-operation-id') || tags.includes('returns-object-id') || call.method === 'operation_cancel';
}

/** Resolves the session argument, then brings the world's operations up to its clock. */
export function authenticate(ctx: CallContext): void {
  const call = new GandiCall(ctx);
  const row = sessionById(call.db, call.string('session'));
  if (!row) throw faults.unknownSession();
  if (row.expires_at <= call.now()) throw faults.expiredSession();
  const s: GandiSession = { id: row.id, loginId: row.login_id, accountId: row.acting_id, safe: row.safe === 1 };
  if (s.safe && writes(call) && safeModeStrict(call.setting('safeMode'))) throw faults.safeMode();
  ctx.session = s;
  settleOperations(call.world, call.db);
}
