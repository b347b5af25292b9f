// A test pinned to a leap day, frozen: the expiry check answers the same on every day it runs.
import { test, expect } from 'mockpanel/vitest';

test.scoped({ mockpanelWorld: { clock: { at: '2028-02-29T12:00:00Z', frozen: true } } });

test('a token expires on the world clock', async ({ mockpanel }) => {
  const whm = mockpanel.clients.whm;
  const { token } = await whm.createToken('ci', { expires_at: Date.parse('2028-02-29T13:00:00Z') / 1000 });
  const version = () => fetch(`${mockpanel.baseUrl('whm')}/json-api/version?api.version=1`, { headers: { authorization: `whm root:${token}` } });
  expect((await version()).status).toBe(200);

  await mockpanel.advanceClock(2 * 3600);
  expect((await mockpanel.clock()).now.toISOString()).toBe('2028-02-29T14:00:00.000Z');
  expect((await version()).status).toBe(401); // cpsrvd's own refusal of an expired token
});
