import type { Scenario } from '../scenario.js';
import { accessScenarios } from './access.js';
import { accountsMiscScenarios } from './accounts-misc.js';
import { accountScenarios } from './accounts.js';
import { archiveScenarios } from './archives.js';
import { chainScenarios } from './chains.js';
import { dnsMailScenarios } from './dns-mail.js';
import { familyScenarios } from './families.js';
import { fidelityScenario } from './fidelity.js';
import { jobScenarios } from './jobs.js';
import { operationScenarios } from './operations.js';
import { dnsScenarios, packageScenarios } from './packages-dns.js';
import { serviceScenarios } from './services.js';
import { sessionScenarios } from './session-login.js';
import { sslServiceScenarios } from './ssl-services.js';

/** cPanel WHM API 1 conformance scenarios, written against clients/whm only. */
export const scenarios: Scenario[] = [
  ...accountScenarios,
  ...packageScenarios,
  ...dnsScenarios,
  ...accessScenarios,
  ...sessionScenarios,
  ...chainScenarios,
  ...familyScenarios,
  ...serviceScenarios,
  ...dnsMailScenarios,
  ...accountsMiscScenarios,
  ...sslServiceScenarios,
  ...operationScenarios,
  ...archiveScenarios,
  ...jobScenarios,
  fidelityScenario,
];
