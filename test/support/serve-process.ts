import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The built CLI; MOCKPANEL_CLI points the reliability suite at another build (an older commit's, to see a test fail there). */
export const CLI = process.env.MOCKPANEL_CLI ?? join(ROOT, 'dist/cli/main.js');

/** `mockpanel serve` in a child process of its own: a call that blocks its event loop cannot block the test measuring it. */
export interface ServedProcess {
  url: string;
  /** What the server printed on stdout up to its banner. */
  banner: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it lingers; resolves when it has exited. */
  stop(): Promise<void>;
}

/** Starts `node dist/cli/main.js serve --port 0 …args` and waits for its banner. Needs `npm run build`. */
export async function serveProcess(args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<ServedProcess> {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run "npm run build" (npm test does it first)');
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolvePromise, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Admin API\s+(https?:\/\/[^/\s]+)\/_admin/.exec(out);
      if (m) resolvePromise(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`mockpanel serve exited with ${code}: ${err}`)));
  });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(killer);
        done();
      });
      child.kill('SIGTERM');
    });
  return { url, banner: out, child, stderr: () => err, stop };
}

export interface Bystanding<T> {
  result: T;
  /** The slowest `GET /_admin/health` sent while the hostile call was in flight (ms). */
  bystanderMs: number;
  /** How long the hostile call took (ms). */
  hostileMs: number;
  /** How many health calls were answered meanwhile. */
  probes: number;
}

/**
 * Runs `hostile` and, while it is in flight, sends `GET /_admin/health` one
 * after the other (the first a few milliseconds in, so the server is busy with
 * the hostile call); reports the slowest. At least one probe is always
 * answered after the hostile call was sent.
 */
export async function withBystander<T>(url: string, hostile: () => Promise<T>, options: { delayMs?: number } = {}): Promise<Bystanding<T>> {
  const started = performance.now();
  let done = false;
  let hostileMs = 0;
  const call = hostile().finally(() => {
    done = true;
    hostileMs = performance.now() - started;
  });
  // Keep the rejection for the caller, but do not let it go unhandled while the probes run.
  call.catch(() => undefined);
  await new Promise((r) => setTimeout(r, options.delayMs ?? 5));
  let bystanderMs = 0;
  let probes = 0;
  do {
    const t = performance.now();
    const res = await fetch(`${url}/_admin/health`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`health answered ${res.status}`);
    bystanderMs = Math.max(bystanderMs, performance.now() - t);
    probes++;
  } while (!done);
  return { result: await call, bystanderMs, hostileMs, probes };
}
