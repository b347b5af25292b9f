import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_CLIENT_FILES } from '../../scripts/client-types/all.js';

const root = resolve(import.meta.dirname, '../..');

describe('generated client files are what npm run gen:clients writes from the committed contracts', () => {
  it.each(GENERATED_CLIENT_FILES.map((f) => [f.path, f] as const))('%s', (path, file) => {
    const committed = readFileSync(join(root, path), 'utf8');
    expect(committed === file.generate(), `${path} is stale: run npm run gen:clients`).toBe(true);
  });

  it('covers all four clients', () => {
    expect(new Set(GENERATED_CLIENT_FILES.map((f) => f.panel))).toEqual(new Set(['webfaction', 'gandi', 'ispconfig', 'whm']));
  });
});
