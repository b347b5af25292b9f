import { loadContract, type Contract, type MethodContract } from '../../contracts/contract.js';
import type { PanelFaults } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';

/*
 * Gandi's faults: faultCode = qualification (1 digit) · object (3) · cause (2),
 * strings `DataError: <text> [<element>: <value>]` and `ServerError: <text>`
 * (research/webfaction-gandi/gandi.json error_codes, recovered from the 1.0
 * error-codes page; the seeds link to that section but lack it).
 *
 * Faults the contract lists take their code and string from it. The rest are
 * composed here from the contract's scheme tables (object and cause by name,
 * so a typo cannot invent a code) with our own wording: all inferred, none
 * was ever observed for the hosting methods.
 */

type ContractFault = { code: number };
type ComposedFault = { object: string; cause: string; string: string };
type Entry = ContractFault | ComposedFault;

const CATALOGUE = {
  // From the contract.
  unknownMethod: { code: 1 },
  badPassword: { code: 500130 },
  unknownLogin: { code: 500340 },
  unknownSession: { code: 500240 },
  expiredSession: { code: 500249 },
  unknownVm: { code: 530240 },
  vmNotHalted: { code: 530268 },
  unknownOs: { code: 530540 },
  notEnoughShares: { code: 530935 },
  unknownDisk: { code: 530440 },
  badFstype: { code: 530430 },
  diskAttached: { code: 530439 },
  diskNotAttached: { code: 530498 },
  badProductName: { code: 535130 },
  unknownProduct: { code: 535140 },
  fixedShares: { code: 535160 },
  unknownOperation: { code: 510240 },
  notCancellable: { code: 510260 },
  badStateFilter: { code: 525030 },
  internal: { code: 150000 },
  // inferred: composed from the scheme, our wording.
  safeMode: { object: 'session', cause: 'noright', string: 'DataError: a safe mode session cannot do this, su to a handle first [session: safe]' },
  suNotAllowed: { object: 'login', cause: 'noright', string: 'DataError: not allowed to su to this handle [handle: {handle}]' },
  suUnknownHandle: { object: 'login', cause: 'dontexist', string: 'DataError: account does not exist [handle: {handle}]' },
  notEnoughMoney: { object: 'account', cause: 'not_enough_money', string: 'DataError: not enough money on the prepaid account for {cost} {currency} [balance: {balance}]' },
  badProductValue: { object: 'hosting_product', cause: 'value', string: 'DataError: invalid value for {element} [{element}: {value}]' },
  sameQuantity: { object: 'hosting_product', cause: 'identical', string: 'DataError: the product already has this quantity [quantity: {quantity}]' },
  sharesInUse: { object: 'hosting_product', cause: 'quota_reached', string: 'DataError: VMs use more shares than the account would keep [shares: {shares}]' },
  diskSpaceInUse: { object: 'hosting_product', cause: 'quota_reached', string: 'DataError: disks use more space than the account would keep [size: {size}]' },
  badVmValue: { object: 'vm', cause: 'value', string: 'DataError: invalid value for {element} [{element}: {value}]' },
  badSharesValue: { object: 'vm_shares', cause: 'value', string: 'DataError: invalid value for shares [shares: {shares}]' },
  vmState: { object: 'vm', cause: 'state', string: 'DataError: vm is {state} [vm_id: {vm_id}]' },
  vmNothingToUpdate: { object: 'vm', cause: 'nothing_to_update', string: 'DataError: nothing to update [specs: {specs}]' },
  badDiskValue: { object: 'disk', cause: 'value', string: 'DataError: invalid value for {element} [{element}: {value}]' },
  notEnoughDisk: { object: 'disk', cause: 'quota_reached', string: 'DataError: not enough disk space available [size: {size}]' },
  vmBusy: { object: 'vm', cause: 'pending', string: 'DataError: operation {opid} on this vm is {opstate} [vm_id: {vm_id}]' },
  diskBusy: { object: 'disk', cause: 'pending', string: 'DataError: operation {opid} on this disk is {opstate} [disk_id: {disk_id}]' },
  productBusy: { object: 'hosting_product', cause: 'pending', string: 'DataError: operation {opid} on this product is {opstate} [product_id: {product_id}]' },
  badTypeFilter: { object: 'operation_type', cause: 'value', string: 'DataError: invalid value for type [type: {type}]' },
  badDateFilter: { object: 'date', cause: 'type', string: 'DataError: invalid type for {element} [{element}: {value}]' },
  unknownField: { object: 'struct', cause: 'badparameter', string: 'DataError: unknown field in {param} [{element}: {value}]' },
  missingField: { object: 'struct', cause: 'expected', string: 'DataError: missing field in {param} [{element}: ]' },
  fieldType: { object: 'struct', cause: 'type', string: 'DataError: invalid type for {element} [{element}: {value}]' },
  // The dispatcher's argument checks. 500037 unknown/badparameter was seen from a later Gandi API
  // for a bad parameter (research/webfaction-gandi/realworld.md §2.2, gandi.cli issue #269).
  badArguments: { object: 'unknown', cause: 'badparameter', string: 'DataError: {problem} [{element}: {value}]' },
} satisfies Record<string, Entry>;

export type GandiFaultName = keyof typeof CATALOGUE;

interface Resolved {
  code: number;
  template: string;
}

/** Code and string template of every catalogue entry, checked against the contract once. */
function resolve(contract: Contract): Record<GandiFaultName, Resolved> {
  const byCode = new Map<number, string>();
  const listed = [...(contract.faults ?? []), ...contract.methods.flatMap((m: MethodContract) => m.faults ?? [])];
  for (const f of listed) {
    const code = Number(f.code);
    const seen = byCode.get(code);
    if (seen !== undefined && seen !== f.string) throw new Error(`gandi contract: fault ${code} has two strings`);
    byCode.set(code, f.string);
  }
  const scheme = contract.faultScheme!;
  const digits = (table: Record<string, string>, name: string, what: string) => {
    const hit = Object.entries(table).find(([, v]) => v === name);
    if (!hit) throw new Error(`gandi faults: ${what} "${name}" is not in the contract's fault scheme`);
    return hit[0];
  };
  const out = {} as Record<GandiFaultName, Resolved>;
  for (const [name, entry] of Object.entries(CATALOGUE) as [GandiFaultName, Entry][]) {
    if ('code' in entry) {
      const template = byCode.get(entry.code);
      if (template === undefined) throw new Error(`gandi faults: ${name} names ${entry.code}, which the contract does not list`);
      out[name] = { code: entry.code, template };
    } else {
      const data = scheme.tables['5'];
      const code = Number(`5${digits(data.objects, entry.object, 'object')}${digits(data.causes, entry.cause, 'cause')}`);
      out[name] = { code, template: entry.string };
    }
  }
  return out;
}

const RESOLVED = resolve(loadContract('gandi'));

/** Every fault this emulator can raise, for the README and tests. */
export function gandiFaultCatalogue(): Record<GandiFaultName, Resolved & { inferredHere: boolean }> {
  return Object.fromEntries(
    Object.entries(RESOLVED).map(([k, v]) => [k, { ...v, inferredHere: !('code' in CATALOGUE[k as GandiFaultName]) }]),
  ) as Record<GandiFaultName, Resolved & { inferredHere: boolean }>;
}

/** Fills `{name}` placeholders; a missing value is a bug in the caller, not something to send half-written. */
function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`gandi fault template "${template}" needs "${key}"`);
    return String(values[key]);
  });
}

/** A Gandi fault by name, with the values its string names. */
export function gandiFault(name: GandiFaultName, values: Record<string, unknown> = {}, options: { keepChanges?: boolean } = {}): PanelFault {
  const { code, template } = RESOLVED[name];
  return new PanelFault(code, fill(template, values), options);
}

/** The answers to problems found before a handler runs. */
export const gandiDispatcherFaults: PanelFaults = {
  // Observed: faultCode 1, `Method "x" is not supported` (research/webfaction-gandi/realworld.md §2.2).
  unknownMethod: (method) => gandiFault('unknownMethod', { method }),
  badArguments: (_method, problem) => {
    const m = /argument "([^"]+)"/.exec(problem) ?? /missing required argument "([^"]+)"/.exec(problem);
    return gandiFault('badArguments', { problem, element: m?.[1] ?? 'arguments', value: '' });
  },
  // inferred: unreadable requests get faultCode 1 like an unknown method, both being the dispatcher's answers.
  protocol: (detail) => new PanelFault(1, detail, { origin: 'protocol' }),
  internal: () => gandiFault('internal'),
  notImplemented: (method) => new PanelFault(RESOLVED.internal.code, `ServerError: mockpanel does not emulate ${method}`, { origin: 'mockpanel' }),
  // Injected faults: the expired-session fault session.ts raises, and Gandi's generic server error for a busy API.
  sessionExpired: () => gandiFault('expiredSession'),
  rateLimited: () => gandiFault('internal'),
};
