import type { DB } from '../../../state/database.js';
import { readList, setAccountEntry, TFA_ISSUERS, TFA_SECRETS, writeList } from './stored-settings.js';

/*
 * Two-Factor Authentication state (seed 004, "Authentication / Two-Factor
 * Authentication"): the TOTP secret of each user that configured 2FA (cPanel
 * keeps them in one secrets file, Cpanel::Config::userdata::TwoFactorAuth::Secrets),
 * each user's issuer, and the server's security policy switch.
 */

const TFA_POLICY = 'tfa-policy';

export const tfaSecrets = (db: DB): Record<string, string> => readList<Record<string, string>>(db, TFA_SECRETS, {});

export const setTfaSecret = (db: DB, user: string, secret: string | undefined): void => setAccountEntry(db, TFA_SECRETS, user, secret);

export const tfaIssuers = (db: DB): Record<string, string> => readList<Record<string, string>>(db, TFA_ISSUERS, {});

export const setTfaIssuer = (db: DB, user: string, issuer: string | undefined): void => setAccountEntry(db, TFA_ISSUERS, user, issuer);

/** Whether the server's 2FA security policy is on (off on a fresh server: cpanel.config SecurityPolicy::TwoFactorAuth defaults to 0). */
export const tfaPolicyEnabled = (db: DB): boolean => readList<boolean>(db, TFA_POLICY, false);

export function setTfaPolicy(db: DB, on: boolean): void {
  writeList(db, TFA_POLICY, on);
}
