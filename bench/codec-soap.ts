/**
 * SOAP and ISPConfig JSON codec throughput, in one process, no HTTP.
 *
 *   npx vite-node bench/codec-soap.ts [seconds-per-case]
 *
 * The typical ISPConfig call: PHP SoapClient's `client_get($sid, 1)` request
 * decoded, and a 30-key client row (all strings, as ISPConfig returns DB
 * rows) encoded as SoapServer's ns2:Map answer. Also: a list of 20 such rows,
 * a fault, and the same client_get over the JSON door. Prints ops/s and CPU
 * time per op (medians of 5 rounds), and the machine's load average.
 */
import { availableParallelism, loadavg } from 'node:os';
import { PanelFault } from '../emulators/core/panel-fault.js';
import type { PanelRequest } from '../emulators/core/types.js';
import { createIspconfigJsonCodec } from '../emulators/protocol/ispconfig/json-codec.js';
import { createSoapCodec } from '../emulators/protocol/soap/codec.js';

const secondsPerCase = Number(process.argv[2] ?? 1);
const soap = createSoapCodec();
const json = createIspconfigJsonCodec();
const SID = 'u2caed7340d8cb1c062541c7a4f7364ed5c0fec3a';

// The request bytes PHP 8.2's SoapClient sends (fixtures/captures/ispconfig-soap/php-soapclient/02-…).
const CLIENT_GET =
  '<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="https://127.0.0.1:8080/remote/" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ' +
  'SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body><ns1:client_get>' +
  `<param0 xsi:type="xsd:string">${SID}</param0><param1 xsi:type="xsd:int">1</param1></ns1:client_get></SOAP-ENV:Body></SOAP-ENV:Envelope>\n`;

/** A client row with 30 columns, all strings like ISPConfig's DB rows. */
function clientRow(id: number): Record<string, string> {
  const row: Record<string, string> = { client_id: String(id), sys_userid: '1', sys_groupid: String(id + 1), company_name: `Acme ${id} & Söhne <GmbH>` };
  const more = [
    'contact_name',
    'username',
    'email',
    'street',
    'zip',
    'city',
    'state',
    'country',
    'telephone',
    'mobile',
    'fax',
    'internet',
    'language',
    'usertheme',
    'template_master',
    'limit_web_domain',
    'limit_web_quota',
    'limit_database',
    'limit_mailbox',
    'limit_mailquota',
    'default_webserver',
    'default_mailserver',
    'default_dbserver',
    'locked',
    'canceled',
    'added_date',
  ];
  more.forEach((k, i) => (row[k] = i % 5 === 0 ? '-1' : `${k}-${id}`));
  return row;
}
const ROW = clientRow(1);
const ROWS = Array.from({ length: 20 }, (_, i) => clientRow(i + 1));

const soapRequest: PanelRequest = {
  panel: 'ispconfig',
  world: 'default',
  httpMethod: 'POST',
  path: '/remote/index.php',
  query: '',
  headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'PHP-SOAP/8.2.36' },
  body: Buffer.from(CLIENT_GET, 'utf8'),
  remoteAddress: '127.0.0.1',
};
const jsonRequest: PanelRequest = {
  ...soapRequest,
  path: '/remote/json.php',
  query: 'client_get',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ session_id: SID, client_id: 1 }), 'utf8'),
};

function roundTrip(codec: typeof soap, request: PanelRequest, value: unknown): number {
  const decoded = codec.decode(request);
  if (decoded.kind !== 'call') throw new Error('unexpected');
  return codec.encodeResult(value, decoded.call, request).body.length;
}

/**
 * Median of 5 rounds. Besides wall-clock ops/s it prints CPU time per op
 * (process.cpuUsage), which stays meaningful on a machine shared with other
 * work, where wall-clock figures fall with the load.
 */
function measure(name: string, op: () => unknown, warmup = 500): number {
  for (let i = 0; i < warmup; i++) op(); // warm-up for the JIT
  const rounds: { ops: number; cpuPerOp: number }[] = [];
  for (let round = 0; round < 5; round++) {
    let ops = 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const until = started + (secondsPerCase * 1000) / 5;
    while (performance.now() < until) {
      op();
      ops += 1;
    }
    const used = process.cpuUsage(cpu);
    rounds.push({ ops: ops / ((performance.now() - started) / 1000), cpuPerOp: (used.user + used.system) / ops });
  }
  const median = rounds.map((r) => r.ops).sort((a, b) => a - b)[2]!;
  const cpuPerOp = rounds.map((r) => r.cpuPerOp).sort((a, b) => a - b)[2]!;
  console.log(
    `${name.padEnd(52)} ${Math.round(median).toLocaleString('en-US').padStart(9)} ops/s wall  ${cpuPerOp.toFixed(1).padStart(7)} µs CPU/op (${Math.round(1e6 / cpuPerOp).toLocaleString('en-US')} ops/CPU-s)`,
  );
  return median;
}

const decoded = soap.decode(soapRequest);
if (decoded.kind !== 'call') throw new Error('unexpected');
const call = decoded.call;
console.log(
  `node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores, ${secondsPerCase}s per case; request ${soapRequest.body.length} bytes, answer ${roundTrip(soap, soapRequest, ROW)} bytes (30-key map)`,
);
measure('SOAP decode + encode, client_get → 30-key map', () => roundTrip(soap, soapRequest, ROW));
measure('SOAP decode only, client_get', () => soap.decode(soapRequest));
measure('SOAP encode only, 30-key map', () => soap.encodeResult(ROW, call, soapRequest));
measure('SOAP encode only, list of 20 such maps', () => soap.encodeResult(ROWS, call, soapRequest));
const sessionFault = new PanelFault('session_does_not_exist', 'The Session is expired or does not exist.');
measure('SOAP fault (session_does_not_exist)', () => soap.encodeFault(sessionFault, call, soapRequest));
measure('JSON decode + encode, client_get → 30-key map', () => roundTrip(json, jsonRequest, ROW));
