import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PanelFault } from '../../emulators/core/panel-fault.js';
import { WireInt, type DecodedCall } from '../../emulators/protocol/codec.js';
import { createXmlRpcCodec } from '../../emulators/protocol/xmlrpc/codec.js';
import { startCodecServer, type CodecServer } from '../support/codec-server.js';
import { describeWithClient } from '../support/third-party.js';

const run = promisify(execFile);

/** One method per value type; each answers the value below through the codec's encodeResult. */
const VALUES: Record<string, unknown> = {
  string: 'hello world',
  int: 42,
  negative_int: -17,
  // Beyond 32 bits: goes out as <double> (never <i8>, which XMLRPC::Lite dies on).
  big_int: 2 ** 32,
  double: 1.5,
  boolean: true,
  date: new Date('2024-01-31T10:00:00Z'),
  base64: Buffer.from([0, 1, 2, 255]),
  array: [1, 'two', 3.5],
  struct: { name: 'vm1', memory: 256, running: false },
  nested: { vms: [{ id: 1, disks: [{ id: 10, size: 8192 }] }], meta: { count: 1, tags: ['a'] } },
  empty_array: [],
  empty_struct: {},
  unicode: 'Zürich — 東京 😀 & <tag> "q"',
  // No <nil/> for WebFaction/Gandi clients: null goes out as an empty string.
  null_value: null,
};
const FAULT = new PanelFault(510042, 'Error on object : OBJECT_VM (CAUSE_NOTFOUND) [VM 99 not found]');
const METHODS = [...Object.keys(VALUES), 'fault'];

const codec = createXmlRpcCodec();
let server: CodecServer;
let url: string;
const calls: Array<{ userAgent: string; call: DecodedCall }> = [];

function handle(call: DecodedCall): unknown {
  if (call.method === 'fault') throw FAULT;
  if (call.method === 'echo') return call.args;
  if (!(call.method in VALUES)) throw new PanelFault(1, `method "${call.method}" is not supported`);
  return VALUES[call.method];
}

beforeAll(async () => {
  server = await startCodecServer(codec, 'webfaction', (call, request) => {
    calls.push({ userAgent: request.headers['user-agent'] ?? '', call });
    return handle(call);
  });
  url = `${server.url}/`;
});

afterAll(() => server.close());

// Prints {method: decoded value} as JSON, tagging the Python types JSON cannot show.
const PYTHON_CLIENT = `
import datetime, json, sys, xmlrpc.client
url, methods = sys.argv[1], sys.argv[2:]
proxy = xmlrpc.client.ServerProxy(url, use_builtin_types=True)
def tag(v):
    if isinstance(v, bytes): return {"$bytes": v.hex()}
    if isinstance(v, datetime.datetime): return {"$datetime": v.isoformat()}
    if isinstance(v, float): return {"$float": repr(v)}
    if isinstance(v, list): return [tag(x) for x in v]
    if isinstance(v, dict): return {k: tag(x) for k, x in v.items()}
    return v
out = {}
for m in methods:
    try:
        out[m] = tag(getattr(proxy, m)())
    except xmlrpc.client.Fault as f:
        out[m] = {"$fault": [f.faultCode, f.faultString]}
out["echo"] = tag(proxy.echo("007", 7, -2, 1.5, True, b"\\x00\\xff", datetime.datetime(2024, 1, 31, 10, 0, 0), [1, "a"], {"k": "v"}, "Zürich"))
print(json.dumps(out))
`;

// XMLRPC::Lite as the Gandi docs' Perl samples use it; JSON::PP is core Perl.
const PERL_CLIENT = `
use strict; use warnings; use XMLRPC::Lite; use JSON::PP;
my $url = shift;
my $client = XMLRPC::Lite->proxy($url);
my %out;
for my $m (@ARGV) {
  my $r = $client->call($m);
  $out{$m} = $r->fault ? { '$fault' => [$r->faultcode, $r->faultstring] } : $r->result;
}
$out{echo} = $client->call('echo', '007', 'plain', '1e5', '')->result;
print JSON::PP->new->canonical->utf8->allow_nonref->encode(\\%out);
`;

describeWithClient(
  'Python xmlrpc.client decodes what the XML-RPC codec writes',
  { command: 'python3', args: ['-c', 'import xmlrpc.client'], install: 'apt-get install -y python3 (xmlrpc.client is in the standard library)' },
  () => {
    let out: Record<string, unknown>;
    let connectionsUsed: number;

    beforeAll(async () => {
      const before = server.connections();
      const { stdout } = await run('python3', ['-c', PYTHON_CLIENT, url, ...METHODS], { timeout: 20_000 });
      connectionsUsed = server.connections() - before;
      out = JSON.parse(stdout) as Record<string, unknown>;
    });

    it('reads every value type', () => {
      expect(out).toMatchObject({
        string: 'hello world',
        int: 42,
        negative_int: -17,
        big_int: { $float: '4294967296.0' },
        double: { $float: '1.5' },
        boolean: true,
        date: { $datetime: '2024-01-31T10:00:00' },
        base64: { $bytes: '000102ff' },
        array: [1, 'two', { $float: '3.5' }],
        struct: { name: 'vm1', memory: 256, running: false },
        nested: { vms: [{ id: 1, disks: [{ id: 10, size: 8192 }] }], meta: { count: 1, tags: ['a'] } },
        empty_array: [],
        empty_struct: {},
        unicode: VALUES.unicode,
        null_value: '',
      });
    });

    it('receives a fault as xmlrpc.client.Fault (HTTP 200) with the code and string', () => {
      expect(out.fault).toEqual({ $fault: [510042, FAULT.faultString] });
    });

    it('reuses one keep-alive connection for all its calls', () => {
      expect(connectionsUsed).toBe(1);
    });

    it('sends arguments the codec reads back as the same values', () => {
      const echo = calls.filter((c) => c.userAgent.startsWith('Python-xmlrpc') && c.call.method === 'echo').at(-1)!;
      expect(echo.call.args).toEqual(['007', 7, -2, 1.5, true, Buffer.from([0, 0xff]), new Date('2024-01-31T10:00:00Z'), [1, 'a'], { k: 'v' }, 'Zürich']);
      expect(out.echo).toEqual([
        '007',
        7,
        -2,
        { $float: '1.5' },
        true,
        { $bytes: '00ff' },
        { $datetime: '2024-01-31T10:00:00' },
        [1, 'a'],
        { k: 'v' },
        'Zürich',
      ]);
    });
  },
);

describeWithClient(
  'Perl XMLRPC::Lite decodes what the XML-RPC codec writes',
  { command: 'perl', args: ['-MXMLRPC::Lite', '-MJSON::PP', '-e1'], install: 'apt-get install -y libxmlrpc-lite-perl' },
  () => {
    let out: Record<string, unknown>;

    beforeAll(async () => {
      const { stdout } = await run('perl', ['-e', PERL_CLIENT, url, ...METHODS], { timeout: 20_000 });
      out = JSON.parse(stdout) as Record<string, unknown>;
    });

    it('reads every value type (Perl keeps scalars as their wire text)', () => {
      expect(out).toMatchObject({
        string: 'hello world',
        int: '42',
        negative_int: '-17',
        big_int: '4294967296.0',
        double: '1.5',
        boolean: '1',
        // XMLRPC::Lite hands dateTime.iso8601 over as its raw text.
        date: '20240131T10:00:00',
        base64: '\u0000\u0001\u0002\u00ff',
        array: ['1', 'two', '3.5'],
        struct: { name: 'vm1', memory: '256', running: '0' },
        nested: { vms: [{ id: '1', disks: [{ id: '10', size: '8192' }] }], meta: { count: '1', tags: ['a'] } },
        empty_array: [],
        empty_struct: {},
        null_value: '',
      });
      expect(Number(out.big_int)).toBe(2 ** 32);
    });

    it('reads UTF-8 text back as the same characters', () => {
      expect(out.unicode).toBe(VALUES.unicode);
    });

    it('gets the fault through ->fault with the code and string', () => {
      expect(out.fault).toEqual({ $fault: ['510042', FAULT.faultString] });
    });

    it("sends '007' as <int>007</int>, which the codec keeps as WireInt text '007'", () => {
      const echo = calls.filter((c) => c.userAgent.startsWith('SOAP::Lite') && c.call.method === 'echo').at(-1)!;
      const [first, ...rest] = echo.call.args;
      expect(first).toBeInstanceOf(WireInt);
      expect((first as WireInt).text).toBe('007');
      expect((first as WireInt).value).toBe(7);
      expect(rest).toEqual(['plain', 100000, '']);
    });
  },
);
