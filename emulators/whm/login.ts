import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { GateAnswer } from '../core/panel.js';
import type { PanelRequest, PanelResponse } from '../core/types.js';
import { splitFormPairs } from '../protocol/whm/request-params.js';
import type { World } from '../../state/world.js';
import { userPrivileges } from './auth.js';
import { getAccount } from './store/accounts.js';
import { serverValue } from './store/server.js';
import { insertLoginSession, liveWhostmgrSession, SESSION_IDLE_SECONDS, touchSession } from './store/sessions.js';

/**
 * cpsrvd's login form on the WHM port: `/login` and `/login/` (with `?login_only=1` for the JSON answer), also under a
 * security token: create_user_session's URL is `https://host:2087/cpsessNNNNNNNNNN/login/?session=…` (seed 004,
 * create_user_session and wp_dashboard_create_login_link, `data.url`).
 */
export const LOGIN_PATH = /^(?:\/cpsess\d+)?\/login\/?$/;

// The form fields cPanel::PublicAPI posts (lib/cPanel/PublicAPI.pm, _establish_session: user, pass, tfa_token) and
// browser-style clients post to /login/?login_only=1. Anything longer than this is no password mockpanel hashes.
const MAX_FIELD = 1024;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The WHM login the password opens: root or a reseller in good standing (a plain cPanel user has no WHM). */
function passwordOpens(world: World, user: string, pass: string): boolean {
  if (!user || !pass || user.length > MAX_FIELD || pass.length > MAX_FIELD) return false;
  const stored = user === 'root' ? serverValue(world.db, 'root_password') : getAccount(world.db, user)?.password;
  return stored !== undefined && same(stored, pass) && userPrivileges(world.db, user) !== undefined;
}

/** Ten digits, as every cpsess token in cPanel's documentation and URLs (`/cpsess##########/`). */
function newSecurityToken(): string {
  return `cpsess${String(randomBytes(5).readUIntBE(0, 5) % 10_000_000_000).padStart(10, '0')}`;
}

/** Form fields of a login POST: the body (form-encoded), then the query; first value wins. */
function loginFields(request: PanelRequest): Map<string, string> {
  const fields = new Map<string, string>();
  const body = request.body.length && request.body.length <= 64 * 1024 ? request.body.toString('utf8') : '';
  for (const [name, value] of [...splitFormPairs(body), ...splitFormPairs(request.query)]) if (!fields.has(name)) fields.set(name, value);
  return fields;
}

// cPanel's login page says so when the pair is refused (inferred wording of the page; cpsrvd's JSON form says `invalid_login`).
const INVALID_LOGIN_PAGE =
  '<!DOCTYPE html>\n<html><head><title>WHM Login</title></head><body>\n<p id="login-status">The login is invalid.</p>\n' +
  '<form action="/login/" method="post"><input name="user"><input name="pass" type="password"><button type="submit">Log in</button></form>\n</body></html>\n';

const LOGIN_PAGE = INVALID_LOGIN_PAGE.replace('<p id="login-status">The login is invalid.</p>\n', '');

function html(status: number, body: string, headers: Record<string, string> = {}): PanelResponse {
  return { status, headers: { 'content-type': 'text/html; charset="utf-8"', ...headers }, body };
}

// HttpOnly and path=/ as cpsrvd's session cookies; no `secure`, since mockpanel also serves plain HTTP (inferred).
function sessionCookie(session: string): Record<string, string> {
  return { 'set-cookie': `whostmgrsession=${encodeURIComponent(session)}; HttpOnly; path=/` };
}

/** A logged-in browser sent on under its security token (the 301 itself is inferred: see cpsrvdLogin). */
function redirectTo(path: string, cookie: Record<string, string>): PanelResponse {
  return html(301, `<html><body><a href="${path}">${path}</a></body></html>\n`, { ...cookie, location: path });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): PanelResponse {
  return { status, headers: { 'content-type': 'application/json; charset="utf-8"', ...headers }, body: JSON.stringify(body) };
}

/**
 * cpsrvd's password login on the WHM port. A right `user`/`pass` makes a
 * whostmgrd session bound to a new `/cpsessNNNNNNNNNN` security token and
 * sets it as the `whostmgrsession` cookie; later calls send the cookie under
 * that token's prefix (`/cpsess…/json-api/…`).
 *
 * - Form login: `301` with `Location: /cpsessNNNNNNNNNN/`. cPanel::PublicAPI
 *   reads the token as the Location's first path segment, from the answer to
 *   its POST itself (HTTP::Tiny follows only a 303 after a POST), so the
 *   Location is a path and the status one HTTP::Tiny does not follow
 *   (lib/cPanel/PublicAPI.pm, _establish_session; the 301 itself is inferred).
 * - `login_only=1`: `200` JSON `{status: 1, security_token: "/cpsess…",
 *   redirect}`; the clients that use it read `status` and `security_token`
 *   with its leading slash (inferred from such clients; cPanel documents no
 *   schema for it).
 * - Wrong pair: `401`, JSON `{status: 0, message: "invalid_login"}` for
 *   login_only (a public capture of cpsrvd refusing a wrong password), the
 *   login page again for the form; no session, no cookie (inferred).
 * - A GET shows the login page (inferred).
 *
 * The session ends after SESSION_IDLE_SECONDS without a call, on the world clock.
 */
export function cpsrvdLogin(request: PanelRequest, world: World): GateAnswer {
  const method = 'login';
  const sessionId = new URLSearchParams(request.query).get('session');
  if (sessionId !== null) return sessionUrlLogin(request, world, sessionId);
  const fields = request.httpMethod === 'POST' ? loginFields(request) : new Map<string, string>();
  const loginOnly = /^(1|true|yes)$/i.test(fields.get('login_only') ?? new URLSearchParams(request.query).get('login_only') ?? '');
  const user = fields.get('user') ?? '';
  const params = { user, pass: fields.get('pass') ?? '', ...(loginOnly ? { login_only: 1 } : {}) };
  if (request.httpMethod !== 'POST') return { method, params: {}, response: html(200, LOGIN_PAGE) };

  if (!passwordOpens(world, user, params.pass)) {
    const findings = [
      {
        kind: 'whm.login-refused',
        message: `cpsrvd refused the password login of “${user.slice(0, 64)}”`,
        why: 'A refused /login hands out no security token: a client that goes on to call /cpsess…/json-api/ anyway gets HTTP 401 on every call.',
      },
    ];
    const response = loginOnly ? json(401, { status: 0, message: 'invalid_login' }) : html(401, INVALID_LOGIN_PAGE);
    return { method, params, response, findings };
  }

  const securityToken = newSecurityToken();
  const session = `${user}:${randomBytes(16).toString('hex')}`;
  insertLoginSession(world.db, { token: session, user, securityToken, expires: world.clock.nowSeconds() + SESSION_IDLE_SECONDS });
  const cookie = sessionCookie(session);
  const redirect = `/${securityToken}/`;
  if (loginOnly) return { method, params, response: json(200, { status: 1, security_token: `/${securityToken}`, redirect }, cookie) };
  return { method, params, response: redirectTo(redirect, cookie) };
}

const SECURITY_TOKEN_PREFIX = /^\/(cpsess\d+)\//;

/**
 * The session URL create_user_session hands out for whostmgrd
 * (`/cpsessNNNNNNNNNN/login/?session=user:…`): opening it logs the browser
 * in as that session without a password (api.docs.cpanel.net, Guide to API
 * Authentication - Single Sign On). cpsrvd sets the session as the
 * `whostmgrsession` cookie and sends the browser on to the WHM home under
 * the same security token; the redirect's status is inferred (the same 301
 * as the form login's). A session that has expired (15 minutes without
 * use), belongs to another service, or is opened under another security
 * token than the one it was made with gets the login page with HTTP 401 and
 * no cookie, as a refused form login does (inferred).
 */
function sessionUrlLogin(request: PanelRequest, world: World, sessionId: string): GateAnswer {
  const method = 'login';
  const now = world.clock.nowSeconds();
  const token = SECURITY_TOKEN_PREFIX.exec(request.path)?.[1];
  const session = sessionId.length <= MAX_FIELD ? liveWhostmgrSession(world.db, sessionId, now) : undefined;
  const params = { session: sessionId };
  if (!session || !token || (session.security_token !== null && session.security_token !== token)) {
    const findings = [
      {
        kind: 'whm.login-refused',
        message: session
          ? 'a session URL opened under another security token than the one create_user_session made it with'
          : 'a session URL whose session is unknown or has expired',
        why: 'create_user_session sessions end after 15 minutes without use, on the world clock, and work only under their own /cpsess… prefix.',
      },
    ];
    return { method, params, response: html(401, INVALID_LOGIN_PAGE), findings };
  }
  touchSession(world.db, sessionId, now + SESSION_IDLE_SECONDS);
  return { method, params, response: redirectTo(`/${token}/`, sessionCookie(sessionId)) };
}
