import { defineMethods } from '../../core/define-methods.js';
import { docrootIn } from '../../whm/store/account-domains.js';
import { homedir } from '../../whm/store/accounts.js';
import type { CpanelCall } from '../call.js';
import { faults } from '../faults.js';
import { ownDomain } from '../domains.js';
import { deleteFtpAccount, ftpAccount, ftpAccountsOf, insertFtpAccount } from '../store/ftp.js';

/*
 * UAPI Ftp: add_ftp, list_ftp, delete_ftp
 * (https://api.docs.cpanel.net/openapi/cpanel/operation/add_ftp, list_ftp, delete_ftp).
 * An FTP login is user@domain on one of the account's domains; the
 * account's own login is listed as the `main` account (inferred from the
 * `type` values the list page names: main, sub, anonymous, logaccess).
 */

function login(call: CpanelCall): string {
  const user = call.required('user').trim().toLowerCase();
  const [local, given] = user.includes('@') ? user.split('@') : [user, call.str('domain')];
  if (!/^[a-z0-9._-]{1,64}$/.test(local)) throw faults.invalidParameter('user', user, 'letters, digits, dots, dashes and underscores');
  const domain = ownDomain(call, given || call.account.domain).domain;
  return `${local}@${domain}`;
}

export const ftpMethods = defineMethods<CpanelCall>({
  'Ftp::add_ftp': {
    run: (call) => {
      const name = login(call);
      const password = call.required('pass');
      if (password.length < 5) throw faults.invalidParameter('pass', '••••', 'at least 5 characters');
      const limit = call.account.maxftp;
      if (limit !== 'unlimited' && ftpAccountsOf(call.db, call.user).length >= Number(limit))
        throw faults.failed(`The account has reached its limit of ${limit} FTP accounts.`);
      if (ftpAccount(call.db, name)) throw faults.failed(`The FTP account “${name}” already exists.`);
      const local = name.split('@')[0];
      const home = docrootIn(call.account, call.str('homedir') || `public_html/${local}`);
      const quota = call.int('quota', 0)!;
      if (quota < 0) throw faults.invalidParameter('quota', quota, 'a size in megabytes, 0 for unlimited');
      insertFtpAccount(call.db, { login: name, user: call.user, password, homedir: home, quota, created: call.now() });
      return null;
    },
  },
  'Ftp::list_ftp': {
    run: (call) => [
      { homedir: homedir(call.account), type: 'main', user: call.user },
      ...ftpAccountsOf(call.db, call.user).map((f) => ({ homedir: f.homedir, type: 'sub', user: f.login })),
    ],
  },
  'Ftp::delete_ftp': {
    run: (call) => {
      const name = login(call);
      if (!deleteFtpAccount(call.db, name)) throw faults.failed(`The FTP account “${name}” does not exist.`);
      return null;
    },
  },
});
