import { loadContract, type MethodContract } from '../../contracts/contract.js';
import type { PanelFaults } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';

/*
 * Gandi's faults: faultCode = qualification (1 digit) · object (3) · cause (2),
 * strings `DataError: <text> [<element>: <value>]` and `ServerError: <text>`
 * (the 1.0 error-codes page, wiki.gandi.net api-xml/docs/domain/error-codes;
 * the seeds link to that section but lack it).
 *
 * Faults the contract lists take their code and string from it. The rest are
 * composed here from the contract's scheme tables (object and cause by name,
 * so a typo cannot invent a code) with our own wording: all inferred, none
 * was ever observed for the hosting methods.
 */

const CONTRACT = loadContract('gandi');

/** The contract's fault strings by code, each code with one string. */
const LISTED = (() => {
  const byCode = new Map<number, string>();
  const listed = [...(CONTRACT.faults ?? []), ...CONTRACT.methods.flatMap((m: MethodContract) => m.faults ?? [])];
  for (const f of listed) {
    const code = Number(f.code);
    const seen = byCode.get(code);
    if (seen !== undefined && seen !== f.string) throw new Error(`gandi contract: fault ${code} has two strings`);
    byCode.set(code, f.string);
  }
  return byCode;
})();

/** The `{name}` placeholders of a fault string template. */
type Placeholders<S extends string> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;

/** Builds one fault from the values its string names (none: no argument). */
export type GandiFaultMaker<K extends string> = ([K] extends [never] ? () => PanelFault : (values: Record<K, unknown>) => PanelFault) & {
  readonly code: number;
  readonly template: string;
  /** True for a code composed here from the scheme (inferred), false for one the contract lists. */
  readonly inferredHere: boolean;
};

const placeholdersOf = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function maker<K extends string>(code: number, template: string, inferredHere: boolean): GandiFaultMaker<K> {
  const make = (values: Record<string, unknown> = {}) => new PanelFault(code, fill(template, values));
  return Object.assign(make, { code, template, inferredHere }) as unknown as GandiFaultMaker<K>;
}

/**
 * A fault the contract lists, by code, naming the values its string takes:
 * checked once at load, so a regenerated contract that changes a string's
 * placeholders fails here rather than on the wire.
 */
function listed<const K extends string[]>(code: number, ...names: K): GandiFaultMaker<K[number]> {
  const template = LISTED.get(code);
  if (template === undefined) throw new Error(`gandi faults: ${code} is not in the contract`);
  if (placeholdersOf(template).join() !== [...names].sort().join()) {
    throw new Error(`gandi faults: ${code} "${template}" names other values than ${names.join(', ') || 'none'}`);
  }
  return maker(code, template, false);
}

/** inferred: a data fault composed from the contract's scheme by object and cause name, with our own wording. */
function composed<const S extends string>(object: string, cause: string, template: S): GandiFaultMaker<Placeholders<S>> {
  const data = CONTRACT.faultScheme!.tables['5'];
  const digits = (table: Record<string, string>, name: string, what: string) => {
    const hit = Object.entries(table).find(([, v]) => v === name);
    if (!hit) throw new Error(`gandi faults: ${what} "${name}" is not in the contract's fault scheme`);
    return hit[0];
  };
  return maker(Number(`5${digits(data.objects, object, 'object')}${digits(data.causes, cause, 'cause')}`), template, true);
}

/** Fills `{name}` placeholders; a missing value is a bug in the caller, not something to send half-written. */
function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`gandi fault template "${template}" needs "${key}"`);
    return String(values[key]);
  });
}

const internal = listed(150000);

/** Every fault the Gandi emulator raises: handlers `throw faults.unknownVm({ vm_id })`. */
export const faults = {
  // From the contract. Observed: faultCode 1, `Method "x" is not supported` (pickabee/gandi spec/gandi/connection_spec.rb).
  unknownMethod: listed(1, 'method'),
  // The wrong-password fault echoes the password: the 1.0 error page's own example.
  badPassword: listed(500130, 'password'),
  unknownLogin: listed(500340, 'login'),
  unknownSession: listed(500240),
  expiredSession: listed(500249),
  unknownVm: listed(530240, 'vm_id'),
  vmNotHalted: listed(530268, 'vm_id'),
  unknownOs: listed(530540, 'os_id'),
  notEnoughShares: listed(530935, 'shares'),
  unknownDisk: listed(530440, 'disk_id'),
  badFstype: listed(530430, 'fstype'),
  diskAttached: listed(530439, 'disk_id'),
  diskNotAttached: listed(530498, 'disk_id'),
  badProductName: listed(535130, 'product_name'),
  unknownProduct: listed(535140, 'product_id'),
  fixedShares: listed(535160, 'product_id'),
  unknownOperation: listed(510240, 'opid'),
  notCancellable: listed(510260, 'opid'),
  badStateFilter: listed(525030, 'state'),
  internal,
  // inferred: composed from the scheme, our wording.
  safeMode: composed('session', 'noright', 'DataError: a safe mode session cannot do this, su to a handle first [session: safe]'),
  suNotAllowed: composed('login', 'noright', 'DataError: not allowed to su to this handle [handle: {handle}]'),
  suUnknownHandle: composed('login', 'dontexist', 'DataError: account does not exist [handle: {handle}]'),
  notEnoughMoney: composed('account', 'not_enough_money', 'DataError: not enough money on the prepaid account for {cost} {currency} [balance: {balance}]'),
  badProductValue: composed('hosting_product', 'value', 'DataError: invalid value for {element} [{element}: {value}]'),
  sameQuantity: composed('hosting_product', 'identical', 'DataError: the product already has this quantity [quantity: {quantity}]'),
  sharesInUse: composed('hosting_product', 'quota_reached', 'DataError: VMs use more shares than the account would keep [shares: {shares}]'),
  diskSpaceInUse: composed('hosting_product', 'quota_reached', 'DataError: disks use more space than the account would keep [size: {size}]'),
  badVmValue: composed('vm', 'value', 'DataError: invalid value for {element} [{element}: {value}]'),
  badSharesValue: composed('vm_shares', 'value', 'DataError: invalid value for shares [shares: {shares}]'),
  vmState: composed('vm', 'state', 'DataError: vm is {state} [vm_id: {vm_id}]'),
  vmNothingToUpdate: composed('vm', 'nothing_to_update', 'DataError: nothing to update [specs: {specs}]'),
  badDiskValue: composed('disk', 'value', 'DataError: invalid value for {element} [{element}: {value}]'),
  notEnoughDisk: composed('disk', 'quota_reached', 'DataError: not enough disk space available [size: {size}]'),
  vmBusy: composed('vm', 'pending', 'DataError: operation {opid} on this vm is {opstate} [vm_id: {vm_id}]'),
  diskBusy: composed('disk', 'pending', 'DataError: operation {opid} on this disk is {opstate} [disk_id: {disk_id}]'),
  productBusy: composed('hosting_product', 'pending', 'DataError: operation {opid} on this product is {opstate} [product_id: {product_id}]'),
  badTypeFilter: composed('operation_type', 'value', 'DataError: invalid value for type [type: {type}]'),
  badDateFilter: composed('date', 'type', 'DataError: invalid type for {element} [{element}: {value}]'),
  unknownField: composed('struct', 'badparameter', 'DataError: unknown field in {param} [{element}: {value}]'),
  missingField: composed('struct', 'expected', 'DataError: missing field in {param} [{element}: ]'),
  fieldType: composed('struct', 'type', 'DataError: invalid type for {element} [{element}: {value}]'),
  // The dispatcher's argument checks. 500037 unknown/badparameter was seen from a later Gandi API
  // for a bad parameter (gandi.cli issue #269).
  badArguments: composed('unknown', 'badparameter', 'DataError: {problem} [{element}: {value}]'),
  // inferred: unreadable requests get faultCode 1 like an unknown method, both being the dispatcher's answers.
  protocol: (detail: string) => new PanelFault(1, detail, { origin: 'protocol' }),
  // mockpanel's own problems, under Gandi's generic server error code.
  notImplemented: (method: string) => new PanelFault(internal.code, `ServerError: mockpanel does not emulate ${method}`, { origin: 'mockpanel' }),
  misconfigured: (key: string, expected: string, value: unknown) =>
    new PanelFault(internal.code, `ServerError: mockpanel setting ${key} must be ${expected}, not ${JSON.stringify(value)}`, { origin: 'mockpanel' }),
};

type CatalogueName = { [K in keyof typeof faults]: (typeof faults)[K] extends { code: number } ? K : never }[keyof typeof faults];

/** Every catalogued fault's code and string template, for the README and tests. */
export function gandiFaultCatalogue(): Record<CatalogueName, { code: number; template: string; inferredHere: boolean }> {
  const entries = Object.entries(faults).filter(([, f]) => 'code' in f) as [CatalogueName, GandiFaultMaker<string>][];
  return Object.fromEntries(entries.map(([k, f]) => [k, { code: f.code, template: f.template, inferredHere: f.inferredHere }])) as Record<
    CatalogueName,
    { code: number; template: string; inferredHere: boolean }
  >;
}

/** The answers to problems found before a handler runs. */
export const gandiDispatcherFaults: PanelFaults = {
  unknownMethod: (method) => faults.unknownMethod({ method }),
  badArguments: (_method, problem) => {
    const m = /argument "([^"]+)"/.exec(problem) ?? /missing required argument "([^"]+)"/.exec(problem);
    return faults.badArguments({ problem, element: m?.[1] ?? 'arguments', value: '' });
  },
  protocol: faults.protocol,
  internal: () => faults.internal(),
  notImplemented: faults.notImplemented,
  // Injected faults: the expired-session fault authenticate raises, and Gandi's generic server error for a busy API.
  sessionExpired: () => faults.expiredSession(),
  rateLimited: () => faults.internal(),
};
