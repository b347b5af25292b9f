import { defineMethods } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { openSession, sessionLifetime } from '../session.js';
import { accountByUsername, machinesOf, type MachineRow } from '../store/accounts.js';

/** Seed § General: login(username, password, machine=None), plus the later `version` argument. */
export const generalMethods = defineMethods<WfCall>({
  login: {
    run(call) {
      const username = call.param<string>('username');
      const password = call.param<string>('password');
      const machine = call.param<string | null | undefined>('machine');
      const version = call.param<number>('version');
      const account = accountByUsername(call.db, username);
      // A bad login says nothing more: `<class '…LoginError'>:` / `LoginError` (mezzanine-webf issue #8; letsencrypt-webfaction #55, #75).
      if (!account || account.password !== password) throw faults.badLogin();
      if (version !== 1 && version !== 2) throw faults.invalid('version', `must be 1 or 2, got ${version}`);

      const machines = machinesOf(call.db, account.id);
      let chosen: MachineRow | undefined;
      // Clients send '' for "no machine" on single-machine accounts (dariosky/wfcli wfapi.py, codefarmdev/rubyfaction client.rb).
      if (machine === undefined || machine === null || machine === '') {
        // Seed § login: machine "may be omitted for accounts on one machine only".
        if (machines.length > 1) throw faults.machineRequired(machines.map((m) => m.name));
        chosen = machines[0];
      } else {
        // Case-sensitive (seed § login); the wording is the later server's (letsencrypt-webfaction #82, #163).
        chosen = machines.find((m) => m.name === machine);
        if (!chosen) throw faults.machineNotAllowed(machine);
      }

      const sessionId = openSession(call.db, account, chosen, {
        version,
        cwd: homeOf(account.username),
        now: call.now(),
        lifetime: sessionLifetime(call.setting('sessionSeconds')),
      });
      const info: Record<string, unknown> = {
        id: account.id,
        username: account.username,
        home: account.home,
        web_server: chosen.name,
        mail_server: account.mail_server,
      };
      // The later server echoed the version it was asked for (letsencrypt-webfaction spec/fixtures/login_response.xml).
      if (call.sent('version')) info.version = version;
      return [sessionId, info];
    },
  },
});
