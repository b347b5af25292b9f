import { randomBytes } from 'node:crypto';
import { defineMethods } from '../../core/define-methods.js';
import type { CpanelCall } from '../call.js';
import { faults } from '../faults.js';
import { deleteToken, insertToken, tokenByName, tokensOf } from '../store/tokens.js';

// Cpanel/Security/Authn/APITokens/Write.pm (cPanel's Perl): tokens are 32 characters of 0-9A-Z, as for WHM's.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function newToken(): string {
  const bytes = randomBytes(32);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** UAPI Tokens (https://api.docs.cpanel.net/openapi/cpanel/operation/create_full_access/ and its list/revoke siblings). */
export const tokenMethods = defineMethods<CpanelCall>({
  'Tokens::create_full_access': {
    run: (call) => {
      const name = call.required('name');
      // [docs] at most 50 characters: letters, digits, dashes and underscores.
      if (!/^[A-Za-z0-9_-]{1,50}$/.test(name)) throw faults.tokenNameInvalid(name);
      if (tokenByName(call.db, call.user, name)) throw faults.tokenExists(name);
      const expires = call.int('expires_at');
      if (expires !== undefined && expires <= call.now()) throw faults.expiryInPast(expires);
      const row = { user: call.user, name, token: newToken(), create_time: call.now(), expires_at: expires ?? null };
      insertToken(call.db, row);
      return { create_time: row.create_time, token: row.token };
    },
  },
  'Tokens::list': {
    // inferred from the WHM api_token_list shape and the create_full_access fields: name, create_time, expires_at, has_full_access.
    run: (call) =>
      tokensOf(call.db, call.user).map((t) => ({
        create_time: t.create_time,
        expires_at: t.expires_at,
        has_full_access: 1,
        name: t.name,
      })),
  },
  'Tokens::revoke': {
    run: (call) => {
      const name = call.required('name');
      if (!deleteToken(call.db, call.user, name)) throw faults.noSuchToken(name);
      return 1;
    },
  },
});
