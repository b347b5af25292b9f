import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli/main.js is missing: run "npm run build" (npm test does it first)');
  dir = mkdtempSync(join(tmpdir(), 'mockpanel-verify-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });

describe('mockpanel verify', () => {
  it('exits 0 when a cassette verifies', () => {
    const result = run('verify', 'fixtures/docs/gandi/flow.json');
    expect(result.stdout).toContain('fixtures/docs/gandi/flow.json: 23/23 interactions equal');
    expect(result.status).toBe(0);
  });

  it('exits 1 on drift and prints the field, and --update rewrites the answer', () => {
    const cassette = JSON.parse(readFileSync(join(root, 'fixtures/docs/webfaction/examples.json'), 'utf8'));
    cassette.interactions[1].response.value.subdomains = ['www'];
    const file = join(dir, 'changed.json');
    writeFileSync(file, JSON.stringify(cassette));
    const result = run('verify', file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('#1 create_domain (create_domain example): drift');
    expect(result.stdout).toContain('/value/subdomains: recorded ["www"], now ["www","design"] — 1 items recorded, 2 now');

    run('verify', file, '--update');
    const updated = JSON.parse(readFileSync(file, 'utf8'));
    expect(updated.interactions[1].response.value.subdomains).toEqual(['www', 'design']);
    // The session the emulator handed out is written back as the recording's placeholder.
    expect(updated.interactions[0].response.value[0]).toBe('SECRET-session-1');
    expect(run('verify', file).stdout).toContain(': 9/9 interactions equal');
  });

  it('refuses a file that is not a cassette, naming the problem', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'mockpanel-cassette/1', panel: 'webfaction', interactions: [] }));
    const result = run('verify', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('missing required "provenance"');
  });
});
