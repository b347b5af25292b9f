import type { CallContext, PanelModule } from '../core/panel.js';
import type { AccountRow } from './store/accounts.js';

/** Which cPanel account API a passthrough names: UAPI or cPanel API 2. */
export type AccountApi = 'uapi' | 'api2';

/**
 * The cPanel account APIs as WHM's `uapi_cpanel` and `cpanel` passthroughs
 * reach them (seed 004, "cpanel", "uapi_cpanel"). WHM does not import the
 * cPanel panel (panels do not know each other): the door that puts the
 * panels together (emulators/mockpanel.ts) hands the cPanel panel's
 * functions in, and without them WHM serves only its own Email and Mysql.
 */
export interface AccountApis {
  /** True when the function is served (documented and implemented). */
  has(api: AccountApi, module: string, fn: string): boolean;
  /** Runs the function as `account`; returns its whole envelope (`{apiversion: 3, func, module, result}` or `{cpanelresult: {…}}`), a failure included. */
  serve(parent: CallContext, account: AccountRow, api: AccountApi, module: string, fn: string, args: Record<string, unknown>): Record<string, unknown>;
}

/** The WHM panel module, with the cPanel account APIs when the panels are put together. */
export interface WhmPanelModule extends PanelModule {
  accountApis?: AccountApis;
}
