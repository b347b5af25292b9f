// `mockpanel/testing`: test helpers for any runner (node:test, jest, mocha, plain node). Nothing here imports a
// test framework; `mockpanel/vitest` builds its fixture and global setup on these.
export { startMockpanel, type StartedMockpanel } from './start.js';
export { createTestWorld, MockpanelWorld, type TestWorldOptions } from './world.js';
export type { PanelClients } from './panel-clients.js';
export { seededCredentials } from '../seeded-credentials.js';
