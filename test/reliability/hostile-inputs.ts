/**
 * Hostile inputs for the five panel endpoints, shared by the CI bystander
 * test (test/reliability/bystander.test.ts), the long form
 * (test/reliability/long-form.ts) and bench/bystander.ts. Each names the
 * wire format its answer must be in.
 */

export type Door = 'webfaction' | 'gandi' | 'ispconfig-soap' | 'ispconfig-json' | 'whm';

export interface HostileInput {
  name: string;
  door: Door;
  method: 'GET' | 'POST';
  /** Path on the shared port, with the query. */
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export const DOOR_PATHS: Record<Door, string> = {
  webfaction: '/webfaction/',
  gandi: '/gandi/xmlrpc/',
  'ispconfig-soap': '/ispconfig/remote/index.php',
  'ispconfig-json': '/ispconfig/remote/json.php',
  whm: '/whm/json-api/',
};

export const WHM_ROOT = { authorization: 'whm root:MOCKPANELROOTTOKEN00000000000000' };

const SOAP_HEAD =
  '<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://localhost/remote/"><SOAP-ENV:Body>';
const SOAP_TAIL = '</SOAP-ENV:Body></SOAP-ENV:Envelope>';
const BOMB_DTD =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>';

const methodCall = (name: string, params: string) => `<?xml version="1.0"?><methodCall><methodName>${name}</methodName><params>${params}</params></methodCall>`;
const param = (value: string) => `<param><value>${value}</value></param>`;

function xmlRpcInputs(door: 'webfaction' | 'gandi', n: Scale): HostileInput[] {
  const path = DOOR_PATHS[door];
  const x = (name: string, body: string): HostileInput => ({
    name: `${door}: ${name}`,
    door,
    method: 'POST',
    path,
    body,
    headers: { 'content-type': 'text/xml' },
  });
  return [
    x('entity bomb', `<?xml version="1.0"?>${BOMB_DTD}${methodCall('login', param('<string>&lol4;</string>'))}`),
    x('arrays nested 100,000 deep', methodCall('login', param(`${'<array><data><value>'.repeat(100_000)}${'</value></data></array>'.repeat(100_000)}`))),
    x(
      'structs nested 20,000 deep',
      methodCall('login', param(`${'<struct><member><name>a</name><value>'.repeat(20_000)}${'</value></member></struct>'.repeat(20_000)}`)),
    ),
    x('a 5 MB string argument', methodCall('login', param(`<string>${'A'.repeat(n(5_000_000))}</string>`) + param('<string>pw</string>'))),
    x('100,000 arguments', methodCall('login', param('<int>1</int>').repeat(n(100_000)))),
    x('a 1,000,000-character method name', methodCall('m'.repeat(n(1_000_000)), '')),
    x('garbage', 'garbage'),
    x('an unclosed document 2 MB long', `<?xml version="1.0"?><methodCall>${'<x>'.repeat(n(500_000))}`),
  ];
}

function soapInputs(n: Scale): HostileInput[] {
  const x = (name: string, body: string): HostileInput => ({
    name: `ispconfig-soap: ${name}`,
    door: 'ispconfig-soap',
    method: 'POST',
    path: DOOR_PATHS['ispconfig-soap'],
    body,
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"https://localhost/remote/index.php#login"' },
  });
  return [
    x(
      'entity bomb',
      `<?xml version="1.0"?>${BOMB_DTD}${SOAP_HEAD.slice(21)}<ns1:login><username>&lol4;</username><password>x</password></ns1:login>${SOAP_TAIL}`,
    ),
    x('elements nested 100,000 deep', `${SOAP_HEAD}<ns1:login><username>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</username></ns1:login>${SOAP_TAIL}`),
    x('a 100,000-character password', `${SOAP_HEAD}<ns1:login><username>admin</username><password>${'A'.repeat(100_000)}</password></ns1:login>${SOAP_TAIL}`),
    x('a 200,000-character method name', `${SOAP_HEAD}<ns1:${'x'.repeat(200_000)}/>${SOAP_TAIL}`),
    x('100,000 arguments', `${SOAP_HEAD}<ns1:login>${'<p>1</p>'.repeat(n(100_000))}</ns1:login>${SOAP_TAIL}`),
    x(
      'a 5 MB attribute',
      `${SOAP_HEAD}<ns1:login a="${'v'.repeat(n(5_000_000))}"><username>admin</username><password>admin</password></ns1:login>${SOAP_TAIL}`,
    ),
    x('garbage', 'garbage'),
  ];
}

function ispJsonInputs(n: Scale): HostileInput[] {
  const x = (name: string, method: string, body: string): HostileInput => ({
    name: `ispconfig-json: ${name}`,
    door: 'ispconfig-json',
    method: 'POST',
    path: `${DOOR_PATHS['ispconfig-json']}?${method}`,
    body,
    headers: { 'content-type': 'application/json' },
  });
  return [
    x('a 40,000-character password', 'login', JSON.stringify({ username: 'admin', password: 'A'.repeat(40_000) })),
    x('nesting 100,000 deep', 'login', `{"username":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    x('a 5 MB username', 'login', JSON.stringify({ username: 'u'.repeat(n(5_000_000)), password: 'x' })),
    x('100,000 keys', 'login', JSON.stringify(Object.fromEntries(Array.from({ length: n(100_000) }, (_, i) => [`k${i}`, i])))),
    x('a 12,000-character method name', 'y'.repeat(12_000), '{}'),
    x('garbage', 'login', '{garbage'),
  ];
}

function whmInputs(n: Scale): HostileInput[] {
  const x = (name: string, fn: string, query: string, body?: string, type?: string): HostileInput => ({
    name: `whm: ${name}`,
    door: 'whm',
    method: body === undefined ? 'GET' : 'POST',
    path: `${DOOR_PATHS.whm}${fn}?api.version=1${query ? `&${query}` : ''}`,
    body,
    headers: { ...WHM_ROOT, ...(type ? { 'content-type': type } : {}) },
  });
  const form = 'application/x-www-form-urlencoded';
  return [
    x('a catastrophic search regex', 'listaccts', `searchtype=domain&search=${encodeURIComponent('^(a+)+$')}`),
    x('a catastrophic search regex (showbw)', 'showbw', `searchtype=domain&search=${encodeURIComponent('(a|a)*$')}`),
    x('a 40,000-character search', 'listaccts', '', `searchtype=domain&search=${encodeURIComponent('(x'.repeat(10_000) + ')'.repeat(10_000))}`, form),
    x('JSON nested 10,000 deep', 'accountsummary', '', `{"user":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'application/json'),
    x('JSON nested 100,000 deep', 'accountsummary', '', `{"user":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`, 'application/json'),
    x('100,000 form fields', 'listaccts', '', Array.from({ length: n(100_000) }, (_, i) => `f${i}=${i}`).join('&'), form),
    x('a 5 MB field', 'accountsummary', '', `user=${'u'.repeat(n(5_000_000))}`, form),
    x(
      '1,000 list filters',
      'listaccts',
      Array.from({ length: 1000 }, (_, i) => `api.filter.a_${i}.field=user&api.filter.a_${i}.arg0=x&api.filter.a_${i}.type=contains`)
        .join('&')
        .slice(0, 14_000),
    ),
    x('a 12,000-character function name', 'z'.repeat(12_000), ''),
    x('garbage JSON', 'listaccts', '', '\u0000garbage', 'application/json'),
  ];
}

type Scale = (size: number) => number;

/**
 * Every hostile input, 39 of them over the five endpoints. `scale` shrinks
 * the inputs whose cost is linear in their size (long strings, many
 * members): parsing megabytes on the event loop costs a bystander in
 * proportion, which the long form measures at full size (scale 1); CI runs
 * them at a tenth, which still catches any cost that grows faster than the
 * input. Inputs whose danger is their shape (nesting, regexes, password
 * length, method-name length in a URL) are never scaled.
 */
export function hostileInputs(scale = 1): HostileInput[] {
  const n: Scale = (size) => Math.max(1, Math.round(size * scale));
  return [...xmlRpcInputs('webfaction', n), ...xmlRpcInputs('gandi', n), ...soapInputs(n), ...ispJsonInputs(n), ...whmInputs(n)];
}

/**
 * Why an answer is not in the door's own format, or undefined when it is: a
 * generic HTTP 500, a stack trace or an HTML page is never a panel's answer.
 */
export function wrongFormat(door: Door, status: number, contentType: string, text: string): string | undefined {
  if (/\n\s+at .+:\d+:\d+\)?/.test(text)) return 'a stack trace';
  if (text.includes('"code":"internal"')) return 'mockpanel’s generic internal error';
  switch (door) {
    case 'webfaction':
    case 'gandi':
      return text.includes('<methodResponse>') ? undefined : `not an XML-RPC methodResponse (HTTP ${status})`;
    case 'ispconfig-soap':
      return /<SOAP-ENV:Envelope[\s\S]*<SOAP-ENV:(Body|Fault)/.test(text) ? undefined : `not a SOAP envelope (HTTP ${status})`;
    case 'ispconfig-json': {
      try {
        const body = JSON.parse(text) as { code?: unknown };
        return typeof body.code === 'string' ? undefined : 'JSON without ISPConfig’s code';
      } catch {
        // PHP prints nothing for an answer json_encode cannot write (php-json-encode.ts).
        return text === '' && status === 200 ? undefined : `not JSON (HTTP ${status}, ${contentType})`;
      }
    }
    case 'whm': {
      if ((status === 401 || status === 403) && /Access denied/i.test(text)) return undefined;
      try {
        const body = JSON.parse(text) as { metadata?: { result?: unknown }; result?: unknown };
        return body.metadata && typeof body.metadata.result === 'number' ? undefined : 'JSON without WHM metadata';
      } catch {
        return `not JSON (HTTP ${status}, ${contentType})`;
      }
    }
  }
}
