import { loadContract } from '../../contracts/contract.js';
import type { PanelModule } from '../core/panel.js';
import { createXmlRpcCodec } from '../protocol/xmlrpc/codec.js';
import { WfCall } from './call.js';
import { dispatcherFaults, renderFault } from './faults.js';
import { applicationMethods } from './methods/applications.js';
import { certificateAndUsageMethods } from './methods/certificates-and-usage.js';
import { cronMethods } from './methods/cron.js';
import { databaseMethods } from './methods/databases.js';
import { dnsMethods } from './methods/dns.js';
import { emailMethods } from './methods/email.js';
import { fileMethods } from './methods/files.js';
import { generalMethods } from './methods/general.js';
import { miscellaneousMethods } from './methods/miscellaneous.js';
import { shellUserAndServerMethods } from './methods/shell-users-and-servers.js';
import { websiteAndDomainMethods } from './methods/websites-and-domains.js';
import { webfactionMigrations } from './schema.js';
import { describeWebfactionSeed, seedWebfaction } from './seed.js';
import { authenticate, contractForCall, DEFAULT_SESSION_SECONDS } from './session.js';

// The real API answered XML-RPC at the root of https://api.webfaction.com/ (seed examples; every public client hard-codes it).
const codec = createXmlRpcCodec();
const contract = loadContract('webfaction');

/** The WebFaction XML-RPC API: every method of the seed, stateful, plus the version-2 surface real clients call. */
export const webfactionPanel: PanelModule = {
  id: 'webfaction',
  title: 'WebFaction',
  contract,
  paths: ['/'],
  route: (path) => (path === '/' || path === '' ? codec : undefined),
  migrations: webfactionMigrations,
  seed: seedWebfaction,
  describeSeed: describeWebfactionSeed,
  methods: {
    ...generalMethods,
    ...emailMethods,
    ...websiteAndDomainMethods,
    ...applicationMethods,
    ...cronMethods,
    ...dnsMethods,
    ...databaseMethods,
    ...fileMethods,
    ...shellUserAndServerMethods,
    ...miscellaneousMethods,
    ...certificateAndUsageMethods,
  },
  newCall: (ctx) => new WfCall(ctx),
  // WebfactionErrors and file-system errors (as Python's IOError) in the world's fault style.
  toFault: (error, call) => renderFault(error, (call as WfCall).faultStyle()),
  faults: dispatcherFaults,
  authenticate(ctx) {
    try {
      authenticate(ctx);
    } catch (error) {
      throw renderFault(error, new WfCall(ctx).faultStyle()) ?? error;
    }
  },
  contractForCall,
  // The list_ methods and their login check only read (read-only.test.ts drives each on a query_only connection).
  readOnlyMethods: new Set(contract.methods.map((m) => m.name).filter((name) => name.startsWith('list_'))),
  settings: {
    // 'legacy' (the seed's era: `<class 'webfaction_api.exceptions.DataError'>:[u'…']`) or 'modern' (`LoginError`, `DataError: …`).
    faultStyle: 'legacy',
    sessionSeconds: DEFAULT_SESSION_SECONDS,
  },
};
