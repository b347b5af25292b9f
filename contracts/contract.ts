import { readDataJson } from '../kernel/data-file.js';
import type { PanelId } from '../kernel/panel-id.js';

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
  /**
   * The type clients are expected to send where the panel itself checks none
   * (ISPConfig: PHP declares no parameter types, so `type` stays 'any' and the
   * wire decides; reference clients use this to type their arguments).
   */
  expects?: ValueType | ValueType[];
  /** Other names the panel accepts for the same parameter (WHM `uid or gid`). */
  aliases?: string[];
  /** The documented members of a struct parameter (Gandi `specs`, `filter`). */
  fields?: Record<string, FieldContract>;
  /** The documented format of a string or int (WHM `username`, `ipv4`, `Int999999OrUnlimited`). */
  format?: string;
  /** Documented inclusive bounds of a number. */
  minimum?: number;
  maximum?: number;
  /** Documented maximum length of a string. */
  maxLength?: number;
  /**
   * Extra labels: 'v2' (WebFaction: only in sessions opened with login version 2;
   * a v1 session must not bind it), 'later' (after the seed's era, optional and
   * trailing, accepted in any session), 'deprecated'.
   */
  tags?: string[];
}

/** A documented member of a struct parameter. */
export interface FieldContract {
  type: ValueType | ValueType[];
  required?: boolean;
  enum?: unknown[];
}

export interface FaultContract {
  code: string | number;
  /** The fault string, with `{placeholders}` where the panel inserts values. */
  string: string;
  /** When the panel raises it, in our words. */
  when?: string;
  /** The helper inside the panel that raises it, when not the method itself (ISPConfig `remoting_lib->getDataRecord`). */
  via?: string;
  /**
   * Extra labels: 'legacy' / 'modern' (WebFaction fault-string styles),
   * 'inferred' (code or string chosen by us from the panel's scheme, never
   * observed), 'unreachable' (in the source but cannot happen), 'php-error'
   * (the real panel answers a PHP error fault instead of this one).
   */
  tags?: string[];
  source?: string;
}

export interface ReturnContract {
  type: ValueType;
  /** Other types the panel returns in edge cases (nil when not found, false on empty input). */
  also?: ValueType[];
  /** false when the document says nothing about the return value; `type` is then our choice. */
  documented?: boolean;
  /** For structs: key → type (or the types it may take); arrays of structs describe the item under `items`. */
  keys?: Record<string, ValueType | ValueType[]>;
  items?: ReturnContract;
  /** Fixed-length arrays with a type per position (WebFaction `login` → [session_id, account]). */
  tuple?: ReturnContract[];
  /** A documented sample value (WHM API samples, doc examples). */
  sample?: unknown;
}

export interface MethodContract {
  name: string;
  section?: string;
  params: ParamContract[];
  returns?: ReturnContract;
  faults?: FaultContract[];
  /**
   * ISPConfig: the permission group checkPerm() asks for; WHM: the ACL. A list
   * when the method checks several in turn (ISPConfig client_delete_everything): all are needed.
   */
  permission?: string | string[];
  /** How the caller proves who it is for this method. */
  auth?: 'none' | 'session' | 'header';
  source: string;
  /**
   * Research tier or extra labels: WHM 'tier-1'/'tier-2'/'tier-3', 'deprecated';
   * Gandi 'undocumented', 'returns-operation-id', 'returns-object-id';
   * WebFaction 'v2'; ISPConfig 'private' (a helper that is not dispatched: the
   * panel answers `invalid_method`, see {@link methodIndex}).
   */
  tags?: string[];
  /** ISPConfig: the database table the method reads or writes. */
  table?: string;
  /** WHM: the request carries a body instead of a query string. */
  requestBody?: { contentType: string; required: boolean };
}

/** A panel's contract: generated from the seeds and research by contracts/extract (npm run gen:contracts). */
export interface Contract {
  panel: PanelId;
  title: string;
  /** positional: XML-RPC / SOAP argument lists; named: WHM query parameters. */
  calling: 'positional' | 'named';
  sources: { id: string; description: string }[];
  methods: MethodContract[];
  /** Panel-wide documented faults (session, permission, dispatcher). */
  faults?: FaultContract[];
  /** How the panel builds numeric fault codes, when it has a scheme (Gandi's 6 digits). */
  faultScheme?: FaultScheme;
  /** ISPConfig: the names `get_function_list` returns, in the panel's order (includes `__construct`). */
  functionListOrder?: string[];
}

/**
 * A numeric fault-code scheme: the code is the concatenation of fixed-width
 * parts (Gandi: qualification 1 digit, object 3, cause 2), each part's
 * digits naming an entry of its table.
 */
export interface FaultScheme {
  parts: { name: string; digits: number }[];
  /** Per qualification (the first part's value): the tables of the other parts. */
  tables: Record<string, { label: string; objects: Record<string, string>; causes: Record<string, string> }>;
  /** The fault-string template of each qualification, `{placeholders}` for values. */
  strings: Record<string, string>;
  source: string;
}

const cache = new Map<PanelId, Contract>();

/** Loads (once) the committed contract of a panel. */
export function loadContract(panel: PanelId): Contract {
  let contract = cache.get(panel);
  if (!contract) {
    contract = readDataJson<Contract>(`./${panel}.json`, import.meta.url);
    cache.set(panel, contract);
  }
  return contract;
}

/**
 * Index of a contract's callable methods by name. Methods tagged 'private'
 * (ISPConfig helpers the panel does not dispatch) are left out unless asked
 * for, so a lookup miss answers them as the panel does: unknown method.
 */
export function methodIndex(contract: Contract, options: { includePrivate?: boolean } = {}): Map<string, MethodContract> {
  const methods = options.includePrivate ? contract.methods : contract.methods.filter((m) => !m.tags?.includes('private'));
  return new Map(methods.map((m) => [m.name, m]));
}
