import { defineMethods } from '../../core/define-methods.js';
import { XmlRpcDouble } from '../../protocol/xmlrpc/double.js';
import type { GandiCall } from '../call.js';
import { money } from '../money.js';
import { accountById } from '../store/accounts.js';

/** Seed 001 § Account methods. */
export const accountMethods = defineMethods<GandiCall>({
  account_currency: { run: (call) => accountById(call.db, call.accountId).currency },
  // Documented as a double: a whole balance still goes out as <double>.
  account_balance: { run: (call) => new XmlRpcDouble(money(accountById(call.db, call.accountId).balance_cents)) },
});
