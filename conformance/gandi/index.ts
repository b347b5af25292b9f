import type { Scenario } from '../scenario.js';
import { diskScenarios } from './disks.js';
import { operationScenarios } from './operations.js';
import { productScenarios } from './products.js';
import { sessionScenarios } from './sessions.js';
import { userCase } from './user-case.js';
import { vmScenarios } from './vms.js';

/** Gandi Hosting 1.0 conformance scenarios, written against clients/gandi only. */
export const scenarios: Scenario[] = [userCase, ...sessionScenarios, ...productScenarios, ...vmScenarios, ...diskScenarios, ...operationScenarios];
