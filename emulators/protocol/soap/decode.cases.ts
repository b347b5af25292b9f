import { WireInt } from '../codec.js';

// Requests and what PHP 8.2.36's SoapServer makes of them, measured on this
// machine: the arguments a method receives, or the fault it answers. The
// unit tests hold the codec to this table; test/third-party/php-soap-oracle.test.ts
// holds PHP to the same requests, so the table cannot drift from PHP.

export interface SoapDecodeCase {
  name: string;
  body: string;
  /** Arguments as the codec gives them (PHP ints and floats are both numbers; stdClass objects are plain objects). */
  args?: unknown[];
  /** faultcode and faultstring on the SOAP 1.1 wire. */
  fault?: [code: string, message: string];
}

const NS =
  'xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ap="http://xml.apache.org/xml-soap"';
const NS12 =
  'xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';

/** A SOAP 1.1 call of `m` with these parameter elements. */
export const call11 = (params: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<e:Envelope ${NS}><e:Body><m>${params}</m></e:Body></e:Envelope>`;
const call12 = (params: string) => `<e:Envelope ${NS12}><e:Body><m>${params}</m></e:Body></e:Envelope>`;
const int = (text: string) => `<a xsi:type="xsd:int">${text}</a>`;
const VIOLATION: [string, string] = ['SOAP-ENV:Server', 'SOAP-ERROR: Encoding: Violation of encoding rules'];
const BAD_REQUEST: [string, string] = ['SOAP-ENV:Client', 'Bad Request'];

export const SOAP_DECODE_CASES: SoapDecodeCase[] = [
  // xsd:int goes through PHP's is_numeric_string after whitespace collapse.
  { name: 'int 42', body: call11(int('42')), args: [42] },
  { name: "int '007' keeps its digits as a WireInt", body: call11(int('007')), args: [new WireInt(7, '007')] },
  { name: 'int with surrounding spaces', body: call11(int(' 12 ')), args: [12] },
  { name: 'int +5', body: call11(int('+5')), args: [new WireInt(5, '+5')] },
  { name: 'int -0', body: call11(int('-0')), args: [new WireInt(0, '-0')] },
  { name: 'int 1e3 is a float', body: call11(int('1e3')), args: [1000] },
  { name: 'int 1.5 is a float', body: call11(int('1.5')), args: [1.5] },
  { name: 'int .5 is a float', body: call11(int('.5')), args: [0.5] },
  { name: 'int past int64 is a float', body: call11(int('99999999999999999999')), args: [1e20] },
  { name: 'int64 max beyond 2^53 is a WireInt', body: call11(int('9223372036854775807')), args: [new WireInt(9223372036854775807, '9223372036854775807')] },
  { name: 'int 1e400 is INF', body: call11(int('1e400')), args: [Number.POSITIVE_INFINITY] },
  { name: 'empty int is null', body: call11(int('')), args: [null] },
  { name: 'whitespace-only int is null (blank text nodes are dropped)', body: call11(int(' ')), args: [null] },
  { name: 'int 0x1A', body: call11(int('0x1A')), fault: VIOLATION },
  { name: 'int 12abc', body: call11(int('12abc')), fault: VIOLATION },
  { name: 'int in CDATA', body: call11(int('<![CDATA[5]]>')), fault: VIOLATION },
  // Floats and booleans.
  {
    name: 'float words',
    body: call11(
      '<a xsi:type="xsd:float">INFINITY</a><b xsi:type="xsd:double">nan</b><c xsi:type="xsd:float">-INF</c><d xsi:type="xsd:float">5</d><f xsi:type="xsd:float">1e-400</f>',
    ),
    args: [Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY, 5, 0],
  },
  { name: 'float abc', body: call11('<a xsi:type="xsd:float">abc</a>'), fault: VIOLATION },
  {
    name: 'booleans: only false/f/0 (and empty) are false',
    body: call11(
      '<a xsi:type="xsd:boolean">yes</a><b xsi:type="xsd:boolean">no</b><c xsi:type="xsd:boolean">T</c><d xsi:type="xsd:boolean"> 0 </d><f xsi:type="xsd:boolean"/><g xsi:type="xsd:boolean">FALSE</g>',
    ),
    args: [true, true, true, false, null, false],
  },
  // Strings: blank text is dropped, comments vanish, CDATA is kept, two text nodes are a violation.
  {
    name: 'strings and whitespace',
    body: call11('<a xsi:type="xsd:string"> </a><b xsi:type="xsd:string">x<!--c-->y</b><c xsi:type="xsd:string"><![CDATA[<z>]]></c><d> </d><f>  q </f>'),
    args: ['', 'xy', '<z>', '', '  q '],
  },
  { name: 'text and CDATA together', body: call11('<a xsi:type="xsd:string">x<![CDATA[y]]></a>'), fault: VIOLATION },
  { name: 'text split by a processing instruction', body: call11('<a xsi:type="xsd:string">x<?pi y?>z</a>'), fault: VIOLATION },
  { name: 'entities and character references', body: call11('<a>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;</a>'), args: ['<&>"\'AB'] },
  {
    name: 'other XSD types',
    body: call11(
      '<a xsi:type="enc:string">s</a><b xsi:type="enc:int">3</b><c xsi:type="xsi:nil">x</c><d xsi:type="undeclared:Map"/>' +
        '<f xsi:type="xsd:decimal"> 1.50  </f><g xsi:type="xsd:base64Binary">aGk=</g><h xsi:type="xsd:hexBinary">4142</h>' +
        '<i xsi:type="xsd:anyType">u</i><j xsi:type="xsd:normalizedString">a\tb</j><k xsi:type="xsd:dateTime">2024-01-01T00:00:00</k>',
    ),
    args: ['s', 3, null, '', '1.50', 'hi', 'AB', 'u', 'a b', '2024-01-01T00:00:00'],
  },
  // nil: any attribute named nil, in any namespace, with any value.
  {
    name: 'nil in any form',
    body: call11('<a nil="true">x</a><b foo:nil="0" xmlns:foo="urn:q" xsi:type="xsd:int">5</b><c xsi:nil="false"/>'),
    args: [null, null, null],
  },
  // Apache Map.
  {
    name: 'map keys: numeric strings and ints, later duplicates replace',
    body: call11(
      '<a xsi:type="ap:Map"><item><key xsi:type="xsd:string">b</key><value>1</value></item><item><key xsi:type="xsd:string">1</key><value xsi:type="xsd:int">2</value></item>' +
        '<item><key xsi:type="xsd:int">5</key><value/></item><item><key>b</key><value>dup</value></item><item><key xsi:type="xsd:string">07</key><value/></item>' +
        '<item><key xsi:type="xsd:int">07</key><value/></item></a>',
    ),
    args: [{ b: 'dup', 1: 2, 5: '', '07': '', 7: '' }],
  },
  {
    name: 'map item without value',
    body: call11('<a xsi:type="ap:Map"><item><key>k</key></item></a>'),
    fault: ['SOAP-ENV:Server', "SOAP-ERROR: Encoding: Can't decode apache map, missing value"],
  },
  {
    name: 'map item without key',
    body: call11('<a xsi:type="ap:Map"><item><value>1</value></item></a>'),
    fault: ['SOAP-ENV:Server', "SOAP-ERROR: Encoding: Can't decode apache map, missing key"],
  },
  {
    name: 'map key that is a boolean',
    body: call11('<a xsi:type="ap:Map"><item><key xsi:type="xsd:boolean">true</key><value>1</value></item></a>'),
    fault: ['SOAP-ENV:Server', "SOAP-ERROR: Encoding: Can't decode apache map, only Strings or Longs are allowed as keys"],
  },
  {
    name: 'map key that is a float',
    body: call11('<a xsi:type="ap:Map"><item><key xsi:type="xsd:int">1.5</key><value>1</value></item></a>'),
    fault: ['SOAP-ENV:Server', "SOAP-ERROR: Encoding: Can't decode apache map, only Strings or Longs are allowed as keys"],
  },
  {
    name: 'map shapes: text only, empty, no items',
    body: call11('<a xsi:type="ap:Map">text</a><b xsi:type="ap:Map"/><c xsi:type="ap:Map"><foo/></c>'),
    args: [{}, null, {}],
  },
  // SOAP-ENC arrays.
  {
    name: 'array with offset',
    body: call11('<a xsi:type="enc:Array" enc:arrayType="xsd:int[3]" enc:offset="[1]"><i>1</i><i>2</i></a>'),
    args: [{ 1: 1, 2: 2 }],
  },
  {
    name: 'two-dimensional array and positions',
    body: call11(
      '<a enc:arrayType="xsd:string[2,2]"><i>a</i><i>b</i><i>c</i><i>d</i></a><b xsi:type="enc:Array"><i xsi:type="xsd:int">1</i><i enc:position="[4]">2</i></b>',
    ),
    args: [
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      { 0: 1, 4: '2' },
    ],
  },
  {
    name: 'typed array items',
    body: call11('<a xsi:type="enc:Array" enc:arrayType="xsd:int[2]"><i>1</i><i xsi:type="xsd:string">2</i></a>'),
    args: [[1, '2']],
  },
  // Untyped structures are stdClass objects; a repeated name collects a list.
  {
    name: 'struct with a repeated member',
    body: call11('<a><x>1</x><y xsi:type="xsd:int">2</y><x>3</x></a><b xsi:type="enc:Struct"/>'),
    args: [{ x: ['1', '3'], y: 2 }, {}],
  },
  // Multi-reference values.
  {
    name: 'href to an id',
    body: `<e:Envelope ${NS}><e:Body><m><a href="#r1"/><b href="#r1"/></m><v id="r1" xsi:type="xsd:int">42</v></e:Body></e:Envelope>`,
    args: [42, 42],
  },
  { name: 'href without target', body: call11('<a href="#nope"/>'), fault: ['SOAP-ENV:Server', "SOAP-ERROR: Encoding: Unresolved reference '#nope'"] },
  { name: 'external href', body: call11('<a href="http://x/"/>'), fault: ['SOAP-ENV:Server', "SOAP-ERROR: Encoding: External reference 'http://x/'"] },
  // The envelope.
  { name: 'not an envelope', body: '<x:Envelope xmlns:x="urn:other"><x:Body><m/></x:Body></x:Envelope>', fault: ['SOAP-ENV:VersionMismatch', 'Wrong Version'] },
  { name: 'envelope without namespace', body: '<Envelope><Body><m/></Body></Envelope>', fault: ['SOAP-ENV:VersionMismatch', 'Wrong Version'] },
  { name: 'no Body', body: `<e:Envelope ${NS}><e:Header/></e:Envelope>`, fault: ['SOAP-ENV:Client', 'Body must be present in a SOAP envelope'] },
  {
    name: 'two Headers',
    body: `<e:Envelope ${NS}><e:Header/><e:Header/><e:Body><m/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'Body must be present in a SOAP envelope'],
  },
  { name: 'empty Body', body: `<e:Envelope ${NS}><e:Body/></e:Envelope>`, fault: ['SOAP-ENV:Client', 'looks like we got "Body" without function call'] },
  {
    name: 'Body with text only',
    body: `<e:Envelope ${NS}><e:Body>text</e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'looks like we got "Body" without function call'],
  },
  {
    name: 'unqualified attribute on Envelope',
    body: `<e:Envelope ${NS} attr="1"><e:Body><m/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'A SOAP Envelope element cannot have non Namespace qualified attributes'],
  },
  { name: 'unqualified attribute on a 1.1 Body is fine', body: `<e:Envelope ${NS}><e:Body attr="1"><m/></e:Body></e:Envelope>`, args: [] },
  {
    name: 'foreign encodingStyle on the method',
    body: `<e:Envelope ${NS}><e:Body><m e:encodingStyle="urn:x"/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'Unknown Data Encoding Style'],
  },
  { name: 'second Body and trailing elements ignored in 1.1', body: `<e:Envelope ${NS}><e:Body><m/><n/></e:Body><e:Body><x/></e:Body></e:Envelope>`, args: [] },
  {
    name: 'header with a bad mustUnderstand',
    body: `<e:Envelope ${NS}><e:Header><h e:mustUnderstand="yes">x</h></e:Header><e:Body><m/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'mustUnderstand value is not boolean'],
  },
  { name: 'entity without DTD', body: call11('<a>&foo;</a>'), fault: BAD_REQUEST },
  // Well-formedness as libxml2 reads it (XML 1.0 §2.11 line ends, §4.1 character references, §2.5 comments, §2.8 the declaration).
  { name: 'CR LF and CR become LF, in text and CDATA', body: call11('<a>x\r\ny\rz</a><b><![CDATA[p\r\nq]]></b>'), args: ['x\ny\nz', 'p\nq'] },
  { name: 'character references with leading zeros', body: call11('<a>&#00000000065;&#x0000042;</a>'), args: ['AB'] },
  { name: "'--' inside a comment", body: call11('<a><!-- a -- b --></a>'), fault: BAD_REQUEST },
  { name: 'a processing instruction named xml', body: call11('<a><?xml x?></a>'), fault: BAD_REQUEST },
  { name: 'XML declaration of version 2.0', body: call11('<a/>').replace('version="1.0"', 'version="2.0"'), fault: BAD_REQUEST },
  {
    name: 'an undeclared prefix stays part of the name: xsi:nil without xmlns:xsi is no nil',
    body: '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><m><c xsi:nil="true"/></m></e:Body></e:Envelope>',
    args: [''],
  },
  {
    name: 'a name whose part after the colon is no NCName has no prefix: xmlns:·x declares nothing',
    body: `<e:Envelope ${NS} xmlns:·x="urn:x"><e:Body><m/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'A SOAP Envelope element cannot have non Namespace qualified attributes'],
  },
  { name: 'XML declaration without space between its parts', body: call11('<a/>').replace('" encoding', '"encoding'), fault: BAD_REQUEST },
  { name: 'not XML', body: '<not-xml', fault: BAD_REQUEST },
  {
    name: 'DTD',
    body: `<?xml version="1.0"?><!DOCTYPE e:Envelope [<!ENTITY a "x">]><e:Envelope ${NS}><e:Body><m/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Server', 'DTD are not supported by SOAP'],
  },
  {
    name: 'XXE',
    body: `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e:Envelope ${NS}><e:Body><m><a>&x;</a></m></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Server', 'DTD are not supported by SOAP'],
  },
  {
    name: 'SOAP::Lite style: default namespace and c-gensym names',
    body: `<e:Envelope ${NS}><e:Body><m xmlns="urn:x"><c-gensym3 xsi:type="xsd:string">admin</c-gensym3><c-gensym5 xsi:type="xsd:int">1</c-gensym5></m></e:Body></e:Envelope>`,
    args: ['admin', 1],
  },
  { name: 'depth 2049 is accepted', body: call11(`${'<a>'.repeat(2046)}${'</a>'.repeat(2046)}`), args: [nested(2045)] },
  { name: 'depth 2050 is refused', body: call11(`${'<a>'.repeat(2047)}${'</a>'.repeat(2047)}`), fault: BAD_REQUEST },
  // SOAP 1.2 (faults in the 1.1 column; the codec writes them as env:Sender/env:Receiver).
  { name: '1.2 call', body: call12('<a xsi:type="xsd:int">7</a>'), args: [7] },
  { name: '1.2 without Body', body: `<e:Envelope ${NS12}><e:Header/></e:Envelope>`, fault: ['SOAP-ENV:Client', 'Body must be present in a SOAP envelope'] },
  {
    name: '1.2 encodingStyle on Envelope',
    body: `<e:Envelope ${NS12} e:encodingStyle="urn:x"><e:Body><m/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'encodingStyle cannot be specified on the Envelope'],
  },
  {
    name: '1.2 element after Body',
    body: `<e:Envelope ${NS12}><e:Body><m/></e:Body><x/></e:Envelope>`,
    fault: ['SOAP-ENV:Client', 'A SOAP 1.2 envelope can contain only Header and Body'],
  },
  {
    name: '1.2 foreign encodingStyle on the method',
    body: `<e:Envelope ${NS12}><e:Body><m e:encodingStyle="urn:x"/></e:Body></e:Envelope>`,
    fault: ['SOAP-ENV:DataEncodingUnknown', 'Unknown Data Encoding Style'],
  },
  { name: '1.2 DTD', body: `<!DOCTYPE x><e:Envelope ${NS12}><e:Body><m/></e:Body></e:Envelope>`, fault: ['SOAP-ENV:Server', 'DTD are not supported by SOAP'] },
];

/** The stdClass chain `<a>` elements nested n deep decode to, ending in ''. */
function nested(n: number): unknown {
  let v: unknown = '';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}
