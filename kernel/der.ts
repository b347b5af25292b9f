/*
 * A small DER writer (ITU-T X.690): just the types an X.509 certificate and a
 * PKCS #10 request need, and a reader of element bounds. Node has no certificate builder, so the panels that
 * hand out certificates (WHM generatessl) assemble them from these pieces
 * and sign them with node:crypto.
 */

/** One DER element: tag, definite length, content. */
export function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

export const sequence = (...parts: Buffer[]): Buffer => der(0x30, ...parts);
export const set = (...parts: Buffer[]): Buffer => der(0x31, ...parts);
/** `[n]` EXPLICIT / constructed context-specific. */
export const explicit = (n: number, ...parts: Buffer[]): Buffer => der(0xa0 + n, ...parts);
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
export const boolean = (v: boolean): Buffer => der(0x01, Buffer.from([v ? 0xff : 0x00]));
export const octetString = (b: Buffer): Buffer => der(0x04, b);
/** A BIT STRING with no unused bits. */
export const bitString = (b: Buffer): Buffer => der(0x03, Buffer.from([0]), b);
export const utf8String = (s: string): Buffer => der(0x0c, Buffer.from(s, 'utf8'));
export const printableString = (s: string): Buffer => der(0x13, Buffer.from(s, 'latin1'));
export const ia5String = (s: string): Buffer => der(0x16, Buffer.from(s, 'latin1'));

/** A non-negative INTEGER from its big-endian magnitude (a leading zero is added when the top bit is set). */
export function unsignedInteger(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return der(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export const smallInteger = (n: number): Buffer => unsignedInteger(Buffer.from([n & 0xff]));

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(unixSeconds: number): Buffer {
  const iso = new Date(unixSeconds * 1000).toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = Number(iso.slice(0, 4));
  return year < 2050 ? der(0x17, Buffer.from(`${digits.slice(2)}Z`, 'latin1')) : der(0x18, Buffer.from(`${digits}Z`, 'latin1'));
}

/** PEM armour around DER bytes, 64 characters a line. */
export function pem(label: string, body: Buffer): string {
  const b64 = body.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Where the DER element starting at `at` keeps its content: [content start, element end). */
export function elementBounds(buf: Buffer, at: number): [number, number] {
  const first = buf[at + 1]!;
  if (first < 0x80) return [at + 2, at + 2 + first];
  const lengthBytes = first & 0x7f;
  let n = 0;
  for (let i = 0; i < lengthBytes; i++) n = n * 256 + buf[at + 2 + i]!;
  return [at + 2 + lengthBytes, at + 2 + lengthBytes + n];
}

/** The dotted form of the OBJECT IDENTIFIER whose content is `bytes`. */
export function oidText(bytes: Buffer): string {
  const arcs = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let v = 0;
  for (const b of bytes.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}
