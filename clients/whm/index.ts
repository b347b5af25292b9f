export { listOptionParams, WhmClient, type CallOptions, type WhmAuth, type WhmClientOptions, type WhmParams, type WhmParamValue } from './client.js';
export { WhmApiError, WhmError, type WhmErrorCode } from './errors.js';
export type * from './types.js';
export type { WhmFunctionName, WhmFunctionParams } from './functions.generated.js';
