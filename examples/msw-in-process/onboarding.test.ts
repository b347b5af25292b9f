// In-process: msw answers the panels' real hostnames from mockpanel's core; no server, no port.
import { setupServer } from 'msw/node';
import { seededCredentials } from 'mockpanel';
import { WebfactionClient } from 'mockpanel/clients';
import { panelHandlers } from 'mockpanel/msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customerUsers, onboardCustomer, type PanelConfig } from '../app/onboarding.js';

// The app is configured with the real endpoints; WHM has no fixed host, so we name ours.
const config: PanelConfig = {
  whmUrl: 'https://whm.example.com:2087',
  whmToken: seededCredentials('whm').token!,
  webfactionUrl: 'https://api.webfaction.com/',
  webfactionUser: 'widgetsco',
  webfactionPassword: 'widgetsrock',
};

const panels = panelHandlers({ hosts: { 'whm.example.com:2087': 'whm' } });
const server = setupServer(...panels);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => panels.core.worlds.reset('default'));
afterAll(() => server.close());

const webfaction = () => new WebfactionClient({ url: config.webfactionUrl, username: 'widgetsco', password: 'widgetsrock' });

it('onboards a customer on WHM and WebFaction', async () => {
  const { mailbox } = await onboardCustomer(config, { user: 'acme', domain: 'acme.example' });

  expect(await customerUsers(config)).toContain('acme');
  const mailboxes = await webfaction().listMailboxes();
  expect(mailboxes.map((m) => m.mailbox)).toContain(mailbox);
});

it('starts again from the seeded state after the reset', async () => {
  expect(await customerUsers(config)).not.toContain('acme');
  expect((await webfaction().listMailboxes()).map((m) => m.mailbox)).not.toContain('acme_mail');
});

it('reports a refusal from WHM', async () => {
  await onboardCustomer(config, { user: 'twice', domain: 'twice.example' });
  await expect(onboardCustomer(config, { user: 'twice', domain: 'twice2.example' })).rejects.toThrow(/WHM refused/);
});

describe('concurrent tests, each in a world of its own (server.boundary)', () => {
  const users = ['alpha', 'bravo', 'charlie'];
  // Every test lists accounts only once all three have onboarded, so they truly overlap.
  let arrived = 0;
  let release!: () => void;
  const allOnboarded = new Promise<void>((resolve) => (release = resolve));

  for (const user of users) {
    it.concurrent(
      `${user} sees only its own customer`,
      server.boundary(async () => {
        const world = panels.core.worlds.create().id;
        server.use(...panels.withWorld(world));
        try {
          await onboardCustomer(config, { user, domain: `${user}.example` });
          if (++arrived === users.length) release();
          await allOnboarded;
          const seen = await customerUsers(config);
          expect(seen).toContain(user);
          for (const other of users.filter((u) => u !== user)) expect(seen).not.toContain(other);
        } finally {
          panels.core.worlds.delete(world);
        }
      }),
    );
  }
});
