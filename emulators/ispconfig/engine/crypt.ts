import { createHash, randomBytes } from 'node:crypto';
import { MAX_HASHED_PASSWORD_BYTES } from '../../core/bounds.js';
import { faults } from '../faults.js';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// Output byte order of the SHA-crypt encodings (Ulrich Drepper, "Unix crypt using SHA-256 and SHA-512").
const ORDER_512 = [
  [0, 21, 42],
  [22, 43, 1],
  [44, 2, 23],
  [3, 24, 45],
  [25, 46, 4],
  [47, 5, 26],
  [6, 27, 48],
  [28, 49, 7],
  [50, 8, 29],
  [9, 30, 51],
  [31, 52, 10],
  [53, 11, 32],
  [12, 33, 54],
  [34, 55, 13],
  [56, 14, 35],
  [15, 36, 57],
  [37, 58, 16],
  [59, 17, 38],
  [18, 39, 60],
  [40, 61, 19],
  [62, 20, 41],
];
const ORDER_256 = [
  [0, 10, 20],
  [21, 1, 11],
  [12, 22, 2],
  [3, 13, 23],
  [24, 4, 14],
  [15, 25, 5],
  [6, 16, 26],
  [27, 7, 17],
  [18, 28, 8],
  [9, 19, 29],
];

function b64(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += ALPHABET[w & 0x3f];
    w >>= 6;
  }
  return out;
}

function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += block.length) block.copy(out, i, 0, Math.min(block.length, length - i));
  return out;
}

/** glibc's SHA-256/SHA-512 crypt(3), the `$5$` / `$6$` schemes PHP's crypt() implements. */
function shaCrypt(algorithm: 'sha256' | 'sha512', password: Buffer, salt: string, rounds: number, explicitRounds: boolean): string {
  const H = (...parts: Buffer[]) => {
    const h = createHash(algorithm);
    for (const p of parts) h.update(p);
    return h.digest();
  };
  const S = Buffer.from(salt.slice(0, 16), 'utf8');
  const P = password;
  const B = H(P, S, P);
  const a = createHash(algorithm).update(P).update(S).update(repeatTo(B, P.length));
  for (let n = P.length; n > 0; n >>= 1) a.update(n & 1 ? B : P);
  const A = a.digest();
  const dp = createHash(algorithm);
  for (let i = 0; i < P.length; i++) dp.update(P);
  const Pp = repeatTo(dp.digest(), P.length);
  const ds = createHash(algorithm);
  for (let i = 0; i < 16 + A[0]; i++) ds.update(S);
  const Sp = repeatTo(ds.digest(), S.length);
  let C = A;
  for (let i = 0; i < rounds; i++) {
    const h = createHash(algorithm);
    h.update(i & 1 ? Pp : C);
    if (i % 3) h.update(Sp);
    if (i % 7) h.update(Pp);
    h.update(i & 1 ? C : Pp);
    C = h.digest();
  }
  let out = '';
  if (algorithm === 'sha512') {
    for (const [x, y, z] of ORDER_512) out += b64(C[x], C[y], C[z], 4);
    out += b64(0, 0, C[63], 2);
  } else {
    for (const [x, y, z] of ORDER_256) out += b64(C[x], C[y], C[z], 4);
    out += b64(0, C[31], C[30], 3);
  }
  const id = algorithm === 'sha512' ? '6' : '5';
  return `$${id}$${explicitRounds ? `rounds=${rounds}$` : ''}${S.toString('utf8')}$${out}`;
}

// 5000 SHA-512 rounds cost tens of milliseconds in JS; every login checks the same password against the same hash.
const memo = new Map<string, string>();
const MEMO_LIMIT = 512;

/** PHP crypt() for the `$5$`/`$6$` settings ISPConfig writes; undefined for a scheme mockpanel does not compute. */
export function crypt(password: string, setting: string, charset: 'utf8' | 'latin1' = 'utf8'): string | undefined {
  const m = /^\$([56])\$(?:rounds=(\d+)\$)?([^$]{0,16})/.exec(setting);
  if (!m) return undefined;
  const key = `${m[0]}\0${charset}\0${password}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const rounds = m[2] ? Math.min(999_999_999, Math.max(1000, Number(m[2]))) : 5000;
  const hash = shaCrypt(m[1] === '6' ? 'sha512' : 'sha256', Buffer.from(password, charset), m[3], rounds, m[2] !== undefined);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, hash);
  return hash;
}

/** The salt of seeded passwords ("mockpanel" in hex): a seeded world is the same in every run. */
const SEED_SETTING = '$6$rounds=5000$6d6f636b70616e65$';
// The seeded admin's hash, computed once with PHP's crypt() (checked by engine tests): seeding and the first
// login then skip two 5000-round SHA-512 crypts, a tenth of mockpanel's cold start.
memo.set(`${SEED_SETTING.slice(0, -1)}\0utf8\0admin`, `${SEED_SETTING}2fWHAn3zQwyZRP2Opn/1kVUwpafk39UXOsAQkvdug1CZnN.uDqC6Lx/nV2g1ApCOarCOhp./6bcOCAyE5MMSz1`);

/** The hash a seeded password is stored with: SHA-512 crypt as ISPConfig writes it, with mockpanel's fixed seed salt. */
export function seedPasswordHash(password: string): string {
  return crypt(password, SEED_SETTING)!;
}

/**
 * `$app->auth->crypt_password()`: SHA-512 crypt, 5000 rounds, 16 hex salt
 * characters, so every call yields a different hash (remoting.inc.php updateQuery, 3.2.11).
 * CRYPTMAIL fields hash the ISO-8859-1 bytes of the password.
 */
export function cryptPassword(password: string, charset: 'utf8' | 'latin1' = 'utf8'): string {
  if (Buffer.byteLength(password, charset) > MAX_HASHED_PASSWORD_BYTES) {
    // inferred: ISPConfig has no maximum; its form validation reports errors in this `<key><br />` shape (crud.ts).
    throw faults.dataProcessing(`password_too_long: a password longer than ${MAX_HASHED_PASSWORD_BYTES} bytes is not hashed<br />\r\n`);
  }
  return crypt(password, `$6$rounds=5000$${randomBytes(8).toString('hex')}$`, charset)!;
}

/**
 * True when `password` matches a stored crypt() hash (`$5$`/`$6$`) or a
 * legacy md5 hex digest. inferred: MD5-crypt (`$1$`) hashes, which only very
 * old panel logins carry, never match in mockpanel.
 */
export function verifyPassword(password: string, stored: string): boolean {
  // Nothing mockpanel stores was hashed from a longer password (cryptPassword refuses one): no need to pay for the crypt.
  if (stored.startsWith('$')) return Buffer.byteLength(password, 'utf8') <= MAX_HASHED_PASSWORD_BYTES && crypt(password, stored) === stored;
  return md5(password) === stored;
}

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** MySQL's native password hash, `*` + 40 upper-case hex of SHA1(SHA1(pw)) (sites/form/database_user.tform.php, encryption MYSQL). */
export function mysqlPasswordHash(password: string): string {
  const inner = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}
