// The node:test example runs under Node's own runner against dist/ (npm test builds it first), with no vitest in
// the process: proof that mockpanel/testing needs no test framework. The packed-install test runs it again from
// the installed tarball.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));

it('passes under node --test', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile('node', ['--test', 'examples/node-test/'], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
  expect(code, stdout.slice(-3000) + stderr).toBe(0);
  expect(stdout).toMatch(/^# pass [1-9]\d*$/m);
  expect(stdout).toMatch(/^# skipped 0$/m);
  expect(stdout).toMatch(/^# fail 0$/m);
});
