import { prepare } from '../../../state/database.js';
import type { Handler } from '../../core/panel.js';
import { plainHandler } from '../call.js';
import { invalid, WebfactionError } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { openSession } from '../session.js';

interface AccountRow {
  id: number;
  username: string;
  password: string;
  home: string;
  mail_server: string;
}

/** Seed § General: login(username, password, machine=None), plus the later `version` argument. */
export const generalHandlers: Record<string, Handler> = {
  login: plainHandler((ctx) => {
    const [username, password, machine, version] = ctx.args as [string, string, string | null | undefined, number];
    const account = prepare<[string], AccountRow>(ctx.db, 'SELECT id, username, password, home, mail_server FROM wf_account WHERE username = ?').get(username);
    // A bad login says nothing more: `<class '…LoginError'>:` / `LoginError` (realworld.md §1.2).
    if (!account || account.password !== password) throw new WebfactionError('LoginError', '');
    if (version !== 1 && version !== 2) throw invalid('version', `must be 1 or 2, got ${version}`);

    const machines = prepare<[number], { id: number; name: string }>(
      ctx.db,
      'SELECT m.id, m.name FROM wf_account_machine am JOIN wf_machine m ON m.id = am.machine_id WHERE am.account_id = ? ORDER BY am.position',
    ).all(account.id);
    let chosen: { id: number; name: string } | undefined;
    // Clients send '' for "no machine" on single-machine accounts (dariosky/wfcli, rubyfaction; realworld.md §1.2).
    if (machine === undefined || machine === null || machine === '') {
      // Seed § login: machine "may be omitted for accounts on one machine only".
      if (machines.length > 1) {
        throw new WebfactionError('LoginError', `machine is required: this account has plans on ${machines.map((m) => m.name).join(', ')}`);
      }
      chosen = machines[0];
    } else {
      // Case-sensitive (seed § login); the wording is the later server's (letsencrypt-webfaction #82, #163).
      chosen = machines.find((m) => m.name === machine);
      if (!chosen) throw new WebfactionError('LoginError', `Not allowed to login to machine "${machine}"`, { bareWhenModern: true });
    }

    const sessionId = openSession(ctx, account, chosen, version, homeOf(account.username));
    const info: Record<string, unknown> = {
      id: account.id,
      username: account.username,
      home: account.home,
      web_server: chosen.name,
      mail_server: account.mail_server,
    };
    // The later server echoed the version it was asked for (letsencrypt-webfaction login fixture, realworld.md §1.2).
    if (ctx.call.args.length >= 4) info.version = version;
    return [sessionId, info];
  }),
};
