import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GANDI_FAULT_TABLES } from '../../clients/gandi/fault-tables.js';
import { readSoapAnswer, soapRequestEnvelope } from '../../clients/transport/soap-wire.js';
import { loadContract } from '../../contracts/contract.js';
import { decodeSoapRequest } from '../../emulators/protocol/soap/decode.js';

// Reference clients speak only the wire: at run time they import nothing from the emulator, its state or the contracts.
const root = resolve(import.meta.dirname, '../..');
const clients = join(root, 'clients');
/** Build-time generators, run by hand from the contract; never imported by a client. */
const GENERATORS = new Set(['clients/ispconfig/generate.ts', 'clients/ispconfig/regenerate.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('reference clients import only the wire', () => {
  it('no client source imports emulators/, state/ or conformance/ at run time (type-only imports are erased)', () => {
    const offending: string[] = [];
    for (const file of sources(clients)) {
      const name = relative(root, file);
      if (GENERATORS.has(name)) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
        if (m[2]) continue;
        const target = relative(root, resolve(file, '..', m[3]));
        if (/^(emulators|state|conformance)\//.test(target) || target.endsWith('.json')) offending.push(`${name} → ${m[3]}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("Gandi's fault tables are the contract's, copied", () => {
    expect(GANDI_FAULT_TABLES).toEqual(loadContract('gandi').faultScheme!.tables);
  });

  it("the client's own SOAP writer: what it sends, PHP's SoapServer reading (the emulator's decoder, as the oracle) gets back", () => {
    const args = [1, 'a<&>"b', 2.5, true, null, ['x', 'y'], { name: 'n', 7: 'seven', nested: { list: [1, 2] } }, {}];
    const envelope = soapRequestEnvelope('client_add', args, 'https://panel:8080/remote/');
    const decoded = decodeSoapRequest(Buffer.from(envelope), { wireInts: false });
    expect(JSON.parse(JSON.stringify((decoded as { args: unknown[] }).args))).toEqual([1, 'a<&>"b', 2.5, true, null, ['x', 'y'], { 7: 'seven', name: 'n', nested: { list: [1, 2] } }, []]);
  });

  it("the client's own SOAP reader: maps, arrays, id/href, faults; a DTD is refused, never expanded", () => {
    const env = (body: string) =>
      `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ns2="http://xml.apache.org/xml-soap" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>${body}</SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    const answer = readSoapAnswer(
      env(
        '<ns1:fResponse><return SOAP-ENC:arrayType="ns2:Map[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="ns2:Map"><item><key xsi:type="xsd:string">id</key><value xsi:type="xsd:int">3</value></item><item><key xsi:type="xsd:string">t</key><value xsi:type="xsd:string">a &amp; b &#233;</value></item></item><item href="#ref1"/></return></ns1:fResponse><multiRef id="ref1" xsi:type="ns2:Map"><item><key xsi:type="xsd:string">ok</key><value xsi:type="xsd:boolean">true</value></item></multiRef>',
      ),
    );
    expect(answer).toEqual({ kind: 'result', value: [{ id: 3, t: 'a & b é' }, { ok: true }] });
    expect(readSoapAnswer(env('<SOAP-ENV:Fault><faultcode>login_failed</faultcode><faultstring>The login failed.</faultstring></SOAP-ENV:Fault>'))).toEqual({ kind: 'fault', code: 'login_failed', string: 'The login failed.' });
    expect(() => readSoapAnswer(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${env('<r><return>&a;</return></r>')}`)).toThrow(/DTD/);
  });
});
