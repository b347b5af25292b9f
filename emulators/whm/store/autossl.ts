import { prepare, type DB } from '../../../state/database.js';
import { autosslExcludedList, readList, writeList } from './stored-settings.js';

/*
 * AutoSSL's state: the domains each account excludes, the provider the
 * server uses (none once disable_autossl ran), when each provider was last
 * (re)registered, the notification metadata, and the checks that
 * start_autossl_check_* started (whm_autossl_check, store/ssl.ts writes them).
 */

export function excludedDomains(db: DB, user: string): string[] {
  return readList<string[]>(db, autosslExcludedList(user), []);
}

export function saveExcludedDomains(db: DB, user: string, domains: string[]): void {
  writeList(db, autosslExcludedList(user), domains);
}

interface ProviderState {
  /** The provider's module name, or null when AutoSSL is off. */
  provider: string | null;
  /** Module name → when it was last registered (reset_autossl_provider), Unix seconds. */
  registered: Record<string, number>;
}

const PROVIDER_KEY = 'autossl-provider';

/** cPanel (powered by Sectigo) is the provider a fresh server uses (the get_autossl_providers sample marks it enabled). */
export function autosslProvider(db: DB): ProviderState {
  return readList<ProviderState>(db, PROVIDER_KEY, { provider: 'cPanel', registered: {} });
}

export function saveAutosslProvider(db: DB, state: ProviderState): void {
  writeList(db, PROVIDER_KEY, state);
}

const METADATA_KEY = 'autossl-metadata';

/** The metadata values set so far (over the documented defaults). */
export function autosslMetadata(db: DB): Record<string, number> {
  return readList<Record<string, number>>(db, METADATA_KEY, {});
}

export function saveAutosslMetadata(db: DB, values: Record<string, number>): void {
  writeList(db, METADATA_KEY, values);
}

export interface AutosslCheck {
  id: number;
  /** The account checked, or `*` for all. */
  user: string;
  started: number;
}

/** Most checks the catalogue lists (the newest). */
export const MAX_LISTED_CHECKS = 100;

/** The checks started so far, oldest first (at most the newest MAX_LISTED_CHECKS). */
export function autosslChecks(db: DB): AutosslCheck[] {
  return prepare<[number], AutosslCheck>(db, 'SELECT * FROM (SELECT id, user, started FROM whm_autossl_check ORDER BY id DESC LIMIT ?) ORDER BY id').all(
    MAX_LISTED_CHECKS,
  );
}

/** The newest check that covered the account (its own or one for all), or undefined. */
export function latestCheckFor(db: DB, user: string): AutosslCheck | undefined {
  return prepare<[string], AutosslCheck>(db, "SELECT id, user, started FROM whm_autossl_check WHERE user = ? OR user = '*' ORDER BY id DESC LIMIT 1").get(user);
}

/** The check that started at that second (the newest of them), or undefined. */
export function checkStartedAt(db: DB, started: number): AutosslCheck | undefined {
  return prepare<[number], AutosslCheck>(db, 'SELECT id, user, started FROM whm_autossl_check WHERE started = ? ORDER BY id DESC LIMIT 1').get(started);
}
