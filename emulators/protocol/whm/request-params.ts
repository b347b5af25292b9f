import { nestsDeeperThan } from '../../core/bounds.js';
import { PanelFault } from '../../core/panel-fault.js';
import type { PanelRequest } from '../../core/types.js';
import { perlString } from './perl-scalars.js';

/** A WHM call's arguments: function parameters by name, and the `api.*` variables apart. */
export interface WhmRequestParams {
  /**
   * Function parameters. A key sent once is a string; a repeated key is an
   * array of its values in wire order (query first, then body). JSON bodies
   * keep their JSON types. `api.*` keys are never here.
   */
  named: Record<string, unknown>;
  /** The `api.*` variables as [name, value] in wire order, repeats included. */
  apiPairs: [string, string][];
  /** The parsed JSON body when the request sent one. */
  jsonBody?: unknown;
}

const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;

/**
 * Decodes one query component like WHM's legacy parser: `+` is a space,
 * `%XX` runs are UTF-8 bytes; a stray `%` stays as it is (never throws).
 */
export function decodeFormComponent(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  return text.replace(/\+/g, ' ').replace(PERCENT_RUN, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** Splits `a=1&b=2` the way WHM does: on `&` only, name and value at the first `=`. */
export function splitFormPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (!text) return pairs;
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeFormComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeFormComponent(part.slice(eq + 1));
    if (name) pairs.push([name, value]);
  }
  return pairs;
}

/**
 * Collects the arguments from the query string and the body: a form body
 * (any content type but JSON and multipart, as WHM's form parser reads any
 * plain body), or a JSON body for the functions that take one. Throws a
 * protocol PanelFault for a JSON body that does not parse.
 */
export function parseWhmRequestParams(request: PanelRequest): WhmRequestParams {
  const seen = new Map<string, unknown[]>();
  const apiPairs: [string, string][] = [];
  const add = (name: string, value: unknown) => {
    if (name.startsWith('api.')) {
      const text = perlString(value);
      if (text !== undefined) apiPairs.push([name, text]);
      return;
    }
    // Cpanel/Form.pm refuses every `file-*` key: such names would reach the file system.
    if (name.startsWith('file-')) return;
    const list = seen.get(name);
    if (list) list.push(value);
    else seen.set(name, [value]);
  };

  for (const [name, value] of splitFormPairs(request.query)) add(name, value);

  let jsonBody: unknown;
  const body = request.body.length ? request.body.toString('utf8') : '';
  if (body.trim()) {
    const type = (request.headers['content-type'] ?? '').toLowerCase();
    if (type.includes('json')) {
      try {
        jsonBody = JSON.parse(body);
      } catch (error) {
        throw new PanelFault('invalid_json', `The request body is not valid JSON: ${(error as Error).message}`, { origin: 'protocol' });
      }
      // Cpanel::JSON decodes with JSON::XS, whose default max_depth is 512 (inferred from JSON::XS's documentation);
      // the check runs before anything recursive walks the value.
      if (nestsDeeperThan(jsonBody, 512)) {
        throw new PanelFault(
          'invalid_json',
          'The request body is not valid JSON: json text or perl structure exceeds maximum nesting level (max_depth set too low?)',
          {
            origin: 'protocol',
          },
        );
      }
      if (typeof jsonBody === 'object' && jsonBody !== null && !Array.isArray(jsonBody)) {
        for (const [name, value] of Object.entries(jsonBody)) add(name, value);
      }
    } else if (!type.startsWith('multipart/')) {
      for (const [name, value] of splitFormPairs(body)) add(name, value);
    }
    // multipart/form-data (restore_config_from_upload only) is not read: mockpanel keeps no uploads.
  }
  const named = new Map<string, unknown>();
  for (const [name, values] of seen) named.set(name, values.length === 1 ? values[0] : values.flat());
  // fromEntries defines own properties, so a `__proto__` key stays a plain key.
  return { named: Object.fromEntries(named), apiPairs, jsonBody };
}
