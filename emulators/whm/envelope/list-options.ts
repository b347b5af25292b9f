import { apiBranch, apiValue, type WhmApiArgTree } from '../../protocol/whm/api-args.js';
import { perlInt, perlNumber, perlString, perlTruthy } from '../../protocol/whm/perl-scalars.js';

/*
 * WHM API 1 output modifiers: api.columns, api.filter, api.sort, api.chunk.
 * Variable names and the documented operators come from cPanel's pages
 * "WHM API 1 Filter Output", "Sort Output", "Paginate Output" and "Output
 * Columns" (api.docs.cpanel.net/whm/…). What the docs leave out (order of
 * application, how odd values compare, the metadata reflection) follows a
 * public copy of cPanel's Whostmgr::API::1::Data::{Wrapper,Columns,Filter,
 * Sort,Chunk} modules (github asmrdevelop/cpanel, 2022 build); each quirk
 * below says so.
 */

/** The sort methods WHM knows; anything else sorts lexicographically. */
export type WhmSortMethod = 'ipv4' | 'lexicographic' | 'lexicographic_caseless' | 'numeric' | 'numeric_zero_as_max';

export interface WhmFilterSpec {
  /** The letter (or letters) that groups the filter's variables: `a` in api.filter.a.field. */
  id: string;
  field?: string;
  /** Match type as sent; WHM defaults a missing one to `contains`. */
  type: string;
  /** arg0, arg1, … with gaps removed, in numeric order. */
  args: string[];
}

export interface WhmSortSpec {
  id: string;
  field?: string;
  method: WhmSortMethod;
  reverse: boolean;
}

/** The `api.columns/filter/sort/chunk` variables of one call, parsed the way WHM reads them. */
export interface WhmListOptions {
  columns?: { enabled: boolean; names: string[] };
  filter?: { enabled: boolean; verbose: boolean; filters: WhmFilterSpec[] };
  sort?: { enabled: boolean; verbose: boolean; sorts: WhmSortSpec[] };
  /** size/start/select are Perl `int` of what was sent; undefined when the variable was absent. */
  chunk?: { enabled: boolean; verbose: boolean; size?: number; start?: number; select?: number };
}

export interface WhmFilterReflection {
  valid: 0 | 1;
  field: string;
  type: string;
  [arg: `arg${number}`]: string;
}

/** What WHM adds to `metadata` when list options ran (keys exactly as WHM names them). */
export interface WhmListMetadata {
  columns?: { invalid_msg: string; invalid?: string[] };
  /** Only with api.filter.verbose=1. `filtered` is the record count before filtering. */
  filter?: { filtered: number; [id: string]: WhmFilterReflection | number };
  /** Only with api.sort.verbose=1. `field` is 1 or 0 (see applySort). */
  sort?: Record<string, { field: 0 | 1; method: WhmSortMethod; reverse: 0 | 1 }>;
  /** Only with api.chunk.verbose=1. */
  chunk?: { start: number; size: number; records: number; current: number; chunks: number };
}

export interface WhmListResult {
  records: unknown[];
  metadata: WhmListMetadata;
}

const SORT_METHODS = new Set<string>(['ipv4', 'lexicographic', 'lexicographic_caseless', 'numeric', 'numeric_zero_as_max']);
// Whostmgr::API::1::Data::Utils: ids that are switches, not filters.
const RESERVED_IDS = new Set(['enable', 'verbose', 'filter', 'filtered']);
const VALID_ID = /^[a-z][a-z0-9_]*$/i;
const VALID_FIELDSPEC = /^[a-z0-9_]+(\.([a-z0-9_]+|\[\d+\]))*$/i;
const FILTER_ARG = /^arg0*(\d+)$/;
// Whostmgr::API::1::Data::Chunk: the page size when none (or < 1) is given.
const DEFAULT_CHUNK_SIZE = 100;

/** True when any list option variable was sent. */
export function hasWhmListOptions(options: WhmListOptions): boolean {
  return options.columns !== undefined || options.filter !== undefined || options.sort !== undefined || options.chunk !== undefined;
}

/** Reads the list options from the `api.*` tree (see buildWhmApiArgs). */
export function parseWhmListOptions(tree: WhmApiArgTree): WhmListOptions {
  const options: WhmListOptions = {};

  const columns = apiBranch(tree, 'columns');
  if (columns) {
    // Whostmgr::API::1::Data::Columns keeps every value except `enable`, whatever its key.
    const names = Object.keys(columns)
      .filter((k) => k !== 'enable')
      .sort()
      .map((k) => columns[k])
      .filter((v): v is string => typeof v === 'string');
    options.columns = { enabled: perlTruthy(apiValue(columns, 'enable')), names };
  }

  const filter = apiBranch(tree, 'filter');
  if (filter) {
    const filters: WhmFilterSpec[] = [];
    for (const id of Object.keys(filter).sort()) {
      const spec = apiBranch(filter, id);
      if (!spec) continue;
      const indexed: string[] = [];
      for (const key of Object.keys(spec)) {
        const m = FILTER_ARG.exec(key);
        const v = apiValue(spec, key);
        if (m && v !== undefined) indexed[Number(m[1])] = v;
      }
      const type = apiValue(spec, 'type');
      filters.push({
        id,
        field: apiValue(spec, 'field'),
        // Perl's `||=`: a type of '' or '0' also becomes `contains`.
        type: perlTruthy(type) ? type! : 'contains',
        args: indexed.filter((v) => v !== undefined),
      });
    }
    options.filter = { enabled: perlTruthy(apiValue(filter, 'enable')), verbose: perlTruthy(apiValue(filter, 'verbose')), filters };
  }

  const sort = apiBranch(tree, 'sort');
  if (sort) {
    const sorts: WhmSortSpec[] = [];
    for (const id of Object.keys(sort).sort()) {
      const spec = apiBranch(sort, id);
      if (!spec) continue;
      const method = apiValue(spec, 'method') ?? '';
      sorts.push({
        id,
        field: apiValue(spec, 'field'),
        // Whostmgr::API::1::Data::Sort: unknown methods (and the old name `alphabet`) sort lexicographically.
        method: SORT_METHODS.has(method) ? (method as WhmSortMethod) : 'lexicographic',
        reverse: perlTruthy(apiValue(spec, 'reverse')),
      });
    }
    options.sort = { enabled: perlTruthy(apiValue(sort, 'enable')), verbose: perlTruthy(apiValue(sort, 'verbose')), sorts };
  }

  const chunk = apiBranch(tree, 'chunk');
  if (chunk) {
    const num = (key: string) => (key in chunk ? perlInt(apiValue(chunk, key)) : undefined);
    options.chunk = {
      enabled: perlTruthy(apiValue(chunk, 'enable')),
      verbose: perlTruthy(apiValue(chunk, 'verbose')),
      size: num('size'),
      start: num('start'),
      select: num('select'),
    };
  }
  return options;
}

/**
 * Applies the enabled options to a list and returns the new list with the
 * metadata WHM reflects. Pure: the input array and its records are never
 * modified (records losing columns are shallow copies).
 *
 * Order is WHM's: columns, then filter, then sort, then chunk
 * (Whostmgr::API::1::Data::Wrapper::apply). Columns run first, so a filter
 * or sort on a column that was not kept sees nothing; cPanel's Output
 * Columns page warns to sort on a displayed column.
 */
export function applyWhmListOptions(records: readonly unknown[], options: WhmListOptions): WhmListResult {
  let list: unknown[] = records.slice();
  const metadata: WhmListMetadata = {};
  if (options.columns?.enabled) list = applyColumns(list, options.columns.names, metadata);
  if (options.filter?.enabled) list = applyFilter(list, options.filter, metadata);
  if (options.sort?.enabled) list = applySort(list, options.sort, metadata);
  if (options.chunk?.enabled) list = applyChunk(list, options.chunk, metadata);
  return { records: list, metadata };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function applyColumns(list: unknown[], names: string[], metadata: WhmListMetadata): unknown[] {
  // Cpanel::Args::Columns::Util judges the columns by the first record only and drops the same keys from all.
  const first = isRecord(list[0]) ? list[0] : {};
  const keep = new Set(names);
  const invalid = names.filter((n) => !Object.prototype.hasOwnProperty.call(first, n));
  const drop = Object.keys(first).filter((k) => !keep.has(k));
  metadata.columns = { invalid_msg: invalid.length ? invalidColumnsMessage(invalid) : 'None' };
  if (invalid.length) metadata.columns.invalid = invalid;
  if (!drop.length) return list;
  return list.map((r) => {
    if (!isRecord(r)) return r;
    const copy = { ...r };
    for (const k of drop) delete copy[k];
    return copy;
  });
}

/** WHM's English text for unknown columns: “a” is not a valid column. / “a” and “b” are not valid columns. */
function invalidColumnsMessage(names: string[]): string {
  const q = names.map((n) => `“${n}”`);
  const list = q.length === 1 ? q[0] : q.length === 2 ? `${q[0]} and ${q[1]}` : `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
  return names.length === 1 ? `${list} is not a valid column.` : `${list} are not valid columns.`;
}

/** Follows a fieldspec (`a.b.[0]`) into a record, as Whostmgr::API::1::Data::Utils::evaluate_fieldspec. */
function compileFieldspec(fieldspec: string | undefined): (record: unknown) => unknown {
  if (fieldspec === undefined) return () => undefined;
  const steps = fieldspec.split('.').map((s): { index: number } | { key: string } => {
    const m = /^\[(\d+)\]$/.exec(s);
    return m ? { index: Number(m[1]) } : { key: s };
  });
  return (record) => {
    let current: unknown = record;
    for (const step of steps) {
      if ('index' in step) {
        if (!Array.isArray(current)) return undefined;
        current = current[step.index];
      } else {
        if (!isRecord(current)) return undefined;
        current = Object.prototype.hasOwnProperty.call(current, step.key) ? current[step.key] : undefined;
      }
    }
    return current;
  };
}

type ScalarTest = (text: string | undefined) => boolean;

const DIGITS = /^[0-9]+$/;
const UNLIMITED = /^unlimited$/i;

/**
 * The match types of Whostmgr::API::1::Data::Filter. The numeric ones
 * treat non-numbers as WHM does: `lt` and `lt_equal` match any value that is
 * not all digits ("unlimited", "14M"), `gt` and `gt_equal` never do, and the
 * `_handle_unlimited` variants count "unlimited", 0 and missing values as
 * infinite. An array value matches when one element does (compared plainly).
 * `ends` and the UAPI operators are not WHM API 1 types; they match nothing.
 */
function scalarTests(type: string, term: string): { scalar: ScalarTest; element: ScalarTest } | undefined {
  const lower = term.toLowerCase();
  const n = perlNumber(term);
  const num = (t: string | undefined) => perlNumber(t);
  switch (type) {
    case 'contains': {
      const t: ScalarTest = (s) => s !== undefined && s.toLowerCase().includes(lower);
      return { scalar: t, element: t };
    }
    case 'begins': {
      const t: ScalarTest = (s) => s !== undefined && s.toLowerCase().startsWith(lower);
      return { scalar: t, element: t };
    }
    case 'eq': {
      const t: ScalarTest = (s) => (s ?? '') === term;
      return { scalar: t, element: t };
    }
    case '==': {
      const t: ScalarTest = (s) => num(s) === n;
      return { scalar: t, element: t };
    }
    case 'lt':
      return { scalar: (s) => s === undefined || !DIGITS.test(s) || num(s) < n, element: (s) => num(s) < n };
    case 'lt_equal':
      return { scalar: (s) => s === undefined || !DIGITS.test(s) || num(s) <= n, element: (s) => num(s) <= n };
    case 'gt':
      return { scalar: (s) => s !== undefined && DIGITS.test(s) && num(s) > n, element: (s) => num(s) > n };
    case 'gt_equal':
      return { scalar: (s) => s !== undefined && DIGITS.test(s) && num(s) >= n, element: (s) => num(s) >= n };
    case 'lt_handle_unlimited': {
      const t: ScalarTest = (s) => s !== undefined && !UNLIMITED.test(s) && num(s) !== 0 && num(s) < n;
      return { scalar: t, element: t };
    }
    case 'gt_handle_unlimited': {
      // WHM's own comment: undef counts as greater because it sometimes stands for unlimited.
      const t: ScalarTest = (s) => s === undefined || UNLIMITED.test(s) || num(s) === 0 || num(s) > n;
      return { scalar: t, element: t };
    }
    default:
      return undefined;
  }
}

function compileFilter(spec: WhmFilterSpec): ((record: unknown) => boolean) | undefined {
  const term = spec.args[0] ?? '';
  const tests = scalarTests(spec.type, term);
  if (!tests) return undefined;
  if (spec.field === '*') {
    // A `*` filter looks at every top-level value of the record; only the three string operators exist for it.
    if (spec.type !== 'contains' && spec.type !== 'begins' && spec.type !== 'eq') return undefined;
    return (record) => {
      if (!isRecord(record)) return false;
      for (const v of Object.values(record)) {
        if (Array.isArray(v)) {
          if (v.some((e) => !isReference(e) && tests.element(perlString(e)))) return true;
        } else if (!isReference(v) && tests.scalar(perlString(v))) {
          return true;
        }
      }
      return false;
    };
  }
  const drill = compileFieldspec(spec.field);
  return (record) => {
    const v = drill(record);
    if (Array.isArray(v)) return v.some((e) => !isReference(e) && tests.element(perlString(e)));
    if (isReference(v)) return false;
    return tests.scalar(perlString(v));
  };
}

function isReference(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function applyFilter(list: unknown[], options: NonNullable<WhmListOptions['filter']>, metadata: WhmListMetadata): unknown[] {
  const predicates: ((record: unknown) => boolean)[] = [];
  const reflection: Record<string, WhmFilterReflection> = {};
  for (const spec of options.filters) {
    if (!VALID_ID.test(spec.id) || RESERVED_IDS.has(spec.id)) continue;
    if (spec.field !== '*' && (spec.field === undefined || !VALID_FIELDSPEC.test(spec.field))) continue;
    // An empty term only makes sense for `eq`; WHM drops such a filter without a word.
    if (spec.type !== 'eq' && !spec.args[0]) continue;
    const predicate = compileFilter(spec);
    if (predicate) predicates.push(predicate);
    const entry: WhmFilterReflection = { valid: predicate ? 1 : 0, field: spec.field!, type: spec.type };
    spec.args.forEach((a, i) => (entry[`arg${i}`] = a));
    reflection[spec.id] = entry;
  }
  if (options.verbose) metadata.filter = { ...reflection, filtered: list.length };
  if (!predicates.length) return list;
  return list.filter((r) => predicates.every((p) => p(r)));
}

type SortKey = string | number;

function sortKeyOf(method: WhmSortMethod, value: unknown): SortKey {
  const scalar = isReference(value) ? undefined : perlString(value);
  switch (method) {
    case 'numeric':
    case 'numeric_zero_as_max':
      return perlNumber(scalar);
    case 'ipv4': {
      // pack('CCCC', split /\./): four octets, each an integer mod 256, compared bytewise.
      const parts = (scalar ?? '').split('.');
      let key = 0;
      for (let i = 0; i < 4; i++) {
        const octet = ((Math.trunc(perlNumber(parts[i])) % 256) + 256) % 256;
        key = key * 256 + octet;
      }
      return key;
    }
    case 'lexicographic_caseless':
      return (scalar ?? '').toLowerCase();
    default:
      return scalar ?? '';
  }
}

function compareKeys(method: WhmSortMethod, a: SortKey, b: SortKey): number {
  const plain = a < b ? -1 : a > b ? 1 : 0;
  if (method === 'numeric_zero_as_max' && a !== b) {
    if (a === 0) return 1;
    if (b === 0) return -1;
  }
  return plain;
}

/**
 * Sorts by the sort specs in id order (`a` first, then `b`…), each one
 * breaking ties of the previous; equal records keep their order. WHM runs
 * one stable sort per spec from the last id to the first, which orders the
 * same way. (Its per-process value cache keyed by record can make a second
 * spec reuse the first one's values; that bug is not reproduced.)
 */
function applySort(list: unknown[], options: NonNullable<WhmListOptions['sort']>, metadata: WhmListMetadata): unknown[] {
  const specs = options.sorts;
  if (options.verbose && specs.length) {
    const reflection: NonNullable<WhmListMetadata['sort']> = {};
    for (const s of specs) {
      // Whostmgr::API::1::Data::Sort reports the result of its fieldspec check (1 or 0) as `field`, not the name.
      const valid = s.field !== undefined && VALID_FIELDSPEC.test(s.field) ? 1 : 0;
      reflection[s.id] = { field: valid, method: s.method, reverse: s.reverse ? 1 : 0 };
    }
    metadata.sort = reflection;
  }
  if (!specs.length) return list;
  const drills = specs.map((s) => compileFieldspec(s.field));
  const keyed = list.map((record, index) => ({ record, index, keys: specs.map((s, i) => sortKeyOf(s.method, drills[i](record))) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < specs.length; i++) {
      const c = compareKeys(specs[i].method, x.keys[i], y.keys[i]);
      if (c !== 0) return specs[i].reverse ? -c : c;
    }
    return x.index - y.index;
  });
  return keyed.map((k) => k.record);
}

/** Whostmgr::API::1::Data::Chunk: 1-based start, default size 100, `select` picks a page unless `start` is present. */
function applyChunk(list: unknown[], options: NonNullable<WhmListOptions['chunk']>, metadata: WhmListMetadata): unknown[] {
  const total = list.length;
  const size = options.size === undefined || options.size < 1 ? DEFAULT_CHUNK_SIZE : options.size;
  let start: number;
  if (options.start === undefined && options.select !== undefined && options.select > 0) start = size * (options.select - 1) + 1;
  else if (options.start !== undefined && options.start > 0) start = options.start;
  else start = 1;
  // A start past the end shows the first page rather than nothing.
  if (start > total) start = 1;
  const page = list.slice(start - 1, start - 1 + size);
  if (options.verbose) {
    metadata.chunk = { start, size, records: total, current: Math.ceil(start / size), chunks: Math.ceil(total / size) };
  }
  return page;
}
