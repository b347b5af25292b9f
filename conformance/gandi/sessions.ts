import assert from 'node:assert/strict';
import { GandiClient } from '../../clients/gandi/index.js';
import { defineScenario } from '../scenario.js';
import { connect, expectFault } from './support.js';

const TWELVE_HOURS = 12 * 3600;

export const sessionScenarios = [
  defineScenario({
    id: 'gandi/login-and-account',
    panel: 'gandi',
    title: 'login answers a session id on /hosting/ and /xmlrpc/; account currency and balance read with it',
    access: 'read-only',
    basis: 'documented',
    methods: ['login', 'account_currency', 'account_balance'],
    async run(ctx) {
      for (const path of ['/hosting/', '/xmlrpc/']) {
        const gandi = await ctx.step(`login at ${path}`, () => connect(ctx, { path }));
        assert.equal(typeof gandi.session, 'string');
        assert.match(await gandi.accountCurrency(), /^[A-Z]{3}$/, 'an ISO 4217 currency');
        assert.equal(typeof (await gandi.accountBalance()), 'number');
      }
    },
  }),

  defineScenario({
    id: 'gandi/login-faults',
    panel: 'gandi',
    title: "a wrong password is fault 500130 in the 1.0 error page's wording; unknown login and session are refused",
    access: 'read-only',
    basis: 'emulator',
    methods: ['login', 'account_currency'],
    async run(ctx) {
      const gandi = new GandiClient({ url: `${ctx.target.baseUrl}/hosting/` });
      const { username } = ctx.target.credentials;
      await ctx.step('wrong password', () =>
        expectFault(gandi.login(username, 'not-the-password', false), 500130, /^DataError: invalid value for password \[password: not-the-password\]$/),
      );
      await ctx.step('unknown login', () => expectFault(gandi.login('XX0000-GANDI', 'whatever'), 500340, /account does not exist/));
      await ctx.step('unknown session', () => expectFault(gandi.call('account_currency', 'no-such-session'), 500240, /session/));
    },
  }),

  defineScenario({
    id: 'gandi/session-lifetime',
    panel: 'gandi',
    title: 'a session works for 12 hours of the clock, then is refused as expired',
    access: 'read-only',
    basis: 'documented',
    methods: ['login', 'account_currency'],
    skip: { remote: 'needs 12 hours of the emulator clock' },
    async run(ctx) {
      const gandi = await connect(ctx);
      await ctx.emulator.advanceClock(TWELVE_HOURS - 5);
      await ctx.step('still valid just before 12 hours', () => gandi.accountCurrency());
      await ctx.emulator.advanceClock(10);
      await ctx.step('expired after 12 hours', () => expectFault(gandi.accountCurrency(), 500249, /expired/));
    },
  }),

  defineScenario({
    id: 'gandi/su',
    panel: 'gandi',
    title: 'su to your own handle opens a new session; su to an unknown handle is refused',
    access: 'read-only',
    basis: 'emulator',
    methods: ['login', 'su', 'account_currency'],
    async run(ctx) {
      const gandi = await connect(ctx, { safe: true });
      const first = gandi.session;
      const second = await ctx.step('su to own handle', () => gandi.su(ctx.target.credentials.username));
      assert.notEqual(second, first);
      await gandi.accountCurrency();
      await ctx.step('su to a stranger', () => expectFault(gandi.su('ZZ9999-GANDI'), 500340, /\[handle: ZZ9999-GANDI\]/));
    },
  }),

  defineScenario({
    id: 'gandi/safe-mode-strict',
    panel: 'gandi',
    title: 'with safe mode strict, a safe session reads but may not write until it su-s; an unsafe login writes',
    access: 'mutating',
    basis: 'emulator',
    methods: ['login', 'su', 'hosting_account_info', 'hosting_account_product_add', 'operation_cancel', 'operation_details'],
    skip: { remote: 'safe mode strict is an emulator setting' },
    async run(ctx) {
      // Log in first: the emulator creates a world on its first panel call, and the admin API needs it to exist.
      const gandi = await connect(ctx, { safe: true });
      await ctx.emulator.setSetting('gandi.safeMode', 'strict');
      ctx.cleanup(() => ctx.emulator.setSetting('gandi.safeMode', 'lenient'));
      await ctx.emulator.setSetting('gandi.operationPace', { afterSeconds: 3600 });
      ctx.cleanup(() => ctx.emulator.setSetting('gandi.operationPace', 'immediate'));
      await ctx.step('reading is allowed', () => gandi.hostingAccountInfo());
      await ctx.step('writing is refused', () => expectFault(gandi.hostingAccountProductAdd('shares', 1, '1m'), 500250, /su/));
      await gandi.su(ctx.target.credentials.username);
      const opId = await ctx.step('after su, writing works', () => gandi.hostingAccountProductAdd('shares', 1, '1m'));
      await gandi.operationCancel(opId);
      const unsafe = await connect(ctx, { safe: false });
      await ctx.step('an unsafe login writes', async () => unsafe.operationCancel(await unsafe.hostingAccountProductAdd('shares', 1, '1m')));
    },
  }),

  defineScenario({
    id: 'gandi/unknown-method',
    panel: 'gandi',
    title: 'an unknown method is faultCode 1, Method "x" is not supported',
    access: 'read-only',
    basis: 'documented',
    methods: ['login'],
    async run(ctx) {
      const gandi = await connect(ctx);
      await expectFault(gandi.call('vm_teleport', gandi.session), 1, /^Method "vm_teleport" is not supported$/);
    },
  }),
];
