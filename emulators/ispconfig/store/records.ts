import { prepare } from '../../../state/database.js';
import { isSoapStruct } from '../../protocol/soap/codec.js';
import { faults } from '../faults.js';
import { columns, form as formDef, primaryKey, sqlName, type FormDef } from '../schema/index.js';
import type { RecordScope, Profile } from './scope.js';
import { cryptPassword, md5, mysqlPasswordHash } from '../engine/crypt.js';
import { datalogSave, type Row } from './datalog.js';
import { implicitDefault, MysqlValueError, mysqlDateTime, nullRefused, storeValue } from '../engine/mysql-values.js';
import { intval, isNumeric, isPhpArray, str, type PhpArray } from '../engine/php.js';
import { authSql, loadProfile } from './profile.js';
import { applyFilters, validateField, type ValidationScope } from '../engine/validators.js';

// The one generic engine behind every form-backed *_get/_add/_update/_delete:
// remoting.inc.php's insertQuery/updateQuery/deleteQuery and
// remoting_lib::getDataRecord over tform_base's encode/validate/getSQL,
// reproduced from ISPConfig 3.2.11 (remoting.inc.php, remoting_lib.inc.php, tform_base.inc.php).

type Encoded = { field: string; value: string | null; raw?: boolean }[];

/**
 * The `$params` array of an add or update. PHP's SoapServer turns an untyped
 * SOAP struct (a Perl hashref sent without ns2:Map) into a stdClass, which
 * the write helpers cannot index: a PHP Error (PHP ext/soap's SoapServer decoding). Anything else
 * that is not a map reads as an empty array.
 */
export function arrayParams(value: unknown): PhpArray {
  if (isSoapStruct(value)) throw faults.stdClassAsArray();
  return isPhpArray(value) ? { ...value } : {};
}

/** Reads a row as mysqli_fetch_assoc hands it to PHP: every value a string, NULL as null. */
export function rowOf(raw: Record<string, unknown> | undefined): Row | undefined {
  if (!raw) return undefined;
  const out: Row = {};
  for (const [k, v] of Object.entries(raw)) out[k] = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
  return out;
}

const columnNames = new WeakMap<object, string[]>();

/**
 * One row of `sql` as {@link rowOf} reads it, fetched as a plain array and named here: a
 * 129-column client row costs better-sqlite3 ~20 µs as an object and ~9 µs as an array.
 * The raw statement is its own cache entry (a marked SQL text), so callers of the
 * object-mode statement for the same query are not switched to arrays.
 */
function fetchRowOf(db: RecordScope['db'], sql: string, params: unknown[]): Row | undefined {
  const stmt = prepare<unknown[], unknown[]>(db, `${sql} /* raw */`);
  let names = columnNames.get(stmt);
  if (!names) {
    stmt.raw(true);
    names = stmt.columns().map((c) => c.name);
    columnNames.set(stmt, names);
  }
  const values = stmt.get(...params);
  if (!values) return undefined;
  const out: Row = {};
  for (let i = 0; i < names.length; i++) {
    const v = values[i];
    out[names[i]] = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
  }
  return out;
}

export function rowsOf(raw: Record<string, unknown>[]): Row[] {
  return raw.map((r) => rowOf(r)!);
}

/** `SELECT * FROM t WHERE pk = id` (no ownership check). */
export function fetchRow(call: RecordScope, table: string, id: number | string): Row | undefined {
  return fetchRowOf(call.db, `SELECT * FROM ${sqlName(table)} WHERE "${primaryKey(table)}" = ?`, [String(id)]);
}

/**
 * `remoting_lib->getDataRecord($primary_id)` (remoting_lib.inc.php, 3.2.11): an id > 0
 * → the row or nil; -1 → every row, unfiltered even for client logins; 0 or
 * another negative number → `invalid_id`; a map → the rows matching it
 * (`%` makes a value a LIKE pattern; `#OFFSET#`/`#LIMIT#` page); any other
 * scalar → an empty list.
 */
export function getDataRecord(call: RecordScope, form: FormDef, primaryId: unknown, profile: Profile): Row | Row[] | null {
  const table = form.table;
  if (isNumeric(primaryId) || typeof primaryId === 'number') {
    const n = Number(primaryId);
    if (n > 0) {
      const auth = authSql(profile, 'r');
      return fetchRowOf(call.db, `SELECT * FROM ${sqlName(table)} WHERE "${form.index}" = ? AND ${auth.sql}`, [String(Math.trunc(n)), ...auth.params]) ?? null;
    }
    if (n === -1) return rowsOf(prepare<[], Record<string, unknown>>(call.db, `SELECT * FROM ${sqlName(table)} ORDER BY rowid`).all());
    throw faults.invalidId();
  }
  if (isPhpArray(primaryId) || Array.isArray(primaryId)) {
    const entries = Array.isArray(primaryId) ? primaryId.map((v, i) => [String(i), v] as const) : Object.entries(primaryId);
    const where: string[] = [];
    const params: unknown[] = [];
    let offset = 0;
    let limit = 0;
    const known = columns(table);
    for (const [key, val] of entries) {
      if (key === '#OFFSET#') offset = intval(val);
      else if (key === '#LIMIT#') limit = intval(val);
      else {
        // inferred: a key that is not a column makes MySQL fail the query; ISPConfig's db layer then yields no rows.
        if (!known.has(key)) return [];
        const s = str(val);
        where.push(s.includes('%') ? `"${key}" LIKE ? ESCAPE '\\'` : `"${key}" = ?`);
        params.push(s);
      }
    }
    const auth = authSql(profile, 'r');
    let sql = `SELECT * FROM ${sqlName(table)} WHERE ${where.length ? where.join(' AND ') : '1'} AND ${auth.sql} ORDER BY rowid`;
    if (offset >= 0 && limit > 0) sql += ` LIMIT ${limit} OFFSET ${offset}`;
    return rowsOf(prepare<unknown[], Record<string, unknown>>(call.db, sql).all(...params, ...auth.params));
  }
  return [];
}

/** A form-backed get, as the *_get methods call it. */
export function getRecord(call: RecordScope, formName: string, primaryId: unknown): Row | Row[] | null {
  return getDataRecord(call, formDef(formName), primaryId, loadProfile(call, 0));
}

interface Encoding {
  values: Encoded;
  errors: string;
}

/**
 * tform_base->_encode + _getSQL's per-field rules: SAVE filters, then the
 * validators, then the datatype conversion. What the API writes for an
 * omitted field follows from these rules, never from the form's `default`:
 * VARCHAR '', INTEGER 0, TEXT/DATE/DOUBLE NULL (or '' once a filter ran),
 * CHECKBOX its unchecked value, PASSWORD not at all (tform_base.inc.php, 3.2.11).
 */
export function encodeForm(call: RecordScope, form: FormDef, input: PhpArray, action: 'INSERT' | 'UPDATE', primaryId: number, profile: Profile): Encoding {
  const record: PhpArray = { ...input };
  const scope: ValidationScope = { call, form, profile, action, primaryId, record };
  const values: Encoded = [];
  let errors = '';
  for (const [key, field] of Object.entries(form.fields)) {
    const present = record[key] !== undefined && record[key] !== null;
    if (field.filters) record[key] = applyFilters(present ? record[key] : '', field.filters);
    const value = record[key];
    const isset = value !== undefined && value !== null;
    if (field.validators) errors += validateField(key, isset ? value : '', field.validators, scope);
    let out: string | null;
    switch (field.datatype) {
      case 'VARCHAR':
        out = Array.isArray(value) ? value.map(str).join(field.separator ?? '') : isset ? str(value) : '';
        break;
      case 'TEXT':
      case 'DOUBLE':
      case 'CURRENCY':
        out = Array.isArray(value) ? value.map(str).join(field.separator ?? '') : isset ? str(value) : null;
        break;
      case 'INTEGER':
        out = isset ? String(intval(value)) : '0';
        break;
      case 'DATE': {
        const s = str(value);
        const d = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
        out = !isset || s === '' || s === '0000-00-00' ? null : d ? `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}` : '-00-00';
        break;
      }
      case 'DATETIME': {
        const s = str(value);
        out = isset && s !== '' && s !== '0000-00-00 00:00:00' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s) ? s : null;
        break;
      }
      default:
        out = isset ? str(value) : null;
    }
    if (field.regex && !new RegExp(field.regex.slice(1, field.regex.lastIndexOf(field.regex[0])), 's').test(str(value))) errors += `${field.errmsg}\r\n`;
    if (field.formtype === 'PASSWORD') {
      if (out === null || out === '') continue;
      out = hashPassword(field.encryption, out, input._ispconfig_pw_crypted);
    } else if (field.formtype === 'CHECKBOX' && (out === '' || out === null)) {
      out = checkboxValues(field.value)[0];
    }
    values.push({ field: key, value: out });
  }
  return { values, errors };
}

function checkboxValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(str);
  if (isPhpArray(value)) return [str(value['0']), str(value['1'])];
  return ['n', 'y'];
}

function hashPassword(encryption: string | undefined, clear: string, preCrypted: unknown): string {
  if (encryption === 'CLEARTEXT' || intval(preCrypted) === 1) return clear;
  if (encryption === 'CRYPT') return cryptPassword(clear);
  if (encryption === 'CRYPTMAIL') return cryptPassword(clear, 'latin1');
  if (encryption === 'MYSQL') return mysqlPasswordHash(clear);
  return md5(clear);
}

/** `$app->db->quote()` (mysqli_real_escape_string) for the statement text in database_error messages. */
function sqlQuote(value: string): string {
  return value.replace(/[\\'"\n\r\0\x1a]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\0': '\\0', '\x1a': '\\Z' })[c] ?? `\\${c}`);
}

function literal(v: { value: string | null; raw?: boolean }): string {
  if (v.value === null) return 'NULL';
  return v.raw ? v.value : `'${sqlQuote(v.value)}'`;
}

function databaseError(error: unknown, sql: string): never {
  if (error instanceof MysqlValueError) throw faults.database(error.message, sql);
  throw error;
}

/** Stores encoded values into a table's columns the MySQL way; throws MysqlValueError as MySQL would. */
function storeAll(call: RecordScope, table: string, values: Encoded, action: 'INSERT' | 'UPDATE'): Map<string, string | null> {
  const cols = columns(table);
  const out = new Map<string, string | null>();
  for (const v of values) {
    const col = cols.get(v.field);
    if (!col) throw new MysqlValueError(`Unknown column '${v.field}' in 'field list'`);
    if (v.value === null && !col.nullable) {
      // A single-row INSERT refuses NULL outright; an UPDATE stores the implicit default unless strict.
      if (action === 'INSERT' || call.strict) throw nullRefused(col);
      out.set(v.field, implicitDefault({ ...col, default: undefined }, mysqlDateTime(call.now())));
      continue;
    }
    out.set(v.field, storeValue(table, col, v.value, call.strict));
  }
  return out;
}

/** Options of the generic add beyond the form: the username written to sys_datalog. */
export interface InsertResult {
  /** What the method returns: the new id as a string, or params['_primary_id'] as the caller sent it. */
  returned: unknown;
  id: number;
}

/**
 * `insertQuery($form, $client_id, $params)`: validate and INSERT every form
 * field plus the owner columns; the new id comes back as a string
 * (`LAST_INSERT_ID()` through mysqli), or `params['_primary_id']` as given.
 */
export function insertRecord(call: RecordScope, formName: string, clientId: unknown, params: unknown, onInserted?: (id: number) => void): InsertResult {
  const form = formDef(formName);
  const profile = loadProfile(call, clientId);
  const input = arrayParams(params);
  const { values, errors } = encodeForm(call, form, input, 'INSERT', 0, profile);
  if (errors !== '') throw faults.dataProcessing(errors);
  return executeInsert(call, form, profile, values, input, onInserted);
}

/**
 * The INSERT half of insertQuery, for callers that validate differently
 * (client_add). `onInserted` is the plugin event insertQueryExecute raises
 * before it reads the row back for sys_datalog.
 */
export function executeInsert(
  call: RecordScope,
  form: FormDef,
  profile: Profile,
  values: Encoded,
  input: PhpArray,
  onInserted?: (id: number) => void,
): InsertResult {
  const table = form.table;
  const list: Encoded = [];
  const override = isNumeric(input._primary_id) && intval(input._primary_id) > 0 ? intval(input._primary_id) : 0;
  if (override) list.push({ field: form.index, value: String(override), raw: true });
  list.push(...values);
  if (form.auth === 'yes') {
    list.push(
      { field: 'sys_userid', value: profile.userid === null ? '' : String(profile.userid) },
      { field: 'sys_groupid', value: profile.defaultGroup === null ? '' : String(profile.defaultGroup) },
      { field: 'sys_perm_user', value: 'riud' },
      { field: 'sys_perm_group', value: 'riud' },
      { field: 'sys_perm_other', value: form.perm_other },
    );
  }
  const sql = `INSERT INTO \`${table}\` (${list.map((v) => `\`${v.field}\``).join(', ')}) VALUES (${list.map(literal).join(', ')})`;
  let stored: Map<string, string | null>;
  try {
    stored = storeAll(call, table, list, 'INSERT');
    for (const col of columns(table).values()) {
      if (stored.has(col.name) || col.autoIncrement) continue;
      if (col.default === undefined && !col.nullable && call.strict) throw new MysqlValueError(`Field '${col.name}' doesn't have a default value`);
      stored.set(col.name, implicitDefault(col, mysqlDateTime(call.now())));
    }
    if (override && fetchRow(call, table, override)) throw new MysqlValueError(`Duplicate entry '${override}' for key 'PRIMARY'`);
  } catch (error) {
    databaseError(error, sql);
  }
  const names = [...stored.keys()];
  const info = prepare(call.db, `INSERT INTO ${sqlName(table)} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => stored.get(n)),
  );
  const id = override || Number(info.lastInsertRowid);
  onInserted?.(id);
  if (form.history === 'yes') {
    datalogSave(call, table, 'i', form.index, '', undefined, fetchRow(call, table, id), datalogUser(call, profile));
  }
  const returned = input._primary_id !== undefined && input._primary_id !== null ? input._primary_id : String(id);
  return { returned, id };
}

/** The sys_datalog `user`: 'admin' for remote-user sessions (their reads reload the admin profile), the client's login otherwise. */
function datalogUser(call: RecordScope, profile: Profile): string {
  return call.session?.clientLogin ? profile.username : 'admin';
}

/** Options of the generic update. */
export interface UpdateOptions {
  /** The stored row is merged by the caller already (client_update); skip the PASSWORD handling of updateQueryPrepare. */
  premerged?: boolean;
  /** Text validation already produced before the form runs (prepended, as ISPConfig accumulates errorMessage). */
  errorPrefix?: string;
}

/**
 * `updateQuery($form, $client_id, $primary_id, $params)` (remote.d/sites.inc.php, 3.2.11):
 * the stored row is loaded, PASSWORD fields the caller left empty dropped,
 * params merged over it, every form field validated and written. A
 * `client_id` > 0 re-owns the row to that client; 0 keeps the owner.
 * Returns MySQL's affected rows: 1 only when some value actually changed.
 */
export function updateRecord(call: RecordScope, formName: string, clientId: unknown, primaryId: unknown, params: unknown, options: UpdateOptions = {}): number {
  const form = formDef(formName);
  const profile = loadProfile(call, clientId);
  let errors = options.errorPrefix ?? '';
  const input = arrayParams(params);
  let old: Row | Row[] | null = null;
  const looked = getDataRecord(call, form, primaryId, profile);
  if (Array.isArray(looked)) {
    // getDataRecord's "ID must be either an integer or an array" note stays in errorMessage for a non-numeric id.
    if (!isNumeric(primaryId) && !isPhpArray(primaryId) && !Array.isArray(primaryId)) errors += 'The ID must be either an integer or an array.';
  } else old = looked;
  const merged: PhpArray = { ...(old ?? {}) };
  if (!options.premerged) {
    for (const [key, field] of Object.entries(form.fields)) {
      if (field.formtype === 'PASSWORD' && (input[key] === undefined || input[key] === null || input[key] === '' || input[key] === '0')) delete merged[key];
    }
  }
  Object.assign(merged, input);
  const id = isPhpArray(primaryId) || Array.isArray(primaryId) ? 0 : intval(primaryId);
  const { values, errors: formErrors } = encodeForm(call, form, merged, 'UPDATE', id, profile);
  errors += formErrors;
  if (errors !== '') throw faults.dataProcessing(errors);
  return executeUpdate(call, form, profile, id, values);
}

/** The UPDATE half of updateQuery: `UPDATE t SET <every field> WHERE <auth> AND pk = id`, affected rows back. */
export function executeUpdate(call: RecordScope, form: FormDef, profile: Profile, id: number, values: Encoded): number {
  const table = form.table;
  const set: Encoded = [...values];
  const reown = form.auth === 'yes' && profile.clientId > 0 && (profile.userid ?? 0) > 0 && (profile.defaultGroup ?? 0) > 0;
  if (reown)
    set.push({ field: 'sys_userid', value: String(profile.userid), raw: true }, { field: 'sys_groupid', value: String(profile.defaultGroup), raw: true });
  const auth = authSql(profile, 'u');
  const sql = `UPDATE \`${table}\` SET ${set.map((v) => `\`${v.field}\` = ${literal(v)}`).join(', ')} WHERE ${auth.sql === '1' ? '1' : auth.sql} AND ${form.index} = ${id}`;
  let stored: Map<string, string | null>;
  try {
    stored = storeAll(call, table, set, 'UPDATE');
  } catch (error) {
    databaseError(error, sql);
  }
  const current = rowOf(
    prepare<unknown[], Record<string, unknown>>(call.db, `SELECT * FROM ${sqlName(table)} WHERE "${form.index}" = ? AND ${auth.sql}`).get(
      String(id),
      ...auth.params,
    ),
  );
  if (!current) return 0;
  const changed = [...stored].filter(([k, v]) => current[k] !== v);
  if (!changed.length) return 0;
  prepare(call.db, `UPDATE ${sqlName(table)} SET ${changed.map(([k]) => `"${k}" = ?`).join(', ')} WHERE "${form.index}" = ?`).run(
    ...changed.map(([, v]) => v),
    String(id),
  );
  if (form.history === 'yes') datalogSave(call, table, 'u', form.index, id, current, fetchRow(call, table, id), datalogUser(call, profile));
  return 1;
}

/**
 * `deleteQuery($form, $primary_id)`: id 0 or negative → invalid_id (the old
 * row is read first); otherwise the affected rows, 1 or 0. ISPConfig pastes
 * the id into the SQL unchecked; mockpanel coerces it to an integer
 * (remoting.inc.php deleteQuery, 3.2.11).
 */
export function deleteRecord(call: RecordScope, formName: string, primaryId: unknown): number {
  const form = formDef(formName);
  const profile = loadProfile(call, 0);
  const old = getDataRecord(call, form, primaryId, profile);
  const id = isPhpArray(primaryId) || Array.isArray(primaryId) ? 0 : intval(primaryId);
  const auth = authSql(profile, 'd');
  const info = prepare(call.db, `DELETE FROM ${sqlName(form.table)} WHERE "${form.index}" = ? AND ${auth.sql}`).run(String(id), ...auth.params);
  if (info.changes && form.history === 'yes' && old && !Array.isArray(old)) {
    datalogSave(call, form.table, 'd', form.index, id, old, undefined, datalogUser(call, profile));
  }
  return info.changes;
}

/** Raw `INSERT` of a row outside the form helpers (sys_group, sys_user, remote actions…), values stored as given. */
export function insertRow(call: RecordScope, table: string, row: Record<string, string | number | null>): number {
  const names = Object.keys(row);
  const info = prepare(call.db, `INSERT INTO ${sqlName(table)} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => (row[n] === null ? null : String(row[n]))),
  );
  return Number(info.lastInsertRowid);
}

/** A raw `UPDATE … SET active` (no datalog); MySQL's changed-rows count: 0 when the value was already set. */
export function setActive(db: RecordScope['db'], table: string, pk: string, id: string, value: string): number {
  return prepare(db, `UPDATE ${sqlName(table)} SET active = ? WHERE "${pk}" = ? AND active IS NOT ?`).run(value, id, value).changes;
}
