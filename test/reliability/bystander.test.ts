import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_BOUND_MS } from '../support/limits.js';
import { serveProcess, withBystander, type ServedProcess } from '../support/serve-process.js';
import { hostileInputs, wrongFormat } from './hostile-inputs.js';

// While each hostile input is served, a concurrent `GET /_admin/health` must still be answered: one event loop
// serves every world. The goal is 100 ms (bench/bystander.ts prints the figures); CI allows HANG_BOUND_MS.
// Inputs whose cost is linear in their size run at a tenth of the long form's size (see hostileInputs).
const CI_SCALE = 0.1;

let server: ServedProcess;
beforeAll(async () => {
  server = await serveProcess();
});
afterAll(async () => {
  await server?.stop();
});

describe('a hostile call never holds up a bystander, and gets its panel’s own answer', () => {
  it.each(hostileInputs(CI_SCALE).map((h) => [h.name, h] as const))('%s', async (_name, h) => {
    const { result, bystanderMs } = await withBystander(server.url, async () => {
      const res = await fetch(`${server.url}${h.path}`, { method: h.method, headers: h.headers, body: h.body });
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    });
    expect(wrongFormat(h.door, result.status, result.type, result.text), result.text.slice(0, 300)).toBeUndefined();
    expect(bystanderMs).toBeLessThan(HANG_BOUND_MS);
  });

  it('headers past node’s 16 KiB limit get 431, not a generic 400', async () => {
    const { result, bystanderMs } = await withBystander(server.url, () =>
      fetch(`${server.url}/whm/json-api/version`, { headers: { 'x-big': 'a'.repeat(20_000) } }),
    );
    expect(result.status).toBe(431);
    expect(bystanderMs).toBeLessThan(HANG_BOUND_MS);
  });

  it('the server is still up and logged no stack trace', async () => {
    expect((await fetch(`${server.url}/_admin/health`)).status).toBe(200);
    expect(server.stderr()).not.toMatch(/\n\s+at /);
  });
});
