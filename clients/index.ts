// The reference clients, one per panel, and the admin API client: `mockpanel/clients`.
// Each panel's alone (its types without clashes): `mockpanel/clients/<panel>`.
export * from './cpanel/index.js';
export * from './gandi/index.js';
export * from './ispconfig/index.js';
export * from './webfaction/index.js';
export * from './whm/index.js';
// WebFaction and WHM both name a type `Account`; here WHM's is WhmAccount.
export type { Account } from './webfaction/index.js';
export type { Account as WhmAccount } from './whm/index.js';
export { MockpanelAdmin, MockpanelAdminError, type MockpanelAdminOptions, type JournalEntry } from './mockpanel-admin.js';
export { XmlRpcFault, XmlRpcTransport, type XmlRpcTransportOptions } from './transport/xmlrpc-transport.js';
