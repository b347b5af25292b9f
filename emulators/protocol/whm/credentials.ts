import type { Credentials } from '../codec.js';

/*
 * The ways a WHM API 1 caller says who it is (cPanel's “API Tokens in WHM”
 * documentation at api.docs.cpanel.net, and seed 004's BasicAuth scheme):
 *   Authorization: whm USER:APITOKEN         (API tokens, cPanel & WHM 64+; scheme in any case)
 *   Authorization: WHM USER:ACCESSHASH       (legacy remote access hash, deprecated)
 *   Authorization: Basic base64(USER:PASS)   (the seed's BasicAuth scheme)
 *   Cookie: whostmgrsession=…  + /cpsessNNNNNNNNNN/ path prefix (browser session)
 */

// Cpanel/Security/Authn/APITokens/Write.pm: tokens are 32 characters of 0-9A-Z.
const API_TOKEN = /^[0-9A-Z]{32}$/;
const WHITESPACE = /\s+/g;

/**
 * Reads the credentials from the request headers, or undefined when there
 * are none the WHM port accepts (no header, an unknown scheme such as
 * `cpanel`, no `user:secret`, undecodable Basic).
 *
 * Token or access hash: cpsrvd accepts both under the same `whm` scheme and
 * tells them apart by looking the secret up (Cpanel/Server/Auth/HTTP.pm
 * notes it). Without that lookup the shape decides: an access hash is 30
 * lines of MD5 hex (bin/mkaccesshash: 960 lowercase hex digits), an API
 * token 32 upper-case letters and digits. Whitespace, including the
 * newlines of a pasted access hash, is stripped first, as cPanel's own
 * clients and scripts/convert_accesshash_to_token do.
 */
export function parseWhmCredentials(headers: Record<string, string | undefined>): Credentials | undefined {
  const header = headers['authorization'];
  if (header !== undefined) return parseAuthorization(header);
  const session = sessionCookie(headers['cookie']);
  return session === undefined ? undefined : { scheme: 'session', secret: session };
}

function parseAuthorization(header: string): Credentials | undefined {
  const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(header);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  if (scheme === 'whm') {
    const split = splitUserSecret(m[2]);
    if (!split) return undefined;
    const secret = split.secret.replace(WHITESPACE, '');
    if (!secret) return undefined;
    return { scheme: API_TOKEN.test(secret) ? 'token' : 'accesshash', user: split.user, secret };
  }
  if (scheme === 'basic') {
    const encoded = m[2].trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
    const split = splitUserSecret(Buffer.from(encoded, 'base64').toString('utf8'));
    return split ? { scheme: 'basic', user: split.user, secret: split.secret } : undefined;
  }
  return undefined;
}

function splitUserSecret(detail: string): { user: string; secret: string } | undefined {
  const colon = detail.indexOf(':');
  if (colon <= 0) return undefined;
  const user = detail.slice(0, colon).trim();
  return user ? { user, secret: detail.slice(colon + 1) } : undefined;
}

function sessionCookie(cookie: string | undefined): string | undefined {
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === 'whostmgrsession') {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}
