import type { TestServer } from '../support/server.js';

/** Moves a world's clock forward through the admin API (time is an input: never the wall clock). */
export async function advanceWorldClock(server: TestServer, world: string, seconds: number): Promise<void> {
  const r = await fetch(`${server.admin}/worlds/${encodeURIComponent(world)}/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!r.ok) throw new Error(`clock: HTTP ${r.status} ${await r.text()}`);
}
