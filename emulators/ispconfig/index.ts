import { loadContract, type Contract } from '../../conformance/contracts/contract.js';
import type { PanelModule } from '../core/panel.js';
import { ispconfigFaults } from './faults.js';

let contract: Contract | undefined;

/** ISPConfig 3.2.11's remote API over SOAP (`/remote/index.php`) and JSON (`/remote/json.php?<method>`). */
export const ispconfigPanel: PanelModule = {
  id: 'ispconfig',
  title: 'ISPConfig 3',
  // Loaded on first use so that importing the panel never fails before its contract is generated.
  get contract() {
    return (contract ??= loadContract('ispconfig'));
  },
  paths: ['/remote/index.php', '/remote/json.php'],
  route: () => undefined,
  migrations: [],
  seed: () => undefined,
  describeSeed: () => [],
  handlers: {},
  faults: ispconfigFaults,
};
