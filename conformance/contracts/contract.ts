import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { PanelId } from '../../emulators/core/types.js';

/**
 * Wire-level value types, shared by all panels. XML-RPC and SOAP map onto
 * these directly; WHM query parameters arrive as strings and are checked
 * against the declared type after coercion.
 */
export type ValueType =
  | 'string'
  | 'int'
  | 'double'
  | 'boolean'
  | 'array'
  | 'struct'
  | 'base64'
  | 'datetime'
  | 'nil'
  | 'any';

export interface ParamContract {
  name: string;
  /** One type, or the types accepted (e.g. ['boolean', 'string'] for WebFaction create_app's 6th arg). */
  type: ValueType | ValueType[];
  required: boolean;
  /** Value used when the argument is omitted (only for optional params). */
  default?: unknown;
  /** Takes every remaining positional argument (e.g. WebFaction `create_domain(session, domain, *subdomains)`). */
  variadic?: boolean;
  /** The documented set of accepted values, when there is one. */
  enum?: unknown[];
  /** Never written to the journal or a cassette in clear (passwords, session ids, tokens). */
  secret?: boolean;
  /** Where this fact comes from (seed file and section, research file). */
  source?: string;
}

export interface FaultContract {
  code: string | number;
  /** The fault string, with `{placeholders}` where the panel inserts values. */
  string: string;
  /** When the panel raises it, in our words. */
  when?: string;
  source?: string;
}

export interface ReturnContract {
  type: ValueType;
  /** For structs: key → type; for arrays of structs: the item's keys. */
  keys?: Record<string, ValueType>;
  items?: ReturnContract;
  /** A documented sample value (WHM API samples, doc examples). */
  sample?: unknown;
}

export interface MethodContract {
  name: string;
  section?: string;
  params: ParamContract[];
  returns?: ReturnContract;
  faults?: FaultContract[];
  /** ISPConfig: the permission group checkPerm() asks for; WHM: the ACL. */
  permission?: string;
  /** How the caller proves who it is for this method. */
  auth?: 'none' | 'session' | 'header';
  source: string;
  /** Research tier or extra labels (WHM tier-1/2/3, Gandi 'undocumented'). */
  tags?: string[];
}

/** A panel's contract: generated from the seeds and research by conformance/contracts/extract. */
export interface Contract {
  panel: PanelId;
  title: string;
  /** positional: XML-RPC / SOAP argument lists; named: WHM query parameters. */
  calling: 'positional' | 'named';
  sources: { id: string; description: string }[];
  methods: MethodContract[];
  /** Panel-wide documented faults (session, permission, dispatcher). */
  faults?: FaultContract[];
}

const here = dirname(fileURLToPath(import.meta.url));
/** Contracts sit in conformance/contracts/ in the source tree and next to dist/conformance/contracts. */
function contractPath(panel: PanelId): string {
  const beside = join(here, `${panel}.json`);
  // Compiled into dist/conformance/contracts the JSON is not copied: read the source folder's.
  return existsSync(beside) ? beside : join(here, '..', '..', '..', 'conformance', 'contracts', `${panel}.json`);
}

const cache = new Map<PanelId, Contract>();

/** Loads (once) the committed contract of a panel. */
export function loadContract(panel: PanelId): Contract {
  let contract = cache.get(panel);
  if (!contract) {
    contract = JSON.parse(readFileSync(contractPath(panel), 'utf8')) as Contract;
    cache.set(panel, contract);
  }
  return contract;
}

/** Index of a contract's methods by name. */
export function methodIndex(contract: Contract): Map<string, MethodContract> {
  return new Map(contract.methods.map((m) => [m.name, m]));
}
