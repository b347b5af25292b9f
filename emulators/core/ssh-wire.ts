/*
 * The SSH wire encodings key files are built from (RFC 4251 §5), shared by
 * the panels that write SSH keys (ISPConfig's client_add, WHM's
 * generatesshkeypair and convertopensshtoputty).
 */

/** SSH `string`: uint32 length + bytes. */
export function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** SSH `mpint` of an unsigned big-endian magnitude: two's complement, a leading zero byte when the top bit is set. */
export function mpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.subarray(start);
  return sshString(trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}
