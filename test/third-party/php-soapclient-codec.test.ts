import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PanelFault } from '../../emulators/core/panel-fault.js';
import type { DecodedCall } from '../../emulators/protocol/codec.js';
import { createSoapCodec, phpFloat } from '../../emulators/protocol/soap/codec.js';
import { startCodecServer, type CodecServer } from '../support/codec-server.js';
import { describeWithClient } from '../support/third-party.js';
import { comparable, fromTag, type Tag } from './php/php-tags.js';

// Real PHP SoapClient (non-WSDL, built the way ISPConfig's examples build it)
// against a node:http server that answers through the SOAP codec: every PHP
// type comes back as PHP reads it, faults arrive as SoapFault, and what the
// client sends is read back intact (echo).

const run = promisify(execFile);
const CLIENT = join(dirname(fileURLToPath(import.meta.url)), 'php/soapclient-calls.php');

/** One method per value; the server answers each with encodeResult(value). */
const VALUES: Record<string, unknown> = {
  string: 'c4f5a1d2e3b4a5968778695a4b3c2d1e',
  int: 42,
  int64: 9007199254740993n,
  float: 1.5,
  float_tenth: 0.1,
  float_big: 1e20,
  float_integral: phpFloat(2),
  bool_true: true,
  bool_false: false,
  null_value: null,
  assoc: { client_id: '1', company_name: 'Acme & Söhne <GmbH>', limit_web_domain: '-1' },
  list_of_maps: [
    { domain_id: '1', domain: 'example.com' },
    { domain_id: '2', domain: 'example.org' },
  ],
  mixed_list: [1, 'a', true, null, 1.5],
  nested: { server: { id: 1, ips: ['192.0.2.1', '192.0.2.2'], config: { php: 'php-fpm', quota: -1 } } },
  empty_array: [],
  unicode: 'Zürich ☃ 東京 😀 "q" \'a\' <tag> &amp;',
  numeric_keys: { 1: 'one', 3: 'three' },
  list_of_lists: [['a', 'b'], ['c']],
};
const FAULTS: Record<string, PanelFault> = {
  fault: new PanelFault('login_failed', 'The login failed. Username or password wrong.'),
  server_fault: new PanelFault('SOAP-ENV:Server', 'Call to a member function foo() on null'),
};

const codec = createSoapCodec();
let server: CodecServer;
let location: string;
const calls: DecodedCall[] = [];

function handle(call: DecodedCall): unknown {
  if (call.method in FAULTS) throw FAULTS[call.method];
  if (call.method === 'echo') return call.args;
  if (!(call.method in VALUES)) throw new PanelFault('invalid_method', `Method ${call.method} does not exist`);
  return VALUES[call.method];
}

describeWithClient(
  'PHP SoapClient against the SOAP codec',
  { command: 'php', args: ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);'], install: 'apt-get install php-cli php-soap' },
  () => {
    beforeAll(async () => {
      server = await startCodecServer(codec, 'ispconfig', (call) => (calls.push(call), handle(call)));
      location = `${server.url}/remote/index.php`;
    });
    afterAll(() => server.close());

    async function callAll(version: 1 | 2): Promise<Map<string, { value?: Tag; fault?: [string, string] }>> {
      const methods = [...Object.keys(VALUES), ...Object.keys(FAULTS), 'no_such_function', 'echo'];
      const { stdout } = await run('php', [CLIENT, location, String(version), ...methods], { maxBuffer: 16 * 1024 * 1024 });
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { method: string; value?: Tag; fault?: [string, string] });
      return new Map(lines.map((l) => [l.method, l]));
    }

    for (const version of [1, 2] as const) {
      it(`SOAP 1.${version === 1 ? 1 : 2}: reads every PHP type back as PHP holds it`, async () => {
        const results = await callAll(version);
        for (const [method, expected] of Object.entries(VALUES)) {
          const got = results.get(method);
          expect(got?.fault, method).toBeUndefined();
          expect(fromTag(got!.value!), method).toEqual(comparable(expected));
        }
        // PHP's ints stay ints and floats floats: 42 is an int, 2.0 a float, 2^53+1 exact.
        expect(results.get('int')!.value).toEqual({ t: 'i', v: '42' });
        expect(results.get('int64')!.value).toEqual({ t: 'i', v: '9007199254740993' });
        expect(results.get('float_integral')!.value!.t).toBe('f');
        expect(results.get('float_tenth')!.value!.t).toBe('f');
      });

      it(`SOAP 1.${version === 1 ? 1 : 2}: faults arrive as SoapFault with the code and string on the wire`, async () => {
        const results = await callAll(version);
        expect(results.get('fault')!.fault).toEqual(['login_failed', 'The login failed. Username or password wrong.']);
        expect(results.get('no_such_function')!.fault).toEqual(['invalid_method', 'Method no_such_function does not exist']);
        expect(results.get('server_fault')!.fault).toEqual([version === 1 ? 'SOAP-ENV:Server' : 'env:Receiver', 'Call to a member function foo() on null']);
      });

      it(`SOAP 1.${version === 1 ? 1 : 2}: what the client sends is read and sent back intact (echo)`, async () => {
        calls.length = 0;
        const results = await callAll(version);
        expect(fromTag(results.get('echo')!.value!)).toEqual(fromTag(results.get('(sent)')!.value!));
        const echo = calls.find((c) => c.method === 'echo')!;
        expect(echo.wire.soapVersion).toBe(version);
        expect(echo.args[10]).toEqual({ k: 'v', n: 3, nested: { x: [1, 2] } });
        expect(echo.args[13]).toBe(1099511627776);
      });
    }
  },
);
