// The reference clients, one per panel as they land, and the admin API client: `mockpanel/clients`.
export * from './gandi/index.js';
export * from './webfaction/index.js';
export { MockpanelAdmin, MockpanelAdminError, type MockpanelAdminOptions, type JournalEntry } from './mockpanel-admin.js';
export { XmlRpcFault, XmlRpcTransport, type XmlRpcTransportOptions } from './transport/xmlrpc-transport.js';
