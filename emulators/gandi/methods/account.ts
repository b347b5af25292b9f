import type { Handler } from '../../core/panel.js';
import { XmlRpcDouble } from '../../protocol/xmlrpc/double.js';
import { account, money } from '../account.js';
import { session } from '../session.js';

/** Seed 001 § Account methods. */
export const accountMethods: Record<string, Handler> = {
  account_currency: (ctx) => account(ctx.db, session(ctx).accountId).currency,
  // Documented as a double: a whole balance still goes out as <double>.
  account_balance: (ctx) => new XmlRpcDouble(money(account(ctx.db, session(ctx).accountId).balance_cents)),
};
