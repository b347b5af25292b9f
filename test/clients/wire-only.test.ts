import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { GANDI_FAULT_TABLES } from '../../clients/gandi/fault-tables.generated.js';
import type { JournalEntry as ClientJournalEntry } from '../../clients/mockpanel-admin.js';
import { readSoapAnswer, soapRequestEnvelope } from '../../clients/transport/soap-wire.js';
import { loadContract } from '../../contracts/contract.js';
import { decodeSoapRequest } from '../../emulators/protocol/soap/decode.js';
import type { JournalEntry } from '../../kernel/journal-entry.js';

// Reference clients speak only the wire: they import nothing from the emulator, its state, the kernel, the
// contracts or conformance (not even types: a client is read and shipped on its own), and read no file at run time.
const root = resolve(import.meta.dirname, '../..');
const clients = join(root, 'clients');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module a source names: static imports and re-exports (type-only too), dynamic import(), require(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms)) out.push(m[1]);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

/** Why a client may not name `spec` from `file`, or undefined when it may: npm packages, node: built-ins and other client files only. */
function forbiddenImport(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(root, resolve(file, '..', spec));
  if (target.endsWith('.json')) return 'reads a JSON data file';
  if (!target.startsWith('clients/')) return `reaches outside clients/ (${target.split('/')[0]}/)`;
  return undefined;
}

describe('reference clients import only the wire', () => {
  it('no client source imports emulators/, state/, kernel/, contracts/ or conformance/, nor any JSON file', () => {
    const offending: string[] = [];
    for (const file of sources(clients)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const why = forbiddenImport(file, spec);
        if (why) offending.push(`${relative(root, file)} → ${spec}: ${why}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('the import check catches each kind of reach (so it cannot pass by matching nothing)', () => {
    const file = join(clients, 'gandi', 'errors.ts');
    for (const spec of [
      '../../emulators/protocol/soap/encode.js',
      '../../state/database.js',
      '../../contracts/contract.js',
      '../../kernel/journal-entry.js',
      '../../emulators/seeded-credentials.js',
      '../../contracts/gandi.json',
    ]) {
      expect(forbiddenImport(file, spec), spec).toBeDefined();
    }
    expect(forbiddenImport(file, './fault-tables.generated.js')).toBeUndefined();
    expect(forbiddenImport(file, '../transport/soap-wire.js')).toBeUndefined();
    expect(
      specifiers("import type { A } from '../../kernel/x.js';\nexport { B } from \"../../state/y.js\";\nconst c = await import('../../emulators/z.js');"),
    ).toEqual(['../../kernel/x.js', '../../state/y.js', '../../emulators/z.js']);
  });

  it('no client source reads a file at run time (the contract JSON included)', () => {
    const offending = sources(clients).filter((file) => /\b(readFileSync|readFile|readDataJson|createRequire)\b|\.json['"]/.test(readFileSync(file, 'utf8')));
    expect(offending.map((f) => relative(root, f))).toEqual([]);
  });

  it("the admin client's journal entry is the server's, field for field", () => {
    expectTypeOf<ClientJournalEntry>().toEqualTypeOf<JournalEntry>();
  });

  it("Gandi's fault tables are the contract's, copied", () => {
    expect(GANDI_FAULT_TABLES).toEqual(loadContract('gandi').faultScheme!.tables);
  });

  it("the client's own SOAP writer: what it sends, PHP's SoapServer reading (the emulator's decoder, as the oracle) gets back", () => {
    const args = [1, 'a<&>"b', 2.5, true, null, ['x', 'y'], { name: 'n', 7: 'seven', nested: { list: [1, 2] } }, {}];
    const envelope = soapRequestEnvelope('client_add', args, 'https://panel:8080/remote/');
    const decoded = decodeSoapRequest(Buffer.from(envelope), { wireInts: false });
    expect(JSON.parse(JSON.stringify((decoded as { args: unknown[] }).args))).toEqual([
      1,
      'a<&>"b',
      2.5,
      true,
      null,
      ['x', 'y'],
      { 7: 'seven', name: 'n', nested: { list: [1, 2] } },
      [],
    ]);
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
    expect(readSoapAnswer(env('<SOAP-ENV:Fault><faultcode>login_failed</faultcode><faultstring>The login failed.</faultstring></SOAP-ENV:Fault>'))).toEqual({
      kind: 'fault',
      code: 'login_failed',
      string: 'The login failed.',
    });
    expect(() => readSoapAnswer(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${env('<r><return>&a;</return></r>')}`)).toThrow(/DTD/);
  });
});
