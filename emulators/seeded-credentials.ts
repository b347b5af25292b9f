import { SEED_LOGIN as CPANEL } from './cpanel/seed-login.js';
import { SEED_LOGIN as GANDI } from './gandi/seed-login.js';
import { SEED_LOGIN as ISPCONFIG } from './ispconfig/seed-login.js';
import { SEED_LOGIN as WEBFACTION } from './webfaction/seed-login.js';
import { SEED_LOGIN as WHM } from './whm/seed-login.js';
import type { PanelId } from '../kernel/panel-id.js';

// Each panel's seed reads the same small data file, so the credentials are kept once.
const SEED_LOGINS: Record<PanelId, { username: string; password: string; token?: string }> = {
  webfaction: WEBFACTION,
  gandi: GANDI,
  ispconfig: ISPCONFIG,
  whm: WHM,
  cpanel: CPANEL,
};

/**
 * The seeded default world's logins: the documents' own example credentials,
 * so their samples run unmodified.
 *
 * @example
 * const { username, password } = seededCredentials('webfaction'); // widgetsco / widgetsrock
 */
export function seededCredentials(panel: PanelId): { username: string; password: string; token?: string } {
  return { ...SEED_LOGINS[panel] };
}
