import { generatePrime, generatePrimeSync, randomBytes } from 'node:crypto';
import { mpint, sshString } from '../../core/ssh-wire.js';

// What `ssh-keygen -t rsa -C <user>-rsa-key-<time> -f <file> -N ""` writes for a new client
// (interface/lib/classes/functions.inc.php:495, ISPConfig 3.2.11, AVENTER-UG/ispconfig3@3.2.11):
// OpenSSH's default 3072-bit RSA key, the private key in the openssh-key-v1 format without a
// passphrase, the public key as one `ssh-rsa <base64> <comment>\n` line.
//
// A fresh RSA-3072 key costs two 1536-bit primes, 0.2–1 s of CPU each on a busy machine: far beyond
// what one call may hold the event loop, and a conformance run adds clients by the dozen. So the
// primes come from a pool that node's asynchronous generatePrime fills off the event loop, and each
// key is a pair of pool primes never paired before: every client gets its own modulus, and k primes
// serve k(k-1)/2 keys. The price: keys of one process share prime factors, so they are test keys
// only, never to be trusted with anything (mockpanel's clients are throw-away). `whenKeyReady` lets
// the door wait for a pair before a `client_add` is served; the handler then computes d and
// q^-1 mod p and encodes (a few milliseconds).

const PRIME_BITS = 1536;
const E = 65537n;
/** Unused pairs kept in reserve: a new prime is started whenever fewer remain. */
const PAIRS_AHEAD = 3;

const primes: bigint[] = [];
/** The next pair to hand out is (primes[pairI], primes[pairJ]), pairI < pairJ; pairs are used j-major. */
let pairI = 0;
let pairJ = 1;
let inFlight = 0;
const waiters: (() => void)[] = [];

function unusedPairs(): number {
  const k = primes.length;
  if (pairJ >= k) return 0;
  return (k * (k - 1)) / 2 - ((pairJ * (pairJ - 1)) / 2 + pairI);
}

/** A prime usable for RSA with e = 65537, its top two bits set so that a product has exactly 3072 bits (OpenSSL's BN_generate_prime_ex does that). */
function usable(p: bigint): boolean {
  return (p - 1n) % E !== 0n && p >> BigInt(PRIME_BITS - 2) === 3n;
}

function refill(): void {
  // Enough primes in flight to restore the reserve (at least two for the very first pair).
  while (unusedPairs() + inFlight * primes.length < PAIRS_AHEAD && inFlight < 2) {
    inFlight++;
    generatePrime(PRIME_BITS, { bigint: true }, (error, prime) => {
      inFlight--;
      if (!error && usable(prime)) primes.push(prime);
      // On an error the waiters go on too: the handler then makes (and reports) a prime synchronously.
      while (waiters.length && (unusedPairs() > 0 || error)) waiters.shift()!();
      refill();
    });
  }
}

/** Resolves once a fresh prime pair is ready (at once when one is); keeps the reserve filling. */
export function whenKeyReady(): Promise<void> {
  refill();
  if (unusedPairs() > 0) return Promise.resolve();
  return new Promise<void>((resolve) => waiters.push(resolve));
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

function toBuffer(n: bigint): Buffer {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

interface RsaParts {
  n: Buffer;
  e: Buffer;
  d: Buffer;
  p: Buffer;
  q: Buffer;
  qi: Buffer;
}

/** The next unused pair as an RSA key; a prime is made synchronously only when concurrent calls used up the reserve. */
function takeKey(): RsaParts {
  while (unusedPairs() === 0) {
    const prime = generatePrimeSync(PRIME_BITS, { bigint: true });
    if (usable(prime)) primes.push(prime);
  }
  const [a, b] = [primes[pairI]!, primes[pairJ]!];
  pairI++;
  if (pairI === pairJ) (pairJ++, (pairI = 0));
  refill();
  const [p, q] = a > b ? [a, b] : [b, a];
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  return { n: toBuffer(p * q), e: toBuffer(E), d: toBuffer(modInverse(E, lambda)), p: toBuffer(p), q: toBuffer(q), qi: toBuffer(modInverse(q, p)) };
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join('\n');
}

/** The two files ssh-keygen writes: `id_rsa` (openssh-key-v1, PROTOCOL.key) and `id_rsa.pub`. */
export function sshKeygenRsa(comment: string): { privateKey: string; publicKey: string } {
  const k = takeKey();
  const publicBlob = Buffer.concat([sshString('ssh-rsa'), mpint(k.e), mpint(k.n)]);
  const check = randomBytes(4);
  let secret = Buffer.concat([check, check, sshString('ssh-rsa'), mpint(k.n), mpint(k.e), mpint(k.d), mpint(k.qi), mpint(k.p), mpint(k.q), sshString(comment)]);
  // Padded with 1, 2, 3… to the cipher block size, 8 for "none".
  const pad = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    count,
    sshString(publicBlob),
    sshString(secret),
  ]);
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap(body.toString('base64'), 70)}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-rsa ${publicBlob.toString('base64')} ${comment}\n`,
  };
}
