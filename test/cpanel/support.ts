import { CpanelClient } from '../../clients/cpanel/index.js';
import { WhmClient } from '../../clients/whm/index.js';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import type { TestServer } from '../support/server.js';

/** The cPanel port's origin (the server must be started with panelPorts.cpanel). */
export function cpanelUrl(server: TestServer): string {
  const own = server.listeners.find((l) => l.name === 'cpanel');
  if (!own) throw new Error('start the test server with panelPorts: { cpanel: 0 }');
  return own.url;
}

/** root's WHM client on the shared port, in `world`. */
export function whmRoot(server: TestServer, world: string): WhmClient {
  return new WhmClient({ url: `${server.url}/whm`, username: 'root', token: ROOT_TOKEN, world });
}

/** An account user's cPanel client on the cPanel port, in `world`. */
export function cpanelAs(server: TestServer, world: string, username: string, login: { password: string } | { token: string }): CpanelClient {
  return new CpanelClient({ url: cpanelUrl(server), username, world, ...login } as ConstructorParameters<typeof CpanelClient>[0]);
}

/** A raw request on the cPanel port: status, text and parsed JSON (undefined when the body is not JSON). */
export async function raw(
  server: TestServer,
  world: string,
  path: string,
  options: { auth?: string | null; method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; json: any; headers: Headers }> {
  const headers: Record<string, string> = { 'x-mockpanel-world': world, ...options.headers };
  if (options.auth) headers.authorization = options.auth;
  if (options.body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
  const response = await fetch(`${cpanelUrl(server)}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

export const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
