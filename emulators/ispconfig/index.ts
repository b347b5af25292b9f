import { loadContract, type Contract, type MethodContract } from '../../contracts/contract.js';
import type { Handler, PanelModule } from '../core/panel.js';
import type { DecodedCall } from '../protocol/codec.js';
import { createIspconfigJsonCodec } from '../protocol/ispconfig/json-codec.js';
import { createSoapCodec } from '../protocol/soap/codec.js';
import { ispconfigFaults } from './faults.js';
import { inspectIspconfig } from './findings.js';
import { buildHandlers } from './handlers.js';
import { migrations } from './schema/index.js';
import { whenKeyReady } from './engine/ssh-keygen.js';
import { describeIspconfigSeed, seedIspconfig } from './seed.js';
import { authenticate } from './session.js';
import { ISPCONFIG_SETTINGS } from './settings.js';

const soap = createSoapCodec();
const json = createIspconfigJsonCodec();

let contract: Contract | undefined;
let handlers: Record<string, Handler> | undefined;
const contractOf = () => (contract ??= loadContract('ispconfig'));

/**
 * How PHP binds a call the contract describes:
 * - SOAP (by position): arguments beyond the method's parameters are ignored
 *   (protocol.md §1: "Extra arguments are silently ignored").
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
  get handlers() {
    return (handlers ??= buildHandlers(contractOf()));
  },
  faults: ispconfigFaults,
  authenticate,
  // client_add stores a fresh RSA key pair: wait for one off the event loop. A body that merely mentions the name waits needlessly, never wrongly.
  prepare: (request) => (request.query.includes('client_add') || request.body.includes('client_add') ? whenKeyReady() : undefined),
  contractForCall,
  inspect: inspectIspconfig,
  settings: ISPCONFIG_SETTINGS,
  implementationOf: () => 'stateful',
};
