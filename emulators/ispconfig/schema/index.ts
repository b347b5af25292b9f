import type { Migration } from '../../../state/database.js';
import { readDataJson } from '../../../kernel/data-file.js';
import type { ColumnDef, FormDef, IspconfigSchema, TableDef } from './types.js';

export type { ColumnDef, FormDef, FormField, FormRule, TableDef } from './types.js';

/** ISPConfig 3.2.11's tables, API forms, install rows and ini templates (see ispconfig-3.2.11.json's provenance). */
export const SCHEMA = readDataJson<IspconfigSchema>('emulators/ispconfig/schema/ispconfig-3.2.11.json');

/** Every ISPConfig table lives in the shared world database under this prefix. */
export const TABLE_PREFIX = 'ispc_';

/** The SQLite name of an ISPConfig table. */
export function sqlName(table: string): string {
  return `"${TABLE_PREFIX}${table}"`;
}

export function table(name: string): TableDef {
  const t = SCHEMA.tables[name];
  if (!t) throw new Error(`ISPConfig has no table ${name}`);
  return t;
}

export function form(name: string): FormDef {
  const f = SCHEMA.forms[name];
  if (!f) throw new Error(`ISPConfig has no form ${name}`);
  return f;
}

const columnCache = new Map<string, Map<string, ColumnDef>>();

/** The columns of a table by name. */
export function columns(name: string): Map<string, ColumnDef> {
  let map = columnCache.get(name);
  if (!map) {
    map = new Map(table(name).columns.map((c) => [c.name, c]));
    columnCache.set(name, map);
  }
  return map;
}

/** The single-column primary key of a table (every table the API writes has one). */
export function primaryKey(name: string): string {
  return table(name).primaryKey[0];
}

/**
 * SQLite DDL for every ISPConfig table. The engine stores values the way
 * MySQL would have converted them and reads every value back as a string;
 * the auto-increment key is an INTEGER PRIMARY KEY AUTOINCREMENT (ids are
 * never reused, like InnoDB's counter).
 */
function ddl(): string {
  return Object.entries(SCHEMA.tables)
    .map(([name, t]) => {
      const cols = t.columns.map((c) => {
        if (c.autoIncrement && t.primaryKey.length === 1 && t.primaryKey[0] === c.name) {
          return `"${c.name}" INTEGER PRIMARY KEY AUTOINCREMENT`;
        }
        const def = c.default === undefined || c.default === 'CURRENT_TIMESTAMP' ? '' : ` DEFAULT ${c.default === null ? 'NULL' : quote(c.default)}`;
        return `"${c.name}" ${affinity(c.type)}${def}`;
      });
      const auto = t.columns.some((c) => c.autoIncrement && t.primaryKey[0] === c.name);
      if (!auto && t.primaryKey.length) cols.push(`PRIMARY KEY (${t.primaryKey.map((k) => `"${k}"`).join(', ')})`);
      return `CREATE TABLE ${sqlName(name)} (${cols.join(', ')});`;
    })
    .join('\n');
}

/**
 * Integer and real columns get SQLite's numeric affinity so that comparisons
 * work as in MySQL whether a value arrives as 5 or '5' (values are stored
 * canonical already); text compares case-insensitively, as MySQL's default
 * utf8_general_ci collation does.
 */
function affinity(type: string): string {
  const base = /^\w+/.exec(type)![0].toLowerCase();
  if (['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint'].includes(base)) return 'INTEGER';
  if (['double', 'float', 'decimal', 'real'].includes(base)) return 'REAL';
  return 'TEXT COLLATE NOCASE';
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export const migrations: Migration[] = [{ version: 1, sql: ddl() }];
