// Against a real mockpanel server: the fixture gives every test its own world on it, deleted afterwards.
import { test, expect, type MockpanelWorld } from 'mockpanel/vitest';
import { inject } from 'vitest';
import { customerUsers, onboardCustomer, type PanelConfig } from '../app/onboarding.js';

// The app is pointed at this test's world.
const configFor = (mockpanel: MockpanelWorld): PanelConfig => ({
  whmUrl: mockpanel.baseUrl('whm'),
  whmToken: mockpanel.credentials('whm').token!,
  webfactionUrl: mockpanel.baseUrl('webfaction'),
  webfactionUser: mockpanel.credentials('webfaction').username,
  webfactionPassword: mockpanel.credentials('webfaction').password,
});

test('onboards a customer on WHM and WebFaction', async ({ mockpanel }) => {
  const config = configFor(mockpanel);
  const { mailbox } = await onboardCustomer(config, { user: 'acme', domain: 'acme.example' });

  // The reference clients, already bound to this world and to the seeded logins.
  expect((await mockpanel.clients.whm.listAccounts()).map((a) => a.user)).toContain('acme');
  expect((await mockpanel.clients.webfaction.listMailboxes()).map((m) => m.mailbox)).toContain(mailbox);
  // The journal says what the app sent.
  expect((await mockpanel.journal({ panel: 'whm' })).map((e) => e.method)).toEqual(['createacct', 'listaccts']);
  expect(await customerUsers(config)).toContain('acme');
});

test('every test starts from the seeded state', async ({ mockpanel }) => {
  expect(await customerUsers(configFor(mockpanel))).not.toContain('acme');
});

test('plain fetch works too', async ({ mockpanel }) => {
  const res = await fetch(`${mockpanel.baseUrl('whm')}/json-api/version?api.version=1`, {
    headers: { authorization: `whm root:${mockpanel.credentials('whm').token}` },
  });
  expect((await res.json()).metadata.result).toBe(1);
});

// Run in parallel; each test has its own world, so none sees another's customer.
const users = ['alpha', 'bravo', 'charlie'];
let arrived = 0;
let release!: () => void;
const allOnboarded = new Promise<void>((resolve) => (release = resolve));

test.concurrent.for(users)('%s sees only its own customer', async (user, { mockpanel, expect }) => {
  const config = configFor(mockpanel);
  await onboardCustomer(config, { user, domain: `${user}.example` });
  // List only once all three have onboarded, so the tests truly overlap.
  if (++arrived === users.length) release();
  await allOnboarded;
  const seen = await customerUsers(config);
  expect(seen).toContain(user);
  for (const other of users.filter((u) => u !== user)) expect(seen).not.toContain(other);
});

// With the global setup (examples/vitest-server/vitest.config.ts) every file shares its one server.
test.runIf(inject('mockpanel'))('uses the server the global setup started', ({ mockpanel }) => {
  expect(mockpanel.url).toBe(inject('mockpanel')!.url);
});
