import type { Scenario } from '../scenario.js';
import { dnsScenarios } from './dns.js';

/** cPanel account-API (UAPI, API 2) conformance scenarios, written against clients/cpanel only. */
export const scenarios: Scenario[] = [...dnsScenarios];
