import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileInputs } from '../../../test/reliability/hostile-inputs.js';
import { WireInt } from '../codec.js';
import { XMLRPC_NOISE } from './noise.cases.js';
import { DEFAULT_XMLRPC_LIMITS, parseDocumentGeneral } from './parse.js';
import { scanDocument } from './scan.js';
import { serializeFault, serializeMethodResponse } from './serialize.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DEPTH = DEFAULT_XMLRPC_LIMITS.maxDepth;

/** The general path's tree for a text, or the message it refuses it with. */
function general(text: string): unknown {
  try {
    return parseDocumentGeneral(text);
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

/** The scanner may decline anything; what it does read must be the very tree the general path builds. */
function agrees(text: string): boolean {
  const scanned = scanDocument(text, DEPTH);
  if (scanned !== undefined) expect(scanned).toEqual(general(text));
  return scanned !== undefined;
}

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

/** Bodies of the recorded HTTP captures (requests and responses from Python, Perl and the type matrix). */
const captureBodies = files(join(root, 'fixtures/captures/xmlrpc'), '.http')
  .map((f) => {
    const raw = readFileSync(f);
    return { name: f.slice(root.length + 1), text: raw.subarray(raw.indexOf('\r\n\r\n') + 4).toString('utf8') };
  })
  .filter((b) => b.text.includes('<method')); // not the HTML 501 page

/** Bodies of the XML-RPC docs cassettes. */
const cassetteBodies = ['fixtures/docs/webfaction', 'fixtures/docs/gandi']
  .flatMap((dir) =>
    files(join(root, dir), '.json').flatMap((f) => {
      const cassette = JSON.parse(readFileSync(f, 'utf8')) as { interactions?: { http?: { request?: { body?: string }; response?: { body?: string } } }[] };
      return (cassette.interactions ?? []).flatMap((i, n) => [
        { name: `${f.slice(root.length + 1)}#${n} request`, text: i.http?.request?.body ?? '' },
        { name: `${f.slice(root.length + 1)}#${n} response`, text: i.http?.response?.body ?? '' },
      ]);
    }),
  )
  .filter((b) => b.text.includes('<method'));

describe('the one-pass XML-RPC scanner', () => {
  it('reads every recorded client request and response, into the tree the general parser builds', () => {
    expect(captureBodies.length).toBeGreaterThan(20);
    expect(cassetteBodies.length).toBeGreaterThan(10);
    for (const body of [...captureBodies, ...cassetteBodies]) {
      // Every capture is in a shape the scanner takes: if it declined them, the fast path would be dead code.
      expect(agrees(body.text), body.name).toBe(true);
    }
  });

  it('agrees on every hostile input, and declines the DTDs, depth bombs, garbage and unclosed ones', () => {
    const inputs = hostileInputs(0.01).filter((input) => input.door === 'webfaction' && input.body !== undefined);
    expect(inputs.length).toBeGreaterThan(5);
    for (const input of inputs) {
      const read = agrees(input.body!);
      if (/entity|nested|garbage|unclosed/.test(input.name)) expect(read, input.name).toBe(false);
    }
  });

  it('declines what it does not read itself: comments, CDATA, PIs, attributes, prefixes, CR, odd references, a second root, depth at the bound', () => {
    const call = (inner: string) =>
      `<?xml version="1.0"?><methodCall><methodName>m</methodName><params><param><value>${inner}</value></param></params></methodCall>`;
    for (const text of [
      call('<string>a<!-- c -->b</string>'),
      call('<string><![CDATA[<x>]]></string>'),
      call('<?pi x?><string>a</string>'),
      call('<string lang="en">a</string>'),
      call('<ex:i8>1</ex:i8>'),
      call('<string>a\r\nb</string>'),
      call('<string>&nbsp;</string>'),
      call('<string>&#0;</string>'),
      call('<string>a & b</string>'),
      `${call('')}<methodCall/>`,
      `${call('')}junk`,
      ` <?xml version="1.0"?><methodCall/>`,
      `<?xml version="1.1"?>${call('')}`,
      call('<string>unclosed</value>'),
      `<methodCall>${'<value>'.repeat(DEPTH)}`,
      call(`${'<array><data><value>'.repeat(25)}x${'</value></data></array>'.repeat(25)}`),
    ]) {
      expect(scanDocument(text, DEPTH), text).toBeUndefined();
      expect(agrees(text)).toBe(false);
    }
  });

  it('agrees with the general parser at every depth around the bound, empty elements included', () => {
    for (let depth = DEPTH - 10; depth <= DEPTH + 2; depth++) {
      for (const leaf of ['<x/>', '<x />', 'x', '']) agrees(`${'<a>'.repeat(depth)}${leaf}${'</a>'.repeat(depth)}`);
    }
    expect(scanDocument(`${'<a>'.repeat(DEPTH - 3)}<x/>${'</a>'.repeat(DEPTH - 3)}`, DEPTH)).toBeDefined();
  });

  it('builds what the general parser builds for the values a response can hold, laid out as Python writes them', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, ''));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.double({ noNaN: true }),
        fc.boolean(),
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.uint8Array({ maxLength: 100 }),
        fc.constant(new WireInt(7, '007')),
        fc.array(tie('value'), { maxLength: 5 }),
        fc.dictionary(text, tie('value'), { maxKeys: 5 }),
      ),
    }));
    fc.assert(
      fc.property(value, fc.boolean(), (v, nil) => {
        const response = serializeMethodResponse(v, { allowNil: nil, xmlDeclaration: "<?xml version='1.0'?>", maxDepth: 100 });
        expect(agrees(response)).toBe(true);
        // The same document as a request, compact (PHP, Perl) and with Windows line ends (declined: CR).
        const request = response.replace('<methodResponse>', '<methodCall><methodName>m</methodName>').replace('</methodResponse>', '</methodCall>');
        expect(agrees(request)).toBe(true);
        agrees(request.replace(/\n/g, ''));
        agrees(request.replace(/\n/g, '\r\n'));
      }),
      { numRuns: 500 },
    );
    expect(agrees(serializeFault(4, 'a <b> & "c"'))).toBe(true);
  });

  it('agrees with the general parser on XML-looking noise, whatever it reads or declines', () => {
    const token = fc.constantFrom(...XMLRPC_NOISE);
    const shaped = fc
      .array(token, { maxLength: 40 })
      .map((tokens) => `<methodCall><methodName>m</methodName><params><param>${tokens.join('')}</param></params></methodCall>`);
    let read = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(token, { maxLength: 60 }).map((t) => t.join('')),
          shaped,
        ),
        (text) => {
          if (agrees(text)) read++;
        },
      ),
      { numRuns: 3000 },
    );
    // About one in fourteen of these is a document the scanner reads (the rest it leaves to the general path).
    expect(read).toBeGreaterThan(50);
  });
});
