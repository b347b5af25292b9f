import type { PanelId } from '../../../kernel/panel-id.js';
import type { SourceFile } from '../source-files.js';
import { distillGandi } from './gandi.js';
import { distillIspconfig } from './ispconfig.js';
import { distillWebfaction } from './webfaction.js';
import { distillWhm } from './whm.js';

/** Every panel's distiller: the workspace's seeds and research → that panel's fact file. */
export const DISTILLERS: Record<PanelId, (sharedDir: string) => SourceFile<unknown>> = {
  webfaction: distillWebfaction,
  gandi: distillGandi,
  ispconfig: distillIspconfig,
  whm: distillWhm,
};
