import type { Scenario } from '../scenario.js';
import { applicationCronDnsScenarios } from './applications-cron-dns.js';
import { databaseScenarios } from './databases.js';
import { emailScenarios } from './email.js';
import { fileAndShellScenarios } from './files-and-shell.js';
import { generalScenarios } from './general.js';
import { siteLifeCycle } from './life-cycle.js';
import { versionTwoScenarios } from './version-2.js';
import { websiteAndDomainScenarios } from './websites-and-domains.js';

/** WebFaction conformance scenarios, written against clients/webfaction only, runnable against any target. */
export const scenarios: Scenario[] = [
  siteLifeCycle,
  ...generalScenarios,
  ...websiteAndDomainScenarios,
  ...emailScenarios,
  ...applicationCronDnsScenarios,
  ...databaseScenarios,
  ...fileAndShellScenarios,
  ...versionTwoScenarios,
];
