import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MAX_KEYS_PER_SPEC, keyStock, keysMadeOnLoop, prepareKeys, takeKey, takeKeyOrMake, type KeySpec } from './key-pool.js';

const RSA: KeySpec = { type: 'rsa', bits: 1024 };

/** What the dispatcher does: await the prepare step, then serve the call synchronously (here: take its keys). */
async function serve(spec: KeySpec, count: number) {
  await prepareKeys([[spec, count]]);
  return Array.from({ length: count }, () => takeKey(spec));
}

function drain(spec: KeySpec): void {
  while (takeKey(spec));
}

describe('the key pool', () => {
  it('makes the keys a call needs off the event loop; the call then takes them at once', async () => {
    drain(RSA);
    const onLoop = keysMadeOnLoop();
    const pending = prepareKeys([
      [RSA, 1],
      [RSA, 1],
    ]);
    expect(keyStock(RSA).making).toBe(2);
    await pending;
    const started = performance.now();
    const keys = [takeKey(RSA), takeKey(RSA)];
    expect(performance.now() - started).toBeLessThan(20);
    expect(keys.map((k) => k?.asymmetricKeyDetails?.modulusLength)).toEqual([1024, 1024]);
    expect(keys[0]!.equals(keys[1]!)).toBe(false);
    expect(keysMadeOnLoop()).toBe(onLoop);
    expect(prepareKeys([])).toBeUndefined();
    expect(prepareKeys([[RSA, 0]])).toBeUndefined();
  });

  it('concurrent calls each get their own keys, even when a spare key is about', async () => {
    drain(RSA);
    await prepareKeys([[RSA, 1]]); // taken by nobody: one spare once the turn is over
    await nextTurn();
    expect(keyStock(RSA)).toEqual({ ready: 1, making: 0 });
    const served = await Promise.all([serve(RSA, 1), serve(RSA, 2), serve(RSA, 1)]);
    expect(served.flat().every((k) => k?.asymmetricKeyDetails?.modulusLength === 1024)).toBe(true);
    // The spare served one of them: three keys were made for four.
    expect(keyStock(RSA).ready).toBe(0);
  });

  it('uses spare keys before making new ones, and keeps a bounded number of them', async () => {
    drain(RSA);
    await prepareKeys([[RSA, MAX_KEYS_PER_SPEC + 4]]);
    expect(keyStock(RSA).ready).toBe(MAX_KEYS_PER_SPEC);
    await nextTurn();
    const again = prepareKeys([[RSA, 3]]);
    expect(keyStock(RSA).making).toBe(0);
    await again;
    await nextTurn();
    expect(keyStock(RSA).ready).toBe(MAX_KEYS_PER_SPEC);
  });

  it('makes a key on the loop, and counts it, only when none was prepared', async () => {
    drain(RSA);
    const onLoop = keysMadeOnLoop();
    expect(takeKey(RSA)).toBeUndefined();
    expect(takeKeyOrMake(RSA).asymmetricKeyDetails?.modulusLength).toBe(1024);
    expect(keysMadeOnLoop()).toBe(onLoop + 1);
    await prepareKeys([[RSA, 1]]);
    expect(takeKeyOrMake(RSA).asymmetricKeyType).toBe('rsa');
    expect(keysMadeOnLoop()).toBe(onLoop + 1);
  });

  it('makes DSA keys as OpenSSH uses them (1024-bit p, 160-bit q)', async () => {
    const dsa: KeySpec = { type: 'dsa', bits: 1024 };
    await prepareKeys([[dsa, 1]]);
    const key = takeKey(dsa);
    expect(key?.asymmetricKeyType).toBe('dsa');
    expect(key?.asymmetricKeyDetails).toMatchObject({ modulusLength: 1024, divisorLength: 160 });
  });
});
