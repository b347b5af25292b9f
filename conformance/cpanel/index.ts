import type { Scenario } from '../scenario.js';
import { accountScenarios } from './account.js';
import { dnsScenarios } from './dns.js';
import { serviceScenarios } from './services.js';

/** cPanel account-API (UAPI, API 2) conformance scenarios, written against clients/cpanel only. */
export const scenarios: Scenario[] = [...dnsScenarios, ...accountScenarios, ...serviceScenarios];
