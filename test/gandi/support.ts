import { request } from 'node:http';
import { GandiClient } from '../../clients/gandi/index.js';
import type { TestServer } from '../support/server.js';

/** A logged-in reference client in a world of its own. */
export async function gandiIn(server: TestServer, world: string, options: { path?: string } = {}): Promise<GandiClient> {
  const gandi = new GandiClient({ url: `${server.url}/_w/${world}/gandi${options.path ?? '/hosting/'}` });
  await gandi.login('AA1234-GANDI', 'mypassword');
  return gandi;
}

/** PATCHes world settings through the admin API. */
export async function setSettings(server: TestServer, world: string, settings: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.admin}/worlds/${world}/settings`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (!res.ok) throw new Error(`settings: ${res.status} ${await res.text()}`);
}

export async function advanceClock(server: TestServer, world: string, seconds: number): Promise<void> {
  const res = await fetch(`${server.admin}/worlds/${world}/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
}

/** Sets a world's clock through the admin API (creating the world). */
export async function setClock(server: TestServer, world: string, clock: { at?: string; frozen?: boolean }): Promise<void> {
  const res = await fetch(`${server.admin}/worlds/${world}/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(clock),
  });
  if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
}

/** A raw XML-RPC methodCall of `params` (already XML values) to `url`, with any headers (Host too). */
export function rawCall(url: string, method: string, params: string[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const xml = `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params.map((p) => `<param><value>${p}</value></param>`).join('')}</params></methodCall>`;
  return post(url, xml, headers);
}

export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/xml', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
