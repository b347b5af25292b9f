export { GandiClient, type AwaitOperationOptions, type GandiClientOptions } from './client.js';
export { GandiError, GandiOperationError } from './errors.js';
export type * from './types.js';
export type { GandiMethod, GandiParams, GandiReturns } from './methods.generated.js';
