import type { ReturnContract, ValueType } from '../../contracts/contract.js';

/** `dns_zone_get_id` → `dnsZoneGetId`. */
export function camel(name: string): string {
  return name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A property name as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
export function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** The TypeScript type of a contract value type as the XML-RPC and JSON clients decode it (`struct` names the struct type to use). */
export function tsType(t: ValueType | ValueType[] | undefined, struct = 'Record<string, unknown>'): string {
  const list = t === undefined ? ['any'] : Array.isArray(t) ? t : [t];
  return list
    .map((v) => {
      switch (v) {
        case 'string':
          return 'string';
        case 'int':
        case 'double':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'struct':
          return struct;
        case 'array':
          return 'unknown[]';
        case 'nil':
          return 'null';
        case 'datetime':
          return 'Date';
        case 'base64':
          return 'Buffer';
        default:
          return 'unknown';
      }
    })
    .join(' | ');
}

/** The element type of a rest parameter or array: parenthesised when it is a union. */
export function arrayOf(type: string): string {
  return type.includes(' | ') ? `(${type})[]` : `${type}[]`;
}

/** A contract return as a TypeScript type: struct keys, array items, tuples, and the edge-case types (`also`). */
export function returnType(r: ReturnContract | undefined): string {
  if (!r) return 'unknown';
  let main: string;
  if (r.tuple) main = `[${r.tuple.map(returnType).join(', ')}]`;
  else if (r.type === 'array' && r.items) main = arrayOf(returnType(r.items));
  else if (r.type === 'struct' && r.keys)
    main = `{ ${Object.entries(r.keys)
      .map(([k, t]) => `${key(k)}: ${tsType(t)}`)
      .join('; ')} }`;
  else main = tsType(r.type);
  const also = (r.also ?? []).map((t) => tsType(t));
  return [...new Set([main, ...also])].join(' | ');
}
