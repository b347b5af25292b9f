import { loadContract } from '../../contracts/contract.js';
import type { Handler, PanelModule } from '../core/panel.js';
import { createXmlRpcCodec } from '../protocol/xmlrpc/codec.js';
import { gandiDispatcherFaults } from './faults.js';
import { accountMethods } from './methods/account.js';
import { diskMethods } from './methods/disk.js';
import { hostingAccountMethods } from './methods/hosting-account.js';
import { operationMethods } from './methods/operations.js';
import { osMethods } from './methods/os.js';
import { vmMethods } from './methods/vm.js';
import { gandiMigrations } from './schema.js';
import { describeGandiSeed, seedGandi } from './seed.js';
import { authenticate, login, su } from './session.js';
import { GANDI_SETTINGS } from './settings.js';

// One codec: the real server was Python-era XML-RPC, never sending <nil/> (research/webfaction-gandi/summary.md §4).
const codec = createXmlRpcCodec();

/**
 * Seed 001 samples use https://api.gandi.net/hosting/, seed 003 samples
 * /xmlrpc/ (research/webfaction-gandi/gandi.json endpoints): both answer.
 * inferred: without the trailing slash too.
 */
const PATHS = ['/hosting/', '/xmlrpc/'];
const ROUTES = new Set([...PATHS, ...PATHS.map((p) => p.slice(0, -1))]);

const handlers: Record<string, Handler> = {
  login,
  su,
  ...accountMethods,
  ...hostingAccountMethods,
  ...vmMethods,
  ...diskMethods,
  ...osMethods,
  ...operationMethods,
};

/** Gandi Hosting XML-RPC API 1.0: sessions, products, VMs, disks and asynchronous operations. */
export const gandiPanel: PanelModule = {
  id: 'gandi',
  title: 'Gandi Hosting 1.0',
  contract: loadContract('gandi'),
  paths: PATHS,
  route: (path) => (ROUTES.has(path) ? codec : undefined),
  migrations: gandiMigrations,
  seed: seedGandi,
  describeSeed: describeGandiSeed,
  handlers,
  faults: gandiDispatcherFaults,
  authenticate,
  settings: GANDI_SETTINGS,
  implementationOf: () => 'stateful',
};
