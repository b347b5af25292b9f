import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PanelFault } from '../../emulators/core/panel-fault.js';
import type { DecodedCall } from '../../emulators/protocol/codec.js';
import { createSoapCodec, isSoapStruct } from '../../emulators/protocol/soap/codec.js';
import { startCodecServer, type CodecServer } from '../support/codec-server.js';
import { describeWithClient } from '../support/third-party.js';

// Perl SOAP::Lite 1.27 against a node:http server answering through the SOAP
// codec: its `c-gensym` parameters and default-namespace method elements are
// read positionally, an explicit apachens:Map arrives as an associative
// array, a plain hashref as a struct, and ns2:Map results come back as hashes.

const run = promisify(execFile);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'perl/soap-lite-calls.pl');
const SID = 'u2caed7340d8cb1c062541c7a4f7364ed5c0fec3a';
const ROW = { client_id: '1', company_name: 'Acme & Söhne <GmbH>', limit_web_domain: '-1' };
const DOMAINS = [
  { domain_id: '1', domain: 'example.com', active: 'y' },
  { domain_id: '2', domain: 'example.org', active: 'n' },
];

const codec = createSoapCodec();
let server: CodecServer;
let location: string;
const calls: DecodedCall[] = [];

function handle(call: DecodedCall): unknown {
  switch (call.method) {
    case 'login':
      if (call.args[0] === 'admin' && call.args[1] === 'secret') return SID;
      throw new PanelFault('login_failed', 'The login failed. Username or password wrong.');
    case 'client_get':
      return ROW;
    case 'sites_web_domain_get':
      return DOMAINS;
    case 'sites_web_domain_update':
      return 1;
    case 'echo_params':
      return isSoapStruct(call.args[0]) ? 'struct' : 'array';
    case 'logout':
      return true;
    default:
      throw new PanelFault('invalid_method', `Method ${call.method} does not exist`);
  }
}

describeWithClient(
  'Perl SOAP::Lite against the SOAP codec',
  { command: 'perl', args: ['-MSOAP::Lite', '-MJSON::PP', '-e1'], install: 'apt-get install libsoap-lite-perl' },
  () => {
    beforeAll(async () => {
      server = await startCodecServer(codec, 'ispconfig', (call) => (calls.push(call), handle(call)));
      location = `${server.url}/remote/index.php`;
    });
    afterAll(() => server.close());

    it('logs in, reads Maps and lists of Maps, sends a Map, and sees faults', async () => {
      const { stdout } = await run('perl', [SCRIPT, location]);
      const out = JSON.parse(stdout) as Record<string, { value?: unknown; fault?: [string, string] }>;
      expect(out.login).toEqual({ value: SID });
      expect(out.client_get).toEqual({ value: ROW });
      expect(out.sites_web_domain_get).toEqual({ value: DOMAINS });
      // Perl keeps xsd:int text as a string scalar ('1'); SOAP::Lite makes xsd:boolean true the number 1.
      expect(out.sites_web_domain_update).toEqual({ value: '1' });
      expect(out.echo_struct).toEqual({ value: 'struct' });
      expect(out.login_failed).toEqual({ fault: ['login_failed', 'The login failed. Username or password wrong.'] });
      expect(out.logout).toEqual({ value: 1 });

      const update = calls.find((c) => c.method === 'sites_web_domain_update')!;
      expect(update.args).toEqual([SID, 0, 1, { active: 'y', php: 'php-fpm' }]);
      expect(isSoapStruct(update.args[3])).toBe(false);
      expect(calls.find((c) => c.method === 'sites_web_domain_get')!.args).toEqual([SID, { domain: 'example.com' }]);
    });
  },
);
