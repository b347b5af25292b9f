import { loadContract, type Contract, type MethodContract } from '../../contracts/contract.js';
import type { MethodTable } from '../core/define-methods.js';
import type { PanelModule } from '../core/panel.js';
import type { DecodedCall } from '../protocol/codec.js';
import { createIspconfigJsonCodec } from '../protocol/ispconfig/json-codec.js';
import { createSoapCodec } from '../protocol/soap/codec.js';
import { IspCall } from './call.js';
import { ispconfigFaults } from './faults.js';
import { inspectIspconfig } from './findings.js';
import { adminMethods } from './methods/admin.js';
import { apsMethods } from './methods/aps.js';
import { clientMethods } from './methods/client.js';
import { crudMethods } from './methods/crud.js';
import { dnsMethods, dnsRecordMethods } from './methods/dns.js';
import { domainsMethods } from './methods/domains.js';
import { mailMethods } from './methods/mail.js';
import { monitorMethods } from './methods/monitor.js';
import { openvzMethods } from './methods/openvz.js';
import { quotaMethods } from './methods/quota.js';
import { serverMethods } from './methods/server.js';
import { sessionMethods } from './methods/session.js';
import { sitesMethods } from './methods/sites.js';
import { migrations } from './schema/index.js';
import { whenKeyReady } from './engine/ssh-keygen.js';
import { describeIspconfigSeed, seedIspconfig } from './seed.js';
import { authenticate } from './session.js';
import { ISPCONFIG_SETTINGS } from './settings.js';

const soap = createSoapCodec();
const json = createIspconfigJsonCodec();

let contract: Contract | undefined;
let methods: MethodTable<IspCall> | undefined;
const contractOf = () => (contract ??= loadContract('ispconfig'));

/**
 * Every contract method mockpanel emulates: a hand-written one where the
 * method is not plain CRUD, else the DNS record methods (serial bumps), else
 * the generic form-backed CRUD of the record store. A documented method
 * without one answers `mockpanel_not_implemented` through the dispatcher.
 */
function buildMethods(contract: Contract): MethodTable<IspCall> {
  const handWritten: MethodTable<IspCall> = {
    ...sessionMethods,
    ...clientMethods,
    ...dnsMethods,
    ...mailMethods,
    ...sitesMethods,
    ...serverMethods,
    ...adminMethods,
    ...monitorMethods,
    ...domainsMethods,
    ...openvzMethods,
    ...quotaMethods,
    ...apsMethods,
  };
  const known = new Set(contract.methods.map((m) => m.name));
  const stray = Object.keys(handWritten).filter((name) => !known.has(name));
  if (stray.length) throw new Error(`ispconfig: methods the contract does not have: ${stray.join(', ')}`);
  return { ...crudMethods(contract), ...dnsRecordMethods(contract), ...handWritten };
}

/**
 * How PHP binds a call the contract describes:
 * - SOAP (by position): arguments beyond the method's parameters are ignored
 *   (PHP drops arguments beyond a function's parameters).
 * - JSON (by name, PHP 8 named arguments through json_handler): a parameter
 *   the body leaves out or sends as null is null — neither the PHP default nor
 *   "Too few arguments" (ispconfig-json-codec.ts header, 3.2.11 json_handler).
 */
function contractForCall(method: MethodContract, call: DecodedCall): MethodContract {
  if (call.named !== undefined) {
    return { ...method, params: method.params.map((p) => ({ ...p, required: false, default: null })) };
  }
  if (call.args.length > method.params.length) {
    return { ...method, params: [...method.params, { name: '(ignored)', type: 'any', required: false, variadic: true }] };
  }
  return method;
}

/** ISPConfig 3.2.11's remote API over SOAP (`/remote/index.php`) and JSON (`/remote/json.php?<method>`). */
export const ispconfigPanel: PanelModule = {
  id: 'ispconfig',
  title: 'ISPConfig 3',
  // Loaded on first use so that importing the panel never reads files it does not need yet.
  get contract() {
    return contractOf();
  },
  paths: ['/remote/index.php', '/remote/json.php'],
  // SoapServer also answers a POST to the directory, where the web server serves index.php.
  route: (path) => (path === '/remote/index.php' || path === '/remote/' ? soap : path === '/remote/json.php' ? json : undefined),
  migrations,
  seed: (db, ctx) => seedIspconfig(db, ctx, contractOf()),
  describeSeed: describeIspconfigSeed,
  get methods() {
    return (methods ??= buildMethods(contractOf()));
  },
  newCall: (ctx) => new IspCall(ctx),
  faults: ispconfigFaults,
  authenticate,
  // client_add stores a fresh RSA key pair: wait for one off the event loop. A body that merely mentions the name waits needlessly, never wrongly.
  prepare: (request) => (request.query.includes('client_add') || request.body.includes('client_add') ? whenKeyReady() : undefined),
  contractForCall,
  inspect: inspectIspconfig,
  settings: ISPCONFIG_SETTINGS,
};
