import { loadContract } from '../../contracts/contract.js';
import type { Handler, PanelModule } from '../core/panel.js';
import { createXmlRpcCodec } from '../protocol/xmlrpc/codec.js';
import { renderingErrors } from './call.js';
import { FAULT_STYLE_SETTING, webfactionFaults } from './faults.js';
import { applicationHandlers } from './methods/applications.js';
import { certificateAndUsageHandlers } from './methods/certificates-and-usage.js';
import { cronHandlers } from './methods/cron.js';
import { databaseHandlers } from './methods/databases.js';
import { dnsHandlers } from './methods/dns.js';
import { emailHandlers } from './methods/email.js';
import { fileHandlers } from './methods/files.js';
import { generalHandlers } from './methods/general.js';
import { miscellaneousHandlers } from './methods/miscellaneous.js';
import { shellUserAndServerHandlers } from './methods/shell-users-and-servers.js';
import { websiteAndDomainHandlers } from './methods/websites-and-domains.js';
import { webfactionMigrations } from './schema.js';
import { describeWebfactionSeed, seedWebfaction } from './seed.js';
import { authenticate, contractForCall, DEFAULT_SESSION_SECONDS, SESSION_SECONDS_SETTING } from './session.js';

// The real API answered XML-RPC at the root of https://api.webfaction.com/ (seed examples; realworld.md §1.1).
const codec = createXmlRpcCodec();

const handlers: Record<string, Handler> = {
  ...generalHandlers,
  ...emailHandlers,
  ...websiteAndDomainHandlers,
  ...applicationHandlers,
  ...cronHandlers,
  ...dnsHandlers,
  ...databaseHandlers,
  ...fileHandlers,
  ...shellUserAndServerHandlers,
  ...miscellaneousHandlers,
  ...certificateAndUsageHandlers,
};

/** The WebFaction XML-RPC API: every method of the seed, stateful, plus the version-2 surface real clients call. */
export const webfactionPanel: PanelModule = {
  id: 'webfaction',
  title: 'WebFaction',
  contract: loadContract('webfaction'),
  paths: ['/'],
  route: (path) => (path === '/' || path === '' ? codec : undefined),
  migrations: webfactionMigrations,
  seed: seedWebfaction,
  describeSeed: describeWebfactionSeed,
  handlers,
  faults: webfactionFaults,
  authenticate: renderingErrors(authenticate),
  contractForCall,
  settings: {
    // 'legacy' (the seed's era: `<class 'webfaction_api.exceptions.DataError'>:[u'…']`) or 'modern' (`LoginError`, `DataError: …`).
    [FAULT_STYLE_SETTING]: 'legacy',
    [SESSION_SECONDS_SETTING]: DEFAULT_SESSION_SECONDS,
  },
  implementationOf: () => 'stateful',
};
