import { generateKeyPair, generateKeyPairSync, type KeyObject } from 'node:crypto';

/*
 * RSA private keys made ahead, off the event loop. A 2048-bit RSA key costs
 * 50–200 ms of CPU: a handler may not hold the loop that long, so keys come
 * from a small pool that node's asynchronous generateKeyPair (a libuv worker
 * thread) fills. A door awaits `whenRsaKeyReady()` before serving a call that
 * will need one (the panel's `prepare`); the handler then takes it at once.
 * Each key is handed out once.
 */

/** Keys kept in reserve per size: a new one is started whenever fewer remain. */
const KEYS_AHEAD = 2;

interface Pool {
  keys: KeyObject[];
  inFlight: number;
  waiters: (() => void)[];
}

const pools = new Map<number, Pool>();

function poolOf(bits: number): Pool {
  let pool = pools.get(bits);
  if (!pool) {
    pool = { keys: [], inFlight: 0, waiters: [] };
    pools.set(bits, pool);
  }
  return pool;
}

function refill(bits: number): void {
  const pool = poolOf(bits);
  while (pool.keys.length + pool.inFlight < KEYS_AHEAD) {
    pool.inFlight++;
    generateKeyPair('rsa', { modulusLength: bits }, (error, _publicKey, privateKey) => {
      pool.inFlight--;
      if (!error) pool.keys.push(privateKey);
      // On an error the waiters go on too: the handler then makes (and pays for) a key synchronously.
      while (pool.waiters.length && (pool.keys.length > 0 || error)) pool.waiters.shift()!();
      refill(bits);
    });
  }
}

/** Resolves once a key of that size is ready (at once when one is); keeps the reserve filling. */
export function whenRsaKeyReady(bits = 2048): Promise<void> {
  refill(bits);
  const pool = poolOf(bits);
  if (pool.keys.length > 0) return Promise.resolve();
  return new Promise<void>((resolve) => pool.waiters.push(resolve));
}

/** A fresh RSA private key; made synchronously only when concurrent calls used up the reserve the door waited for. */
export function takeRsaKey(bits = 2048): KeyObject {
  const pool = poolOf(bits);
  const key = pool.keys.shift() ?? generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;
  refill(bits);
  return key;
}
