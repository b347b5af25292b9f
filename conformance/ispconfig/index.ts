import type { Scenario } from '../scenario.js';
import { apsScenarios } from './aps.js';
import { clientScenarios } from './clients.js';
import { dnsScenarios } from './dns.js';
import { evidenceReplay } from './evidence-replay.js';
import { extraScenarios } from './extras.js';
import { footgunScenarios } from './footguns.js';
import { mailScenarios } from './mail.js';
import { quotaScenarios } from './quota.js';
import { serverScenarios } from './servers.js';
import { sessionScenarios } from './sessions.js';
import { sitesScenarios } from './sites.js';

/** ISPConfig 3 conformance scenarios, written against clients/ispconfig only. */
export const scenarios: Scenario[] = [
  evidenceReplay,
  ...sessionScenarios,
  ...clientScenarios,
  ...sitesScenarios,
  ...dnsScenarios,
  ...mailScenarios,
  ...quotaScenarios,
  ...apsScenarios,
  ...serverScenarios,
  ...footgunScenarios,
  ...extraScenarios,
];
