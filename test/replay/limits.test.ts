import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readCassette } from '../../emulators/replay/cassette.js';
import { startReplayServer } from '../../emulators/replay/replayer.js';
import { DEFAULT_MAX_BODY } from '../../emulators/server/http-server.js';

it('the replay server refuses a body over the limit without buffering it, and keeps serving', async () => {
  const cassette = readCassette(join(import.meta.dirname, '../../fixtures/docs/webfaction/examples.json'));
  const replay = await startReplayServer([cassette]);
  try {
    const big = await fetch(`${replay.url}/webfaction/`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', 'content-length': String(DEFAULT_MAX_BODY + 1) },
      body: Buffer.alloc(DEFAULT_MAX_BODY + 1, 'a') as unknown as BodyInit,
    }).catch((error: Error) => error);
    if (big instanceof Response) {
      expect(big.status).toBe(413);
      expect(await big.text()).toContain('limit');
    } else {
      // The server may close the socket before the whole upload is sent; it must not have crashed.
      expect(big).toBeInstanceOf(Error);
    }
    const after = await fetch(`${replay.url}/nowhere`);
    expect(after.status).toBe(404);
  } finally {
    await replay.close();
  }
});
