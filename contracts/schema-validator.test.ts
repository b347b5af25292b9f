import { describe, expect, it } from 'vitest';
import { validate, type Schema } from './schema-validator.js';

const schema: Schema = {
  type: 'object',
  required: ['name', 'kind'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, pattern: '^[a-z_]+$' },
    kind: { $ref: '#/$defs/kind' },
    count: { type: 'integer', minimum: 0 },
    flag: { const: true },
    tags: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string' } },
    either: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'integer' } }] },
    code: { type: ['string', 'integer'] },
  },
  $defs: { kind: { enum: ['a', 'b'] } },
};

describe('schema-validator', () => {
  it('accepts a conforming value', () => {
    expect(validate(schema, { name: 'ok_name', kind: 'a', count: 2, flag: true, tags: ['x'], either: [1, 2], code: 5 })).toEqual([]);
  });

  it('reports each broken keyword with its path', () => {
    const errors = validate(schema, {
      name: 'Bad-Name',
      kind: 'c',
      count: -1.5,
      flag: false,
      tags: ['x', 'x'],
      either: [1, 'two'],
      code: 1.5,
      extra: 1,
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/name: must match/),
        expect.stringMatching(/^\/kind: must be one of/),
        expect.stringMatching(/^\/count: expected integer/),
        expect.stringMatching(/^\/count: must be >= 0/),
        expect.stringMatching(/^\/flag: must be true/),
        expect.stringMatching(/^\/tags: items must be unique/),
        expect.stringMatching(/^\/either: matches none/),
        expect.stringMatching(/^\/code: expected string or integer/),
        expect.stringMatching(/^\/extra: no value is allowed/),
      ]),
    );
    expect(errors).toHaveLength(9);
  });

  it('reports missing required properties, short strings and short arrays', () => {
    expect(validate(schema, { name: '', tags: [] })).toEqual([
      '/: missing required "kind"',
      '/name: must have at least 1 characters',
      '/name: must match ^[a-z_]+$',
      '/tags: needs at least 1 items',
    ]);
  });

  it('refuses keywords it does not implement rather than ignoring them', () => {
    expect(() => validate({ type: 'string', maxLength: 3 }, 'abcd')).toThrow(/maxLength/);
  });
});
