// The package entry point (`mockpanel`): the emulators as a library. In-process use: `mockpanel/msw`;
// vitest: `mockpanel/vitest`; the reference clients: `mockpanel/clients`.
export { createMockpanel, PANELS, type MockpanelOptions } from './emulators/mockpanel.js';
export type { Core } from './emulators/core/dispatcher.js';
export { PANEL_IDS, isPanelId, type PanelId } from './kernel/panel-id.js';
export type { PanelRequest, PanelResponse, TransportEffect } from './emulators/core/types.js';
export { startServer, type ListenerInfo, type RunningServer, type ServerOptions } from './emulators/server/http-server.js';
export { seededCredentials } from './emulators/seeded-credentials.js';
export type { WorldRegistry } from './state/world-registry.js';
export type { World } from './state/world.js';
export { panelFetch, type InProcessOptions } from './emulators/in-process.js';
