import type { PanelId } from '../../../kernel/panel-id.js';
import type { SourceFile } from '../source-files.js';
import { distillGandi } from './gandi.js';
import { distillIspconfig } from './ispconfig.js';
import { distillWebfaction } from './webfaction.js';
import { distillWhm } from './whm.js';

/**
 * The panels whose facts come from the workspace's seeds and research. The cPanel account APIs have no seed
 * document: their facts are the hand-kept table in contracts/extract/cpanel.ts, one public doc URL per function.
 */
export type DistilledPanel = Exclude<PanelId, 'cpanel'>;

/** Every distilled panel's distiller: the workspace's seeds and research → that panel's fact file. */
export const DISTILLERS: Record<DistilledPanel, (sharedDir: string) => SourceFile<unknown>> = {
  webfaction: distillWebfaction,
  gandi: distillGandi,
  ispconfig: distillIspconfig,
  whm: distillWhm,
};

/** The panels with a fact file under contracts/sources/. */
export const DISTILLED_PANELS = Object.keys(DISTILLERS) as DistilledPanel[];
