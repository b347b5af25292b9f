import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedJson, MAX_RESULT_CHARS } from '../../state/journal-store.js';
import { journalResult, redactResult, resultSecrets } from './redact.js';

/** What the journal stored before journalResult: the redacted copy, bounded, and the secrets found on a second walk. */
const reference = (method: string, value: unknown) => ({
  json: boundedJson(redactResult(method, value), MAX_RESULT_CHARS),
  secrets: [...resultSecrets(method, value)].sort(),
});
const actual = (method: string, value: unknown) => {
  const kept = journalResult(method, value);
  return { json: kept.json.text, secrets: [...kept.secrets].sort() };
};

class Thing {
  constructor(readonly name: string) {}
  toJSON() {
    return 'a thing';
  }
}

describe('journalResult', () => {
  it('stores exactly what boundedJson(redactResult()) stored and finds the same secrets, for any result', () => {
    const key = fc.oneof(
      fc.constantFrom('id', 'domain', 'password', 'token', 'session', 'api_token', 'db_password', '__proto__', 'x'),
      fc.string({ maxLength: 6 }),
    );
    const leaf = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ minLength: 900, maxLength: 1500 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: true }),
      fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
      fc.string({ maxLength: 8 }).map((s) => new Thing(s)),
      fc.constant(new Map([['a', 1]])),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 6 }), fc.dictionary(key, tie('node'), { maxKeys: 6 })),
    })).node;
    const method = fc.constantFrom('list_domains', 'login', 'su', 'create_mailbox');
    fc.assert(
      fc.property(method, value, (m, v) => {
        expect(actual(m, v)).toEqual(reference(m, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the examples the fast path must not take: a secret member, a login session, an instance, an oversized list', () => {
    for (const [m, v] of [
      ['create_mailbox', { id: 1, password: 'generated-secret' }],
      ['login', ['sess1234', { id: 1 }]],
      ['list_domains', [new Thing('t')]],
      ['list_domains', Array.from({ length: 500 }, (_, i) => ({ id: i, domain: `d${i}.example.com` }))],
      ['list_domains', Object.assign(Object.create({ inherited: 'yes' }), { own: 1 })],
    ] as const) {
      expect(actual(m, v)).toEqual(reference(m, v));
    }
    expect(actual('create_mailbox', { password: 'generated-secret' })).toEqual({ json: '{"password":"[redacted]"}', secrets: ['generated-secret'] });
  });
});
