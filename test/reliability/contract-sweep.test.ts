import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import type { MethodContract, ParamContract, ValueType } from '../../contracts/contract.js';
import type { Core } from '../../emulators/core/dispatcher.js';
import type { PanelRequest } from '../../emulators/core/types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { createMockpanel, PANELS } from '../../emulators/mockpanel.js';
import { verifyDocs } from '../../scripts/docs-cassettes/verify-docs.js';

// A handler error is a bug, never an answer. Every documented method of every panel is called once with
// arguments built from its contract (defaults, documented values, plausible samples), and every docs cassette
// (the documents' own examples) is replayed; any error that reaches the dispatcher's internal-error hook fails.
const internal: string[] = [];
const core: Core = createMockpanel({
  onInternalError: (error, panel, method) => internal.push(`${panel}.${method}: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`),
});
afterAll(() => core.worlds.close());

// The xmlrpc package's own serializer (a third-party client's bytes; its types do not declare the module).
const { serializeMethodCall } = createRequire(import.meta.url)('xmlrpc/lib/serializer.js') as {
  serializeMethodCall(method: string, params: unknown[]): string;
};
const WHM_ROOT = 'whm root:MOCKPANELROOTTOKEN00000000000000';

const SAMPLES: [RegExp, unknown][] = [
  [/domain|hostname|zone|origin/i, 'example.com'],
  [/^(user|username|owner|login)$/i, 'alice'],
  [/email|mail/i, 'someone@example.com'],
  [/^ip$|_ip$|address/i, '192.0.2.10'],
  [/password|pass$/i, 'S3cret!pass-1'],
];

function sampleOf(p: ParamContract): unknown {
  if (p.default !== undefined && p.default !== null) return p.default;
  if (p.enum?.length) return p.enum[0];
  const type = (Array.isArray(p.type) ? p.type[0] : p.type) as ValueType;
  switch (type) {
    case 'int':
      return p.minimum ?? 1;
    case 'double':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'struct':
      return Object.fromEntries(Object.entries(p.fields ?? {}).map(([k, f]) => [k, sampleOf({ name: k, type: f.type, required: true, enum: f.enum })]));
    case 'datetime':
      return new Date(Date.UTC(2030, 0, 1));
    case 'base64':
      return Buffer.from('sample');
    case 'nil':
      return null;
    default:
      return SAMPLES.find(([re]) => re.test(p.name))?.[1] ?? 'sample';
  }
}

const isSession = (p: ParamContract) => /^(session|session_id|apikey)$/.test(p.name);

async function call(panel: PanelId, world: string, path: string, query: string, body: string, headers: Record<string, string>) {
  const request: PanelRequest = { panel, world, httpMethod: 'POST', path, query, headers, body: Buffer.from(body), remoteAddress: '127.0.0.1' };
  const response = await core.handle(request);
  return { status: response.status, text: String(response.body) };
}

/** Logs in to `world` and returns the session argument the panel's methods take. */
async function sessionFor(panel: PanelId, world: string): Promise<string | undefined> {
  const xml = (text: string) => /<string>([^<]+)<\/string>/.exec(text)?.[1];
  if (panel === 'webfaction')
    return xml((await call(panel, world, '/', '', serializeMethodCall('login', ['widgetsco', 'widgetsrock']), { 'content-type': 'text/xml' })).text);
  if (panel === 'gandi')
    return xml((await call(panel, world, '/xmlrpc/', '', serializeMethodCall('login', ['AA1234-GANDI', 'mypassword']), { 'content-type': 'text/xml' })).text);
  if (panel === 'ispconfig') {
    const r = await call(panel, world, '/remote/json.php', 'login', JSON.stringify({ username: 'admin', password: 'admin' }), {
      'content-type': 'application/json',
    });
    return (JSON.parse(r.text) as { response: string }).response;
  }
  return undefined;
}

/** One call of `method` with contract-built arguments, in the panel's own wire format. */
async function callWithSamples(panel: PanelId, method: MethodContract, world: string, session: string | undefined) {
  const value = (p: ParamContract) => (isSession(p) ? session : sampleOf(p));
  const params = method.params.filter((p) => !p.variadic);
  switch (panel) {
    case 'webfaction':
    case 'gandi': {
      const args = params.map(value);
      while (args.length && args[args.length - 1] === undefined) args.pop();
      return call(panel, world, panel === 'gandi' ? '/xmlrpc/' : '/', '', serializeMethodCall(method.name, args), { 'content-type': 'text/xml' });
    }
    case 'ispconfig':
      return call(panel, world, '/remote/json.php', method.name, JSON.stringify(Object.fromEntries(params.map((p) => [p.name, value(p)]))), {
        'content-type': 'application/json',
      });
    case 'whm':
      return call(panel, world, `/json-api/${method.name}`, 'api.version=1', JSON.stringify(Object.fromEntries(params.map((p) => [p.name, value(p)]))), {
        'content-type': 'application/json',
        authorization: WHM_ROOT,
      });
    case 'cpanel': {
      // The seeded account carol (WHM's seed) on the cPanel door: UAPI at /execute/M/f, API 2 at /json-api/cpanel.
      const [api, module, fn] = method.name.startsWith('API2::') ? method.name.split('::') : ['UAPI', ...method.name.split('::')];
      const form = new URLSearchParams(params.map((p) => [p.name, String(value(p))]));
      const path = method.name === 'login' ? '/login' : api === 'API2' ? '/json-api/cpanel' : `/execute/${module}/${fn}`;
      const query = api === 'API2' ? `cpanel_jsonapi_apiversion=2&cpanel_jsonapi_module=${module}&cpanel_jsonapi_func=${fn}` : '';
      return call(panel, world, path, query, form.toString(), {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('carol:carolpw').toString('base64')}`,
      });
    }
  }
}

describe('no documented call ends in a handler error', () => {
  it.each(PANELS.map((p) => [p.id, p] as const))(
    '%s: every contract method with arguments built from its contract',
    async (_id, panel) => {
      internal.length = 0;
      let calls = 0;
      for (const method of panel.contract.methods) {
        const world = core.worlds.create().id;
        try {
          const session = await sessionFor(panel.id, world);
          // Without a session every call would stop at authentication and never reach its handler.
          if (panel.id !== 'whm' && panel.id !== 'cpanel') expect(session, `${panel.id} login`).toMatch(/\w{8,}/);
          const r = await callWithSamples(panel.id, method, world, session);
          expect(r.status, `${panel.id}.${method.name}`).not.toBe(404);
          calls++;
        } finally {
          core.worlds.delete(world);
        }
      }
      expect(calls).toBe(panel.contract.methods.length);
      expect(internal).toEqual([]);
    },
    120_000,
  );

  it('every docs cassette replays without a handler error', async () => {
    internal.length = 0;
    const result = await verifyDocs(core);
    const interactions = Object.values(result.counts).reduce((n, c) => n + c.interactions, 0);
    expect(interactions).toBeGreaterThan(500);
    expect(internal).toEqual([]);
  }, 120_000);
});
