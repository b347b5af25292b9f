// The same kind of test as vitest-server/, with Node's own runner and no build step:
//   node --test examples/node-test/
// `mockpanel/testing` imports no test framework, so these helpers work the same under jest or mocha.
import { after, afterEach, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestWorld, startMockpanel } from 'mockpanel/testing';

let server;
let world;
before(async () => {
  server = await startMockpanel(); // one in-process server for the file, ephemeral loopback port
});
after(() => server.close());
beforeEach(async () => {
  world = await createTestWorld({ url: server.url }); // a fresh seeded world per test
});
afterEach(() => world.dispose());

// What the code under test would do: a plain fetch to the world's WHM.
async function createAccount(user) {
  const query = new URLSearchParams({ 'api.version': '1', username: user, domain: `${user}.example` });
  const response = await fetch(`${world.baseUrl('whm')}/json-api/createacct?${query}`, {
    headers: { authorization: `whm root:${world.credentials('whm').token}` },
  });
  return (await response.json()).metadata;
}

test('creates a cPanel account, seen by the reference client and the journal', async () => {
  assert.equal((await createAccount('acme')).result, 1);
  const users = (await world.clients.whm.listAccounts()).map((a) => a.user);
  assert.ok(users.includes('acme'));
  assert.deepEqual(
    (await world.journal({ panel: 'whm' })).map((e) => e.method),
    ['createacct', 'listaccts'],
  );
});

test('every test starts from the seeded state', async () => {
  const users = (await world.clients.whm.listAccounts()).map((a) => a.user);
  assert.ok(!users.includes('acme'));
});

test('the world clock moves on demand: a WebFaction session expires', async () => {
  await world.clients.webfaction.listMailboxes();
  await world.advanceClock(2 * 3600);
  await world.clients.webfaction.listMailboxes(); // the reference client logs in again
  assert.equal((await world.journal({ panel: 'webfaction' })).filter((e) => e.method === 'login').length, 2);
});
