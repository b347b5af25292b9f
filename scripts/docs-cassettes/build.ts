/**
 * Builds the docs cassettes in fixtures/docs/ from the documents' own examples:
 *
 *   npm run gen:docs                                        # all panels
 *   MOCKPANEL_DOCS_PANELS=whm,gandi npm run gen:docs        # some
 *
 * WHM's need ../shared/research/whm/whm-api.json (or MOCKPANEL_SHARED) and are
 * skipped, saying so, without it. Then run `npm run gen:docs-drift` and review.
 */
import { PANEL_IDS, type PanelId } from '../../kernel/panel-id.js';
import { buildPanelDocs, WHM_REFERENCE, writePanelDocs } from './build-docs.js';

const panels = process.env.MOCKPANEL_DOCS_PANELS ? (process.env.MOCKPANEL_DOCS_PANELS.split(',') as PanelId[]) : PANEL_IDS;
for (const panel of panels) {
  const cassettes = buildPanelDocs(panel);
  if (cassettes) writePanelDocs(panel, cassettes);
  else console.log(`${panel}: skipped — ${WHM_REFERENCE} is absent (set MOCKPANEL_SHARED to the research folder's parent)`);
}
