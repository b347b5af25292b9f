import { loadContract } from '../../contracts/contract.js';
import type { PanelModule } from '../core/panel.js';
import { createXmlRpcCodec } from '../protocol/xmlrpc/codec.js';
import { GandiCall } from './call.js';
import { gandiDispatcherFaults } from './faults.js';
import { accountMethods } from './methods/account.js';
import { diskMethods } from './methods/disk.js';
import { hostingAccountMethods } from './methods/hosting-account.js';
import { operationMethods } from './methods/operations.js';
import { osMethods } from './methods/os.js';
import { sessionMethods } from './methods/session.js';
import { vmMethods } from './methods/vm.js';
import { gandiMigrations } from './schema.js';
import { describeGandiSeed, seedGandi } from './seed.js';
import { authenticate } from './session.js';
import { GANDI_SETTINGS } from './settings.js';

// One codec: the real server was Python-era XML-RPC, never sending <nil/> (Ruby clients broke on it: pickabee/gandi commit 8e544a5).
const codec = createXmlRpcCodec();

/**
 * Seed 001 samples use https://api.gandi.net/hosting/, seed 003 samples
 * /xmlrpc/: both answer. inferred: without the trailing slash too.
 */
const PATHS = ['/hosting/', '/xmlrpc/'];
const ROUTES = new Set([...PATHS, ...PATHS.map((p) => p.slice(0, -1))]);

/** Gandi Hosting XML-RPC API 1.0: sessions, products, VMs, disks and asynchronous operations. Every method is stateful. */
export const gandiPanel: PanelModule = {
  id: 'gandi',
  title: 'Gandi Hosting 1.0',
  contract: loadContract('gandi'),
  paths: PATHS,
  route: (path) => (ROUTES.has(path) ? codec : undefined),
  migrations: gandiMigrations,
  seed: seedGandi,
  describeSeed: describeGandiSeed,
  methods: {
    ...sessionMethods,
    ...accountMethods,
    ...hostingAccountMethods,
    ...vmMethods,
    ...diskMethods,
    ...osMethods,
    ...operationMethods,
  },
  newCall: (ctx) => new GandiCall(ctx),
  faults: gandiDispatcherFaults,
  authenticate,
  settings: GANDI_SETTINGS,
};
