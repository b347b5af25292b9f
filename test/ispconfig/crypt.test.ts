import { expect, it } from 'vitest';
import { crypt, seedPasswordHash, verifyPassword } from '../../emulators/ispconfig/engine/crypt.js';

it('the precomputed seeded admin hash is what crypt() computes', () => {
  // latin1 and utf8 give the same bytes for "admin" but different cache keys, so this one is computed for real.
  const computed = crypt('admin', '$6$rounds=5000$6d6f636b70616e65$', 'latin1');
  expect(seedPasswordHash('admin')).toBe(computed);
  expect(verifyPassword('admin', computed!)).toBe(true);
  expect(verifyPassword('Admin', computed!)).toBe(false);
});
