import { randomInt } from 'node:crypto';
import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { normaliseWhitelistEntry } from '../ip.js';
import { allPrivileges } from '../store/resellers.js';
import { deleteToken, insertToken, tokenByName, tokenBySecret, tokensOf, updateToken, type TokenRow } from '../store/tokens.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A new token: 32 characters of A-Z and 0-9 (Cpanel/Security/Authn/APITokens/Write.pm, see whm-credentials.ts). */
function newToken(): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

function tokenRow(call: WhmCall, name: string): TokenRow {
  const row = tokenByName(call.db, call.session.user, name);
  if (!row) throw faults.noSuchToken(name);
  return row;
}

/** The privileges a token may carry: only ones its owner holds (documented: "You can only assign privileges that you possess"). */
function aclArgument(call: WhmCall): string[] | null {
  const acls = call.list('acl');
  if (!acls.length) return null;
  const known = new Set(allPrivileges(call.ctx.panel.contract));
  for (const acl of acls) {
    if (!known.has(acl)) throw faults.unknownAcl(acl);
    if (!call.session.root && !call.session.privileges.has(acl)) throw faults.aclNotHeld(acl);
  }
  return [...new Set(acls)].sort();
}

function whitelistArgument(call: WhmCall): string[] | null {
  const entries = [...call.list('whitelist_ip'), ...call.list('whitelist-ip')];
  if (!entries.length) return null;
  return entries.map((e) => {
    const n = normaliseWhitelistEntry(e);
    if (!n) throw faults.whitelistInvalid(e);
    return n;
  });
}

function expiresArgument(call: WhmCall, fallback: number | null): number | null {
  if (!call.sent('expires_at')) return fallback;
  const v = call.int('expires_at', 0)!;
  return v > 0 ? v : null;
}

function checkName(name: string): void {
  if (!/^[A-Za-z0-9_-]{1,50}$/.test(name)) throw faults.tokenNameInvalid(name);
}

/** The privilege list a token carries: its own, or (when it has none of its own) everything its owner holds. */
function effectiveAcls(call: WhmCall, row: TokenRow): string[] {
  return row.acls ? (JSON.parse(row.acls) as string[]) : call.session.root ? ['all'] : [...call.session.privileges].sort();
}

function details(call: WhmCall, row: TokenRow): Record<string, unknown> {
  return {
    acls: effectiveAcls(call, row),
    create_time: row.create_time,
    expires_at: row.expires_at,
    name: row.name,
    whitelist_ips: row.whitelist_ips ? (JSON.parse(row.whitelist_ips) as string[]) : null,
  };
}

function api_token_create(call: WhmCall): unknown {
  const name = call.required('token_name');
  checkName(name);
  if (tokenByName(call.db, call.session.user, name)) throw faults.tokenExists(name);
  const row: TokenRow = {
    user: call.session.user,
    name,
    token: newToken(),
    acls: JSON.stringify(aclArgument(call)),
    create_time: call.now(),
    expires_at: expiresArgument(call, null),
    whitelist_ips: JSON.stringify(whitelistArgument(call)),
  };
  if (row.acls === 'null') row.acls = null;
  if (row.whitelist_ips === 'null') row.whitelist_ips = null;
  insertToken(call.db, row);
  return { ...details(call, row), token: row.token };
}

function api_token_list(call: WhmCall): unknown {
  const rows = tokensOf(call.db, call.session.user);
  const tokens: Record<string, unknown> = {};
  for (const row of rows) {
    const d = details(call, row);
    // api_token_list shows the privileges as {name: 1} (documented sample), where create/update show a list.
    tokens[row.name] = { ...d, acls: Object.fromEntries((d.acls as string[]).map((a) => [a, 1])) };
  }
  return { tokens };
}

function api_token_revoke(call: WhmCall): unknown {
  const names = call.list('token_name');
  if (!names.length) throw faults.missingParameter('token_name');
  for (const name of names) tokenRow(call, name);
  for (const name of names) deleteToken(call.db, call.session.user, name);
  return undefined;
}

function api_token_update(call: WhmCall): unknown {
  const row = tokenRow(call, call.required('token_name'));
  const newName = call.str('new_name');
  if (newName && newName !== row.name) {
    checkName(newName);
    tokenRowAbsent(call, newName);
  }
  const acls = call.list('acl').length ? aclArgument(call) : row.acls ? (JSON.parse(row.acls) as string[]) : null;
  const whitelist =
    call.list('whitelist_ip').length || call.list('whitelist-ip').length
      ? whitelistArgument(call)
      : row.whitelist_ips
        ? (JSON.parse(row.whitelist_ips) as string[])
        : null;
  const updated: TokenRow = {
    ...row,
    name: newName || row.name,
    acls: acls ? JSON.stringify(acls) : null,
    expires_at: expiresArgument(call, row.expires_at),
    whitelist_ips: whitelist ? JSON.stringify(whitelist) : null,
  };
  updateToken(call.db, updated);
  return details(call, updated);
}

function tokenRowAbsent(call: WhmCall, name: string): void {
  if (tokenByName(call.db, call.session.user, name)) throw faults.tokenExists(name);
}

function api_token_get_details(call: WhmCall): unknown {
  const token = call.required('token');
  const row = tokenBySecret(call.db, call.session.user, token);
  if (!row) throw faults.noSuchToken(`${token.slice(0, 4)}…`);
  return details(call, row);
}

export const tokenMethods = defineMethods<WhmCall>({
  api_token_create: { acl: 'manage-api-tokens', run: api_token_create },
  api_token_list: { acl: 'manage-api-tokens', run: api_token_list },
  api_token_revoke: { acl: 'manage-api-tokens', run: api_token_revoke },
  api_token_update: { acl: 'manage-api-tokens', run: api_token_update },
  api_token_get_details: { acl: 'manage-api-tokens', run: api_token_get_details },
});
