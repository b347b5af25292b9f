import { WhmClient, type WhmAuth } from '../../clients/whm/index.js';
import { ROOT_TOKEN } from '../../emulators/whm/seed.js';
import type { TestServer } from '../support/server.js';

export const ROOT: WhmAuth = { user: 'root', token: ROOT_TOKEN };
export const ROOT_HEADER = `whm root:${ROOT_TOKEN}`;
export const RESELLER: WhmAuth = { user: 'reseller1', password: 'resellerpw' };

/** The base URL of WHM's /json-api/ in a world. */
export function whmBase(server: TestServer, world: string): string {
  return `${server.url}/_w/${world}/whm`;
}

/** The reference client in a world (root's token by default). */
export function whmIn(server: TestServer, world: string, auth: WhmAuth = ROOT): WhmClient {
  return new WhmClient({ baseUrl: whmBase(server, world), auth });
}

export interface RawAnswer {
  status: number;
  text: string;
  json: any;
}

/** A raw call: `path` after /json-api/ with its query, the Authorization header given (root's token by default; null for none). */
export async function raw(
  server: TestServer,
  world: string,
  path: string,
  init: { auth?: string | null; method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  const auth = init.auth === undefined ? ROOT_HEADER : init.auth;
  if (auth !== null) headers.authorization = auth;
  const res = await fetch(`${whmBase(server, world)}/json-api/${path}`, { method: init.method ?? 'GET', headers, body: init.body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

async function admin(server: TestServer, path: string, method: string, body: unknown): Promise<void> {
  const res = await fetch(`${server.admin}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
}

/** Creates the world unless it exists (admin settings need one; panel calls create theirs). */
async function ensureWorld(server: TestServer, world: string): Promise<void> {
  await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: world }) });
}

export async function setSettings(server: TestServer, world: string, settings: Record<string, unknown>): Promise<void> {
  await ensureWorld(server, world);
  await admin(server, `/worlds/${world}/settings`, 'PATCH', settings);
}
export const advanceClock = (server: TestServer, world: string, seconds: number) =>
  admin(server, `/worlds/${world}/clock`, 'POST', { advanceSeconds: seconds });
