// The ISPConfig 3 reference client: `mockpanel/clients` (ispconfig).
export { IspconfigClient, type IspconfigClientOptions, type DnsRecordType } from './client.js';
export { AuthError, FaultError, IspconfigError, NotFoundError, PermissionError, TransportError, type IspconfigErrorKind } from './errors.js';
export { jsonTransport, soapTransport, faultCodeOf, type IspconfigArgument, type IspconfigTransport } from './transport.js';
export type { IspFilter, IspParams, IspRecord, IspStruct } from './types.js';
