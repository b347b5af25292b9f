import type { PanelId } from '../../kernel/panel-id.js';
import { loadContract } from '../../contracts/contract.js';
import { generateGandiFaultTables } from './gandi-fault-tables.js';
import { generateIspconfig } from './ispconfig.js';
import { generatePositional } from './positional.js';
import { generateWhm } from './whm.js';

/** A generated client file: its path from the repository root and its text, made from one panel's committed contract. */
export interface GeneratedClientFile {
  path: string;
  panel: PanelId;
  generate: () => string;
}

/** Every generated file under clients/: what npm run gen:clients writes and test/clients/generated.test.ts checks. */
export const GENERATED_CLIENT_FILES: GeneratedClientFile[] = [
  {
    path: 'clients/webfaction/methods.generated.ts',
    panel: 'webfaction',
    generate: () => generatePositional(loadContract('webfaction'), 'Webfaction', 'scripts/client-types/positional.ts'),
  },
  {
    path: 'clients/gandi/methods.generated.ts',
    panel: 'gandi',
    generate: () => generatePositional(loadContract('gandi'), 'Gandi', 'scripts/client-types/positional.ts'),
  },
  { path: 'clients/gandi/fault-tables.generated.ts', panel: 'gandi', generate: () => generateGandiFaultTables(loadContract('gandi')) },
  { path: 'clients/ispconfig/methods.generated.ts', panel: 'ispconfig', generate: () => generateIspconfig(loadContract('ispconfig')) },
  { path: 'clients/whm/functions.generated.ts', panel: 'whm', generate: () => generateWhm(loadContract('whm')) },
];
