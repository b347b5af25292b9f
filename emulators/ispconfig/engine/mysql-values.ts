import type { ColumnDef } from '../schema/index.js';

/** The database name ISPConfig installs use, as MySQL names it in error messages (the recorded 3.2.11 run: database_error). */
const DB_NAME = 'dbispconfig';

/** A value MySQL refused in strict mode: the message is what `$app->db->errorMessage` carries. */
export class MysqlValueError extends Error {}

interface Kind {
  base: string;
  length?: number;
  members?: string[];
  unsigned: boolean;
}

const kinds = new Map<string, Kind>();

function kindOf(type: string): Kind {
  let k = kinds.get(type);
  if (!k) {
    const base = /^\w+/.exec(type)![0].toLowerCase();
    const args = /\((.*)\)/.exec(type)?.[1];
    k = { base, unsigned: /unsigned/i.test(type) };
    if ((base === 'enum' || base === 'set') && args) k.members = [...args.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
    else if (args && /^\s*\d+\s*$/.test(args)) k.length = Number(args);
    kinds.set(type, k);
  }
  return k;
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  mediumint: [-8388608n, 8388607n],
  int: [-2147483648n, 2147483647n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/**
 * Stores a value the way MySQL does for an INSERT/UPDATE of `'value'`
 * (ISPConfig quotes every value it writes). Non-strict mode (what typical
 * installs configure; inferred from the install guides) coerces silently: '' or text
 * into an int column is 0, an unknown ENUM value is the empty value '',
 * overlong strings are cut, bad dates are zero dates. Strict mode
 * (`STRICT_TRANS_TABLES`, MariaDB's default) refuses instead, with MySQL's
 * own message.
 */
export function storeValue(table: string, column: ColumnDef, value: string | null, strict: boolean): string | null {
  if (value === null) return null;
  const k = kindOf(column.type);
  const incorrect = (what: string) =>
    new MysqlValueError(`Incorrect ${what} value: '${value}' for column \`${DB_NAME}\`.\`${table}\`.\`${column.name}\` at row 1`);
  const truncated = () => new MysqlValueError(`Data truncated for column '${column.name}' at row 1`);
  switch (k.base) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'int':
    case 'integer':
    case 'bigint': {
      const m = /^\s*([+-]?\d+)(\.\d*)?(e[+-]?\d+)?/i.exec(value);
      if (!m) {
        if (strict) throw incorrect('integer');
        return '0';
      }
      let n = BigInt(m[1]);
      if (m[2] || m[3]) {
        // MySQL rounds a decimal string stored into an integer column.
        n = BigInt(Math.round(Number(m[0])));
      }
      if (strict && m[0].length !== value.length) throw truncated();
      let [lo, hi] = INT_RANGE[k.base];
      if (k.unsigned) [lo, hi] = [0n, hi * 2n + 1n];
      if (n < lo || n > hi) {
        if (strict) throw new MysqlValueError(`Out of range value for column '${column.name}' at row 1`);
        n = n < lo ? lo : hi;
      }
      return n.toString();
    }
    case 'double':
    case 'float':
    case 'decimal': {
      const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(value);
      if (!m) {
        if (strict) throw incorrect('double');
        return '0';
      }
      return String(Number(m[0]));
    }
    case 'enum': {
      const hit = k.members!.find((v) => v.toLowerCase() === value.toLowerCase());
      if (hit !== undefined) return hit;
      if (strict) throw truncated();
      return '';
    }
    case 'set': {
      if (value === '') return '';
      const parts = value.split(',');
      const hits = k.members!.filter((v) => parts.some((p) => p.toLowerCase() === v.toLowerCase()));
      if (hits.length !== parts.length && strict) throw truncated();
      return hits.join(',');
    }
    case 'date': {
      const d = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
      if (!d) {
        if (strict) throw incorrect('date');
        return '0000-00-00';
      }
      return `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`;
    }
    case 'datetime':
    case 'timestamp': {
      const d = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?/.exec(value);
      if (!d) {
        if (strict) throw incorrect('datetime');
        return '0000-00-00 00:00:00';
      }
      const p = (s: string | undefined) => (s ?? '0').padStart(2, '0');
      return `${d[1]}-${p(d[2])}-${p(d[3])} ${p(d[4])}:${p(d[5])}:${p(d[6])}`;
    }
    case 'char':
    case 'varchar': {
      const chars = [...value];
      if (k.length !== undefined && chars.length > k.length) {
        if (strict) throw new MysqlValueError(`Data too long for column '${column.name}' at row 1`);
        return chars.slice(0, k.length).join('');
      }
      return value;
    }
    default:
      return value;
  }
}

/** A column's value for an INSERT that does not name it: its declared default, the implicit default when it has none. */
export function implicitDefault(column: ColumnDef, now: string): string | null {
  if (column.default === 'CURRENT_TIMESTAMP') return now;
  if (column.default !== undefined) return column.default;
  if (column.nullable) return null;
  const k = kindOf(column.type);
  if (k.base === 'enum') return k.members![0];
  if (['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'double', 'float', 'decimal'].includes(k.base)) return '0';
  if (k.base === 'date') return '0000-00-00';
  if (k.base === 'datetime' || k.base === 'timestamp') return '0000-00-00 00:00:00';
  return '';
}

/** MySQL's `Column 'x' cannot be null` (a single-row INSERT refuses NULL in a NOT NULL column even in non-strict mode). */
export function nullRefused(column: ColumnDef): MysqlValueError {
  return new MysqlValueError(`Column '${column.name}' cannot be null`);
}

/** World time as MySQL prints a DATETIME. inferred: the emulated server's time zone is UTC. */
export function mysqlDateTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
