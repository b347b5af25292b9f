// The cPanel account-API reference client: UAPI and cPanel API 2 over the wire only.
export { CpanelClient, type CpanelClientOptions, type CpanelParams, type CpanelParamValue } from './client.js';
export { CpanelError, type CpanelErrorCode } from './errors.js';
export type * from './types.js';
