export { WebfactionClient, type DnsRecords, type EmailOptions, type MailboxOptions, type WebfactionClientOptions } from './client.js';
export { parsePythonStringList, parseWebfactionFault, WebfactionError, type ParsedFault, type WebfactionErrorCode } from './errors.js';
export type * from './types.js';
export type { WebfactionMethod, WebfactionParams, WebfactionReturns } from './methods.generated.js';
