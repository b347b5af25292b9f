import { generateKeyPair, generateKeyPairSync, type KeyObject } from 'node:crypto';

/*
 * Private keys made off the event loop, for every emulator that hands out
 * fresh keys. A 2048-bit RSA key costs 50–200 ms of CPU and a DSA key or an
 * RSA-4096 one up to seconds: no handler may hold the one loop every world
 * shares that long. So a panel's `prepare` hook (awaited by the dispatcher
 * before it serves the call synchronously) says which keys the call will
 * take, node's asynchronous generateKeyPair makes them on libuv's thread
 * pool, and the handler then takes them at once. Each key is handed out once.
 *
 * Concurrent calls never take each other's keys: every waiting call is
 * owed its count, and only keys beyond what is owed count as spare (left by a
 * call that failed before taking all of its keys). Spare keys serve the next
 * call; a bounded number is kept per spec.
 */

export type KeyType = 'rsa' | 'dsa';

/** Which key: the algorithm and its size in bits (RSA modulus, DSA prime). */
export interface KeySpec {
  readonly type: KeyType;
  readonly bits: number;
}

/** What a call will take: [spec, how many]; a spec may appear more than once (the counts add up). */
export type KeyNeeds = readonly (readonly [KeySpec, number])[];

/** Most keys made for one call per spec, and most spare keys kept per spec (a call that asks for more takes fewer). */
export const MAX_KEYS_PER_SPEC = 16;

interface Stock {
  spec: KeySpec;
  ready: KeyObject[];
  /** Keys being made on the thread pool. */
  making: number;
  /** Keys promised to calls that wait for them or are being served now. */
  owed: number;
}

interface Waiter {
  needs: [Stock, number][];
  resolve: () => void;
}

const stocks = new Map<string, Stock>();
const waiters: Waiter[] = [];
let madeOnLoop = 0;

function stockOf(spec: KeySpec): Stock {
  const id = `${spec.type}:${spec.bits}`;
  let stock = stocks.get(id);
  if (!stock) {
    stock = { spec: { type: spec.type, bits: spec.bits }, ready: [], making: 0, owed: 0 };
    stocks.set(id, stock);
  }
  return stock;
}

// OpenSSH's DSA keys have a 160-bit q (FIPS 186-2); larger primes take FIPS 186-3's 256-bit q.
const dsaOptions = (bits: number) => ({ modulusLength: bits, divisorLength: bits <= 1024 ? 160 : 256 });

function make(stock: Stock): void {
  stock.making++;
  const done = (error: Error | null, _publicKey: KeyObject, privateKey: KeyObject) => {
    stock.making--;
    if (error) return release(stock);
    stock.ready.push(privateKey);
    settle();
  };
  const { type, bits } = stock.spec;
  if (type === 'dsa') generateKeyPair('dsa', dsaOptions(bits), done);
  else generateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001 }, done);
}

/** Keys owed to waiters still waiting, by stock. */
function waitingFor(stock: Stock): number {
  let n = 0;
  for (const w of waiters) for (const [s, count] of w.needs) if (s === stock) n += count;
  return n;
}

/** Lets every waiter go whose keys are all ready, oldest first; each holds its keys until the turn after it is served. */
function settle(): void {
  const available = new Map<Stock, number>();
  const free = (s: Stock) => available.get(s) ?? s.ready.length - (s.owed - waitingFor(s));
  for (let i = 0; i < waiters.length;) {
    const w = waiters[i]!;
    if (!w.needs.every(([s, count]) => free(s) >= count)) {
      i++;
      continue;
    }
    for (const [s, count] of w.needs) available.set(s, free(s) - count);
    waiters.splice(i, 1);
    go(w);
  }
}

/**
 * Resolves a waiter. Its keys stay owed until the next turn of the event
 * loop: the dispatcher serves the call synchronously once `prepare`
 * resolves, so by then the handler has taken what it needed.
 */
function go(w: Waiter): void {
  w.resolve();
  setImmediate(() => {
    for (const [s, count] of w.needs) {
      s.owed -= count;
      // Spare keys beyond the bound are dropped (a key is never reused, so nothing refers to them).
      if (s.ready.length > s.owed + MAX_KEYS_PER_SPEC) s.ready.splice(0, s.ready.length - s.owed - MAX_KEYS_PER_SPEC);
    }
    settle();
  });
}

/** A key that failed to be made: the calls that counted on it go on without it (their handlers fall back). */
function release(stock: Stock): void {
  for (let i = 0; i < waiters.length;) {
    if (waiters[i]!.needs.some(([s]) => s === stock)) go(waiters.splice(i, 1)[0]!);
    else i++;
  }
}

/**
 * Makes the keys a call will take off the event loop; resolves when they are
 * all ready (undefined: nothing is needed). At most MAX_KEYS_PER_SPEC per
 * spec; spare keys are used first. The keys are the call's until the turn
 * of the event loop after the promise resolves.
 */
export function prepareKeys(needs: KeyNeeds): Promise<void> | undefined {
  const counts = new Map<Stock, number>();
  for (const [spec, count] of needs) {
    if (!(count > 0)) continue;
    const stock = stockOf(spec);
    counts.set(stock, Math.min((counts.get(stock) ?? 0) + count, MAX_KEYS_PER_SPEC));
  }
  if (!counts.size) return undefined;
  for (const [stock, count] of counts) {
    const spare = Math.max(0, stock.ready.length + stock.making - stock.owed);
    for (let i = spare; i < count; i++) make(stock);
    stock.owed += count;
  }
  return new Promise<void>((resolve) => {
    waiters.push({ needs: [...counts], resolve });
    settle();
  });
}

/** A prepared key of the spec, or undefined when none is ready (the call asked for more than was made for it). */
export function takeKey(spec: KeySpec): KeyObject | undefined {
  return stocks.get(`${spec.type}:${spec.bits}`)?.ready.shift();
}

/**
 * A prepared key of the spec; made here, synchronously and counted, only
 * when none is ready (a call that did not pass a `prepare`, or one whose key
 * failed to be made).
 */
export function takeKeyOrMake(spec: KeySpec): KeyObject {
  const prepared = takeKey(spec);
  if (prepared) return prepared;
  madeOnLoop++;
  return spec.type === 'dsa'
    ? generateKeyPairSync('dsa', dsaOptions(spec.bits)).privateKey
    : generateKeyPairSync('rsa', { modulusLength: spec.bits, publicExponent: 0x10001 }).privateKey;
}

/** How many keys were made on the event loop because none was prepared (tests keep it unchanged). */
export const keysMadeOnLoop = (): number => madeOnLoop;

/** The keys of a spec ready and being made (for tests and diagnostics). */
export function keyStock(spec: KeySpec): { ready: number; making: number } {
  const stock = stocks.get(`${spec.type}:${spec.bits}`);
  return { ready: stock?.ready.length ?? 0, making: stock?.making ?? 0 };
}
