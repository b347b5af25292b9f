import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { canAccess, visibleAccounts } from '../access.js';
import { faults, reasons } from '../faults.js';
import { getAccount } from '../store/accounts.js';
import { hostname } from '../store/server.js';
import { setTfaIssuer, setTfaPolicy, setTfaSecret, tfaIssuers, tfaPolicyEnabled, tfaSecrets } from '../store/two-factor.js';
import { decodeBase32, newBase32Secret, verifyTotp } from '../totp.js';

/*
 * Two-Factor Authentication (seed 004, "Authentication / Two-Factor
 * Authentication"; the behaviour follows cPanel's Whostmgr::API::1::TwoFactorAuth,
 * [cpanel] in faults.ts): generate_tfa_config hands out a secret, set_tfa_config
 * stores it for the caller once a code computed from it at the world clock
 * checks out, get_user_configs shows who has 2FA, remove_user_config takes it
 * away; the issuer and the server policy are stored settings.
 */

/** Who the caller may act for: itself, root (for root) and the accounts it controls. Undefined when allowed, else the refusal text. */
function accessProblem(call: WhmCall, user: string): string | undefined {
  if (user === call.session.user || (user === 'root' && call.session.root)) return undefined;
  const row = getAccount(call.db, user);
  if (!row) return reasons.noSuchUser(user);
  return canAccess(call, row) ? undefined : reasons.noAccessToAccount(user);
}

function checkedUser(call: WhmCall, user: string): string {
  const problem = accessProblem(call, user);
  if (problem) throw faults.failure(problem);
  return user;
}

/** The issuer shown in the caller's authenticator app: its own, else the server-wide one (root's, else the hostname). */
function issuerOf(call: WhmCall, user: string): string {
  const issuers = tfaIssuers(call.db);
  return issuers[user] ?? systemWideIssuer(call);
}

const systemWideIssuer = (call: WhmCall) => tfaIssuers(call.db).root ?? hostname(call.db);

function twofactorauth_generate_tfa_config(call: WhmCall): unknown {
  // The JSON API generates for the caller only (TwoFactorAuth.pm: "XML-API will strip all input from the user").
  const user = call.session.user;
  const secret = newBase32Secret();
  const issuer = encodeURIComponent(issuerOf(call, user));
  return { otpauth_str: `otpauth://totp/${issuer}:${encodeURIComponent(user)}?secret=${secret}&issuer=${issuer}`, secret };
}

function twofactorauth_set_tfa_config(call: WhmCall): unknown {
  const user = call.session.user;
  const secret = call.required('secret');
  const key = decodeBase32(secret);
  if (!key || key.length < 10) throw faults.tfaSecretInvalid();
  if (!verifyTotp(key, call.required('tfa_token'), call.now())) throw faults.tfaCodeInvalid();
  setTfaSecret(call.db, user, secret.replace(/\s+/g, '').toUpperCase());
  return { success: 1 };
}

function twofactorauth_get_user_configs(call: WhmCall): unknown {
  const single = call.str('user');
  const secrets = tfaSecrets(call.db);
  const domainOf = (user: string) => (user === 'root' ? hostname(call.db) : (getAccount(call.db, user)?.domain ?? null));
  let users: string[];
  if (single) {
    const visible = single === call.session.user || (single === 'root' && call.session.root) || visibleAccounts(call).some((a) => a.user === single);
    if (!visible) throw faults.noAccessToAccount(single);
    users = [single];
  } else {
    users = [...visibleAccounts(call).map((a) => a.user), ...(call.session.root ? ['root'] : [])].sort();
  }
  return Object.fromEntries(users.map((u) => [u, { is_enabled: u in secrets ? 1 : 0, primary_domain: domainOf(u) }]));
}

function twofactorauth_remove_user_config(call: WhmCall): unknown {
  const users = [...new Set(call.list('user').filter(Boolean))];
  if (!users.length) throw faults.tfaNoUsers();
  const failed: Record<string, string> = {};
  const users_modified: string[] = [];
  for (const user of users.slice(0, 1000)) {
    const problem = accessProblem(call, user);
    if (problem) failed[user] = reasons.tfaNotAuthorized(user, problem);
    else {
      setTfaSecret(call.db, user, undefined);
      users_modified.push(user);
    }
  }
  return { failed, users_modified };
}

/** The documented per-user shape: the account's own secret, its email and team users' (mockpanel keeps neither: inferred empty). */
function tfaConfigOf(call: WhmCall, user: string): Record<string, unknown> {
  const secret = tfaSecrets(call.db)[user];
  return { email: {}, primary_account: secret ? { secret } : {}, team: {} };
}

function twofactorauth_get_tfa_config_for_user(call: WhmCall): unknown {
  const user = checkedUser(call, call.required('user'));
  return { [user]: tfaConfigOf(call, user) };
}

/** The body names users (seed 004: "additional property"): each user's primary_account.secret is set, or cleared when the object has none. */
function twofactorauth_set_tfa_config_for_user(call: WhmCall): unknown {
  const names = call.sentNames();
  if (!names.length) throw faults.tfaNoUsers();
  const updates: [string, string | undefined][] = [];
  for (const name of names.slice(0, 1000)) {
    const user = checkedUser(call, name);
    let config = call.params[name];
    if (typeof config === 'string') {
      try {
        config = JSON.parse(config);
      } catch {
        config = undefined;
      }
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw faults.invalidParameter(name, '…', 'an object with “primary_account”, “email” and “team”');
    }
    const primary = (config as Record<string, unknown>).primary_account;
    const secret = typeof primary === 'object' && primary !== null ? (primary as Record<string, unknown>).secret : undefined;
    if (secret !== undefined && (typeof secret !== 'string' || !decodeBase32(secret))) throw faults.tfaSecretInvalid();
    updates.push([user, secret === undefined ? undefined : secret.toUpperCase()]);
  }
  for (const [user, secret] of updates) setTfaSecret(call.db, user, secret);
  return undefined;
}

function twofactorauth_get_issuer(call: WhmCall): unknown {
  return { issuer: issuerOf(call, call.session.user), system_wide_issuer: systemWideIssuer(call) };
}

function twofactorauth_set_issuer(call: WhmCall): unknown {
  // TwoFactorAuth.pm _validate_issuer: quotes stripped; an empty issuer resets to the server-wide one.
  const issuer = (call.str('issuer') ?? '').replace(/^['"]|['"]$/g, '');
  if (issuer && !/^[ a-zA-Z0-9._-]{1,32}$/.test(issuer)) throw faults.tfaIssuerInvalid();
  setTfaIssuer(call.db, call.session.user, issuer || undefined);
  return undefined;
}

export const twoFactorMethods = defineMethods<WhmCall>({
  twofactorauth_generate_tfa_config: { acl: 'basic-whm-functions', run: twofactorauth_generate_tfa_config },
  twofactorauth_set_tfa_config: { acl: 'basic-whm-functions', run: twofactorauth_set_tfa_config },
  twofactorauth_get_user_configs: { acl: 'basic-whm-functions', run: twofactorauth_get_user_configs },
  twofactorauth_remove_user_config: { acl: 'basic-whm-functions', run: twofactorauth_remove_user_config },
  twofactorauth_get_tfa_config_for_user: { acl: 'root', run: twofactorauth_get_tfa_config_for_user },
  twofactorauth_set_tfa_config_for_user: { acl: 'root', run: twofactorauth_set_tfa_config_for_user },
  twofactorauth_get_issuer: { acl: 'basic-whm-functions', run: twofactorauth_get_issuer },
  twofactorauth_set_issuer: { acl: 'basic-whm-functions', run: twofactorauth_set_issuer },
  twofactorauth_enable_policy: { acl: 'root', run: (call) => (setTfaPolicy(call.db, true), undefined) },
  twofactorauth_disable_policy: { acl: 'root', run: (call) => (setTfaPolicy(call.db, false), undefined) },
  twofactorauth_policy_status: { acl: 'root', run: (call) => ({ is_enabled: tfaPolicyEnabled(call.db) ? 1 : 0 }) },
});
