/**
 * Builds the docs cassettes in fixtures/docs/ from the documents' own
 * examples (written by build.ts, re-checked by test/replay/docs-build.test.ts).
 *
 * WebFaction and Gandi come from the examples transcribed in
 * xmlrpc-examples.ts, ISPConfig from the recorded 3.2.11 run copied into
 * fixtures/captures; WHM needs the parsed API reference in
 * ../shared/research/whm/whm-api.json and is skipped, saying so, without it.
 * The cassettes are committed; test/replay/docs-cassettes.test.ts verifies
 * them against the emulator.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { implementationOf } from '../../emulators/core/method-lookup.js';
import type { PanelModule } from '../../emulators/core/panel.js';
import type { PanelRequest } from '../../emulators/core/types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { PANELS } from '../../emulators/mockpanel.js';
import { writeCassette, type Cassette, type RawResponse } from '../../emulators/replay/cassette.js';
import { CassetteWriter } from '../../emulators/replay/cassette-writer.js';
import { documentedAnswer, xmlRpcRequest } from './example-exchange.js';
import { GANDI_FLOW, WEBFACTION_EXAMPLES, type DocumentedFlow } from './xmlrpc-examples.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOCS_DIR = join(root, 'fixtures', 'docs');
/** The research notes beside the project (absent in a clone). */
export const SHARED = process.env.MOCKPANEL_SHARED ?? join(root, '..', 'shared');
/** Where WHM's docs cassettes come from. */
export const WHM_REFERENCE = join(SHARED, 'research/whm/whm-api.json');
/** The build date written into provenance: fixed, so rebuilding unchanged sources changes no file. */
const BUILT_AT = '2026-11-22T00:00:00.000Z';

const panelOf = (id: PanelId): PanelModule => PANELS.find((p) => p.id === id)!;

interface Exchange {
  request: PanelRequest;
  response: RawResponse;
  note?: string;
}

/**
 * A cassette from documented exchanges. The documents' sample values are
 * public: whatever a request sends that no answer hands out (the sample
 * passwords, a made-up session id) stays in clear; sessions and tokens the
 * panel hands out become placeholders, as a recording's would.
 */
function cassetteOf(
  panel: PanelModule,
  exchanges: Exchange[],
  provenance: Cassette['provenance'],
  extras: Pick<Cassette, 'masks' | 'settings'> = {},
): Cassette {
  // A first pass finds the secrets the requests bring (the ones a secrets file would hold); the second keeps them.
  const probe = new CassetteWriter(panel);
  for (const { request, response } of exchanges) probe.add(request, response);
  const writer = new CassetteWriter(panel, { keep: Object.values(probe.vault.toJSON()) });
  for (const { request, response, note } of exchanges) writer.add(request, response, note);
  return writer.cassette(provenance, extras);
}

function xmlRpcFlow(id: PanelId, flow: DocumentedFlow): Cassette {
  const panel = panelOf(id);
  const exchanges = flow.calls.map((call) => {
    const request = xmlRpcRequest(panel, flow.path, call.method, call.args);
    return { request, response: documentedAnswer(panel, request, call.answer), note: call.note };
  });
  return cassetteOf(
    panel,
    exchanges,
    { source: flow.source, recordedAt: BUILT_AT, recordedBy: 'emulators/replay/docs/build.ts', note: flow.note },
    { masks: flow.masks },
  );
}

/** The recorded ISPConfig 3.2.11 run (fixtures/captures/ispconfig-soap/real-ispconfig-3.2.11, copied from research/ispconfig/evidence). */
function ispconfigEvidence(): Cassette {
  const panel = panelOf('ispconfig');
  const file = join(root, 'fixtures/captures/ispconfig-soap/real-ispconfig-3.2.11/real-3.2.11-scenario-wire.json');
  const wire = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { request: string; response: string; response_headers: string }>;
  const exchanges = Object.entries(wire).map(([label, exchange]): Exchange => {
    const body = Buffer.from(exchange.request, 'utf8');
    const method = /<ns1:([A-Za-z0-9_]+)/.exec(exchange.request)?.[1] ?? '';
    const [statusLine, ...headerLines] = exchange.response_headers.split('\r\n').filter(Boolean);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!['date', 'host', 'connection', 'content-length'].includes(name)) headers[name] = line.slice(colon + 1).trim();
    }
    return {
      // The run's client was PHP SoapClient in non-WSDL mode (evidence README): its headers, its SOAPAction.
      request: {
        panel: 'ispconfig',
        world: 'default',
        httpMethod: 'POST',
        path: '/remote/index.php',
        query: '',
        headers: {
          host: '127.0.0.1:8080',
          connection: 'Keep-Alive',
          'user-agent': 'PHP-SOAP/8.2.36',
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"https://127.0.0.1:8080/remote/#${method}"`,
          'content-length': String(body.length),
        },
        body,
        remoteAddress: '127.0.0.1',
      },
      response: { status: Number(/^HTTP\/1\.\d (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: exchange.response },
      note: label,
    };
  });
  return cassetteOf(
    panel,
    exchanges,
    {
      source:
        'ISPConfig 3.2.11 interface/ (unmodified, tag 3.2.11) under PHP 8.2.36 + MariaDB 10.11, driven by PHP SoapClient; research/ispconfig/evidence/real-3.2.11-scenario-wire.json',
      panelVersion: '3.2.11 (git checkout: ISPC_APP_VERSION 3.2dev)',
      recordedAt: '2026-11-22T12:10:33.000Z',
      recordedBy: 'research notes (byte-exact capture), turned into a cassette by emulators/replay/docs/build.ts',
      note: 'Two remote users: apiuser (every function group) and dnsonly ("DNS zone functions"), both with the password api-secret; a fresh panel, so ids start at 1.',
    },
    {
      // What the run started from: its remote users and the version string of a git checkout (evidence README).
      settings: {
        'ispconfig.remoteUsers': [
          { username: 'apiuser', password: 'api-secret', functions: 'all' },
          {
            username: 'dnsonly',
            password: 'api-secret',
            functions: ['dns_zone_get', 'dns_zone_get_id', 'dns_zone_add', 'dns_zone_update', 'dns_zone_delete', 'dns_zone_set_status', 'dns_templatezone_add'],
          },
        ],
        'ispconfig.appVersion': '3.2dev',
      },
      masks: [
        // sys_datalog rows: the change queue's time stamps and PHP-serialized row images (hashes, times) of that run.
        { path: '/value/*/tstamp', kind: 'date' },
        { method: 'sys_datalog_get_by_tstamp', path: '/value/*/data', kind: 'any' },
        // client_add's key pair is random (ssh-keygen); the private half is a secret placeholder already.
        { method: 'client_get', path: '/value/ssh_rsa', kind: 'type' },
        { method: 'client_get', path: '/value/*/ssh_rsa', kind: 'type' },
      ],
    },
  );
}

interface WhmReference {
  name: string;
  request_sample_kind?: string;
  request_sample_args?: [string, string][];
  request_body?: unknown;
  response_sample?: unknown;
  response_sample_parse?: string;
}

/** The seeded root token (emulators/seeded-credentials.ts): public, like the documents' samples. */
const WHM_ROOT_TOKEN = 'MOCKPANELROOTTOKEN00000000000000';

/** One cassette per documented WHM function the emulator answers: the reference's example request and its response sample. */
function whmSamples(): Map<string, Cassette> | undefined {
  const file = WHM_REFERENCE;
  if (!existsSync(file)) return undefined;
  const panel = panelOf('whm');
  const reference = new Map((JSON.parse(readFileSync(file, 'utf8')) as WhmReference[]).map((f) => [f.name, f]));
  const out = new Map<string, Cassette>();
  for (const method of panel.contract.methods) {
    if (implementationOf(panel, method.name) === 'not implemented') continue; // answered "not implemented": no sample to compare
    const sample = method.returns?.sample;
    if (!sample || typeof sample !== 'object' || Object.keys(sample).length === 0) continue;
    const ref = reference.get(method.name);
    const args = ref?.request_sample_args ?? [];
    const query = ['api.version=1', ...args.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)].join('&');
    const request: PanelRequest = {
      panel: 'whm',
      world: 'default',
      httpMethod: 'GET',
      path: `/json-api/${method.name}`,
      query,
      headers: { host: 'whm.example.com:2087', authorization: `whm root:${WHM_ROOT_TOKEN}` },
      body: Buffer.alloc(0),
      remoteAddress: '127.0.0.1',
    };
    const response: RawResponse = { status: 200, headers: { 'content-type': 'application/json; charset="utf-8"' }, body: JSON.stringify(sample) };
    out.set(
      method.name,
      cassetteOf(
        panel,
        [{ request, response, note: `${method.name}: the reference's example request (${ref?.request_sample_kind ?? 'none'}) and response sample` }],
        {
          source: `cPanel WHM API 1 reference (seeds/004_3961e65386ab0594.txt), ${method.name}: request sample and response sample (research/whm/whm-api.json)`,
          recordedAt: BUILT_AT,
          recordedBy: 'emulators/replay/docs/build.ts',
        },
      ),
    );
  }
  return out;
}

/** The docs cassettes of one panel, by file name (without .json); undefined when their source is absent. */
export function buildPanelDocs(panel: PanelId): Map<string, Cassette> | undefined {
  switch (panel) {
    case 'webfaction':
      return new Map([[WEBFACTION_EXAMPLES.name, xmlRpcFlow('webfaction', WEBFACTION_EXAMPLES)]]);
    case 'gandi':
      return new Map([[GANDI_FLOW.name, xmlRpcFlow('gandi', GANDI_FLOW)]]);
    case 'ispconfig':
      return new Map([['evidence-3.2.11', ispconfigEvidence()]]);
    case 'whm':
      return whmSamples();
  }
}

/** Writes one panel's docs cassettes into fixtures/docs/<panel>/, removing ones no longer built. */
export function writePanelDocs(panel: PanelId, cassettes: Map<string, Cassette>): void {
  const dir = join(DOCS_DIR, panel);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.json') && !cassettes.has(name.slice(0, -5))) rmSync(join(dir, name));
  for (const [name, cassette] of cassettes) writeCassette(join(dir, `${name}.json`), cassette);
  const interactions = [...cassettes.values()].reduce((n, c) => n + c.interactions.length, 0);
  console.log(`${panel}: ${cassettes.size} cassettes, ${interactions} interactions → fixtures/docs/${panel}/`);
}
