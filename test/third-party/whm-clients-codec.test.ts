import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { PanelFault, isPanelFault } from '../../emulators/core/panel-fault.js';
import type { PanelRequest, PanelResponse } from '../../emulators/core/types.js';
import type { DecodedCall } from '../../emulators/protocol/codec.js';
import { createWhmJsonCodec, type WhmWire } from '../../emulators/protocol/whm/json-codec.js';
import { replyBody, withListOptions } from '../../emulators/whm/envelope/body.js';
import { describeWithClient } from '../support/third-party.js';

/*
 * The two npm WHM clients that exist (cpanel-lib 0.0.5, cpanel-rest-api 0.1.1)
 * talk to a node:http server whose only logic is the whm-json codec and the
 * WHM panel's answer envelope (emulators/whm/envelope/): it
 * decodes each call, remembers it, and answers listaccts with two accounts,
 * createacct with createacct's documented data (or a fault for the user
 * "taken"), and anything else with an echo of the decoded call.
 */

const require = createRequire(import.meta.url);
const TOKEN = 'U7ZQ2K9X4M1B8C3D6E5F0G7H2J9K4L1M';
const ACCESS_HASH = Array.from({ length: 30 }, (_, i) => `${i.toString(16).padStart(2, '0')}9f3b27c4e1d06a58b2f1c7e3a9d4b60`).join('');

const codec = createWhmJsonCodec();
const seen: DecodedCall<WhmWire>[] = [];
let server: Server;
let port: number;

const ACCOUNTS = [
  { user: 'bob', domain: 'bob.example', plan: 'default', suspended: 0, diskused: '12M', disklimit: 'unlimited', unix_startdate: 1706695200 },
  { user: 'alice', domain: 'alice.example', plan: 'gold', suspended: 1, diskused: '3M', disklimit: '500M', unix_startdate: 1706781600 },
];

function answer(call: DecodedCall<WhmWire>): unknown {
  if (call.method === 'listaccts') return { acct: ACCOUNTS };
  if (call.method === 'createacct') {
    if (call.named?.username === 'taken') throw new PanelFault('exists', 'Sorry, a user with the name “taken” already exists.');
    return { ip: '192.0.2.0', nameserver: 'ns1.example.com', package: 'default' };
  }
  return { echo: { method: call.method, named: call.named, apiVersion: call.wire.apiVersion } };
}

function toPanelRequest(method: string, url: URL, headers: PanelRequest['headers'], body: Buffer, remote: string): PanelRequest {
  return { panel: 'whm', world: 'default', httpMethod: method, path: url.pathname, query: url.search.slice(1), headers, body, remoteAddress: remote };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
      const request = toPanelRequest(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x'), headers, Buffer.concat(chunks), req.socket.remoteAddress ?? '');
      let call: DecodedCall<WhmWire> | undefined;
      let out: PanelResponse;
      try {
        const decoded = codec.decode(request);
        if (decoded.kind !== 'call') throw new Error('the WHM codec always yields a call');
        call = decoded.call;
        seen.push(call);
        // The WHM panel's answer envelope builds the body (list options, API 1 or API 0 form); the codec writes it.
        out = codec.encodeResult(replyBody(withListOptions(answer(call), call.wire), call.wire), call, request);
      } catch (error) {
        out = codec.encodeFault(isPanelFault(error) ? error : new PanelFault('internal', String(error)), call, request);
      }
      res.writeHead(out.status, out.headers).end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const installHint = 'npm ci (cpanel-lib and cpanel-rest-api are devDependencies)';

describeWithClient(
  'cpanel-lib 0.0.5 through the whm-json codec',
  { command: process.execPath, args: ['-e', "require.resolve('cpanel-lib')"], install: installHint },
  () => {
    type Callback = (err: unknown, res?: any) => void;
    interface Client {
      call(action: string, query: Record<string, unknown>, cb: Callback): void;
    }
    const cpanelLib = require('cpanel-lib') as { createClient(o: Record<string, unknown>): Client };
    const call = (client: Client, action: string, query: Record<string, unknown>) =>
      new Promise<any>((resolve, reject) => client.call(action, query, (err, res) => (err ? reject(new Error(String(err))) : resolve(res))));

    it('sends no api.version unless told, so listaccts gets the API 0 body; an access key under "WHM" that looks like a token is one', async () => {
      const client = cpanelLib.createClient({ host: '127.0.0.1', port, secure: false, username: 'root', accessKey: TOKEN });
      const legacy = await call(client, 'listaccts', {});
      expect(legacy).toEqual({ acct: ACCOUNTS, status: 1, statusmsg: 'OK' });
      expect(seen[0].wire.apiVersion).toBe(0);
      expect(seen[0].credentials).toEqual({ scheme: 'token', user: 'root', secret: TOKEN });

      const v1 = await call(client, 'listaccts', { 'api.version': 1, searchtype: 'user', search: 'bob' });
      expect(v1).toEqual({ data: { acct: ACCOUNTS }, metadata: { command: 'listaccts', reason: 'OK', result: 1, version: 1 } });
      expect(seen[1].wire.apiVersion).toBe(1);
      expect(seen[1].named).toEqual({ searchtype: 'user', search: 'bob' });
    });

    it('sends a real access hash as the accesshash scheme and a password as Basic', async () => {
      await call(cpanelLib.createClient({ host: '127.0.0.1', port, secure: false, username: 'reseller1', accessKey: ACCESS_HASH }), 'version', {
        'api.version': 1,
      });
      expect(seen[0].credentials).toEqual({ scheme: 'accesshash', user: 'reseller1', secret: ACCESS_HASH });
      await call(cpanelLib.createClient({ host: '127.0.0.1', port, secure: false, username: 'root', password: 's3cret:pw' }), 'version', { 'api.version': 1 });
      expect(seen[1].credentials).toEqual({ scheme: 'basic', user: 'root', secret: 's3cret:pw' });
    });

    it('creates an account with booleans as the words it sends, reads the fault envelope, and mangles arrays (qs brackets)', async () => {
      const client = cpanelLib.createClient({ host: '127.0.0.1', port, secure: false, username: 'root', accessKey: TOKEN });
      const created = await call(client, 'createacct', {
        'api.version': 1,
        username: 'carol',
        domain: 'carol.example',
        hasshell: true,
        cgi: 0,
        account_enhancements: ['a', 'b'],
      });
      expect(created.metadata).toEqual({ command: 'createacct', reason: 'OK', result: 1, version: 1 });
      expect(created.data.package).toBe('default');
      // qs writes arrays as account_enhancements[0]=a…, which WHM reads as unrelated keys: cpanel-lib cannot send a WHM list.
      expect(seen[0].named).toEqual({
        username: 'carol',
        domain: 'carol.example',
        hasshell: 'true',
        cgi: '0',
        'account_enhancements[0]': 'a',
        'account_enhancements[1]': 'b',
      });

      const refused = await call(client, 'createacct', { 'api.version': 1, username: 'taken', domain: 'taken.example' });
      expect(refused).toEqual({ metadata: { command: 'createacct', reason: 'Sorry, a user with the name “taken” already exists.', result: 0, version: 1 } });
    });
  },
);

describeWithClient(
  'cpanel-rest-api 0.1.1 through the whm-json codec',
  { command: process.execPath, args: ['-e', "require.resolve('cpanel-rest-api')"], install: installHint },
  () => {
    interface Whm {
      api(options: string | { action: string; params?: Record<string, unknown> }): Promise<any>;
    }
    const { WHM } = require('cpanel-rest-api') as { WHM: new (o: Record<string, unknown>) => Whm };

    it('always sends api.version=1 and returns data; a lower-case whm token header is a token', async () => {
      const whm = new WHM({ host: '127.0.0.1', port, secure: false, username: 'root', auth: `whm root:${TOKEN}` });
      expect(await whm.api({ action: 'listaccts', params: { searchtype: 'user', search: 'bob' } })).toEqual({ acct: ACCOUNTS });
      expect(seen[0].wire.apiVersion).toBe(1);
      expect(seen[0].credentials).toEqual({ scheme: 'token', user: 'root', secret: TOKEN });
      expect(seen[0].named).toEqual({ searchtype: 'user', search: 'bob' });
    });

    it('sends its access key as WHM user:hash, booleans as true/false, and arrays as repeated keys', async () => {
      const whm = new WHM({ host: '127.0.0.1', port, secure: false, username: 'root', accessKey: ACCESS_HASH });
      const created = await whm.api({
        action: 'createacct',
        params: { username: 'dave', domain: 'dave.example', hasshell: true, spamassassin: false, account_enhancements: ['a', 'b'] },
      });
      expect(created).toEqual({ ip: '192.0.2.0', nameserver: 'ns1.example.com', package: 'default' });
      expect(seen[0].credentials).toEqual({ scheme: 'accesshash', user: 'root', secret: ACCESS_HASH });
      expect(seen[0].named).toEqual({ username: 'dave', domain: 'dave.example', hasshell: 'true', spamassassin: 'false', account_enhancements: ['a', 'b'] });
    });

    it('throws the fault reason for metadata.result 0', async () => {
      const whm = new WHM({ host: '127.0.0.1', port, secure: false, username: 'root', auth: `whm root:${TOKEN}` });
      await expect(whm.api({ action: 'createacct', params: { username: 'taken', domain: 'taken.example' } })).rejects.toThrow(
        'Sorry, a user with the name “taken” already exists.',
      );
    });

    it('gets a page of accounts through api.chunk and api.columns', async () => {
      const whm = new WHM({ host: '127.0.0.1', port, secure: false, username: 'root', auth: `whm root:${TOKEN}` });
      const page = await whm.api({
        action: 'listaccts',
        params: { 'api.chunk.enable': 1, 'api.chunk.size': 1, 'api.chunk.start': 2, 'api.columns.enable': 1, 'api.columns.a': 'user', 'api.columns.b': 'plan' },
      });
      expect(page).toEqual({ acct: [{ user: 'alice', plan: 'gold' }] });
      expect(seen[0].named).toEqual({});
    });
  },
);
