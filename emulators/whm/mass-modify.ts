import { isPanelFault } from '../core/panel-fault.js';
import { WhmReply, whmReply } from '../protocol/whm/json-codec.js';
import { inTransaction } from '../../state/database.js';
import { authorize } from './auth.js';
import { WhmCall } from './call.js';
import { whm, type WhmFunctions } from './define.js';
import { whmFail } from './faults.js';
import { accountFunctions } from './functions/accounts.js';
import { reasons } from './reasons.js';

// The per-user list convention: `user-0`, `user-1`… (seed 004, massmodifyacct, the `user` examples), or `user` repeated or alone.
const NUMBERED_USER = /^user-\d+$/;

/** The call as modifyacct would get it for one of the users: `user` set, the numbered `user-N` keys gone. */
function callFor(call: WhmCall, user: string): WhmCall {
  const only = (record: Record<string, unknown>) => Object.fromEntries([...Object.entries(record).filter(([k]) => !NUMBERED_USER.test(k)), ['user', user]]);
  const ctx = call.ctx;
  return new WhmCall({ ...ctx, params: only(ctx.params), call: { ...ctx.call, named: only(ctx.call.named ?? {}) } });
}

/**
 * massmodifyacct: modifyacct's changes applied to each listed user, each in
 * its own savepoint, with one `data.payload` entry per user in the
 * documented sample's shapes: `{extended: {cpuser, domain, setshell, user},
 * messages, reason: "Account Modified", result: 1, user, warnings}`, or
 * `{reason, result: 0, user}` for a user that could not be modified. Any
 * failure makes the call answer `result: 0` with the sample's reason
 * "Failed to modify one or more users.", keeping the others' changes.
 */
function massmodifyacct(call: WhmCall): unknown {
  const users = call.list('user');
  if (!users.length) throw whmFail(reasons.missingParameter('user'));
  const modify = accountFunctions.modifyacct;
  const payload: Record<string, unknown>[] = [];
  let failed = false;
  for (const user of users) {
    const single = callFor(call, user);
    try {
      const out = inTransaction(call.db, () => {
        authorize(single, modify.acl);
        return modify.run(single);
      });
      const reply = out instanceof WhmReply ? out.options : { data: out };
      const output = (reply.metadata?.output ?? {}) as { messages?: string[]; warnings?: string[] };
      payload.push({ extended: reply.data, messages: output.messages ?? [], reason: reply.reason ?? 'OK', result: 1, user, warnings: output.warnings ?? [] });
    } catch (error) {
      if (!isPanelFault(error)) throw error;
      failed = true;
      payload.push({ reason: error.faultString, result: 0, user });
    }
  }
  const metadata = { messages: [], warnings: [] };
  if (failed) throw whmFail('Failed to modify one or more users.', { data: { payload }, metadata, keepChanges: true });
  return whmReply({ data: { payload }, metadata });
}

export const massModifyFunctions: WhmFunctions = {
  massmodifyacct: whm('edit-account', massmodifyacct),
};
