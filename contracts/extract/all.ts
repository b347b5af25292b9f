import type { PanelId } from '../../kernel/panel-id.js';
import type { Contract } from '../contract.js';
import { extractCpanel } from './cpanel.js';
import { extractGandi } from './gandi.js';
import { extractIspconfig } from './ispconfig.js';
import { extractWebfaction } from './webfaction.js';
import { extractWhm } from './whm.js';

/** Every panel's extractor, keyed by panel id: the panel's fact file (contracts/sources by default) → its contract. */
export const EXTRACTORS: Record<PanelId, (sourcesDir?: string) => Contract> = {
  webfaction: extractWebfaction,
  gandi: extractGandi,
  ispconfig: extractIspconfig,
  whm: extractWhm,
  cpanel: extractCpanel,
};
