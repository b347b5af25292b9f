import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type MethodContract } from '../../contracts/contract.js';
import { readCassette } from '../../emulators/replay/cassette.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ROOT_HEADER, whmBase } from './support.js';

/*
 * Every WHM function, driven with the reference's own example request (the
 * docs cassettes in fixtures/docs/whm hold 587 of the 594) on a world whose
 * seed holds the objects those examples name: the account and reseller
 * `username` on example.com with package1, the accounts `example`, `user`,
 * `user1`–`user3`. Each runs on a fresh copy of that world, so a removal in
 * one example cannot starve the next. Whatever the function answers (its
 * sample, a state change, a documented refusal), it must never be an
 * internal error: a handler that crashes answers "An internal error
 * occurred", and this test names it.
 */
const DOCS = join(import.meta.dirname, '..', '..', 'fixtures', 'docs', 'whm');
const WORLD = 'every-function';
const PASSWORD = 'Example-pw-2026!';

const account = (user: string, domain: string, plan = 'package1') => ({ user, password: PASSWORD, domain, plan, email: `${user}@example.org` });
const SEED = {
  whm: {
    packages: { package1: { QUOTA: 1024, BWLIMIT: 10240, MAXPOP: 10, MAXSQL: 5, MAXFTP: 5, MAXSUB: 10, MAXPARK: 5, MAXADDON: 5 }, package2: { QUOTA: 2048 } },
    resellers: [
      { user: 'username', password: PASSWORD, domain: 'example.com', accounts: [account('user1', 'user1.example.com'), account('user2', 'user2.example.com')] },
    ],
    accounts: [account('example', 'example.net'), account('user', 'user.example.org'), account('user3', 'user3.example.com')],
  },
};

interface Example {
  fn: string;
  method: string;
  path: string;
  query: string;
  body: string;
  contentType?: string;
}

/** The documented example requests, by function. */
function documentedExamples(): Map<string, Example[]> {
  const out = new Map<string, Example[]>();
  for (const file of readdirSync(DOCS).filter((f) => f.endsWith('.json'))) {
    for (const interaction of readCassette(join(DOCS, file)).interactions) {
      const http = interaction.http!.request;
      const list = out.get(interaction.request.method) ?? [];
      list.push({
        fn: interaction.request.method,
        method: http.method,
        path: http.path,
        query: http.query,
        body: http.body ?? '',
        contentType: http.headers['content-type'],
      });
      out.set(interaction.request.method, list);
    }
  }
  return out;
}

// For the functions the reference gives no example request: each required parameter with a value naming a seeded object.
const VALUES: Record<string, string> = {
  user: 'username',
  service: 'whostmgrd',
  url: 'https://example.com/',
  provider: 'cPStore',
  provider_id: 'example',
  service_name: 'cpaneld',
};
function contractExample(method: MethodContract): Example {
  const query = new URLSearchParams({ 'api.version': '1' });
  for (const p of method.params.filter((x) => x.required)) query.set(p.name, VALUES[p.name] ?? (p.type === 'int' || p.type === 'boolean' ? '1' : 'example'));
  return { fn: method.name, method: 'GET', path: `/json-api/${method.name}`, query: query.toString(), body: '' };
}

let server: TestServer;
const crashes: string[] = [];
beforeAll(async () => {
  server = await startTestServer({
    seed: SEED,
    onInternalError: (error, _panel, method) => crashes.push(`${method}: ${(error as Error).stack ?? String(error)}`),
  });
  await fetch(`${server.admin}/worlds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: WORLD }) });
  const saved = await fetch(`${server.admin}/worlds/${WORLD}/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'every-function-seeded' }),
  });
  expect(saved.status).toBeLessThan(300);
});
afterAll(() => server?.close());

describe('WHM: every documented function answers its example without an internal error', () => {
  it('drives all 594 functions on the seeded world', async () => {
    const examples = documentedExamples();
    const contract = loadContract('whm');
    expect(contract.methods).toHaveLength(594);
    expect([...examples.keys()].length).toBeGreaterThanOrEqual(587);
    const failures: string[] = [];
    const answered = new Set<string>();
    for (const method of contract.methods) {
      for (const example of examples.get(method.name) ?? [contractExample(method)]) {
        await fetch(`${server.admin}/worlds/${WORLD}/snapshots/every-function-seeded/restore`, { method: 'POST' });
        const res = await fetch(`${whmBase(server, WORLD)}${example.path}${example.query ? `?${example.query}` : ''}`, {
          method: example.method,
          headers: { authorization: ROOT_HEADER, ...(example.contentType ? { 'content-type': example.contentType } : {}) },
          body: example.method === 'GET' ? undefined : example.body,
        });
        const text = await res.text();
        if (res.status >= 500 || /internal error/i.test(text)) failures.push(`${method.name} (HTTP ${res.status}): ${text.slice(0, 300)}`);
        answered.add(method.name);
      }
    }
    expect(answered.size).toBe(594);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(crashes, crashes.join('\n\n')).toEqual([]);
  }, 240_000);
});
