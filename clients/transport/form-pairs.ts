/** A form parameter value: booleans go as 1/0, arrays as a repeated key, undefined is left out. */
export type FormValue = string | number | boolean | readonly (string | number)[] | undefined;

/** Name/value pairs for a query string or form body, in the caller's order (cPanel and WHM read them so). */
export function formPairs(params: Record<string, FormValue>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) pairs.push([key, String(v)]);
    else pairs.push([key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
  }
  return pairs;
}
