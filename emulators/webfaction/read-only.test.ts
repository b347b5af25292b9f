import { afterAll, describe, expect, it } from 'vitest';
import { WebfactionClient } from '../../clients/webfaction/index.js';
import type { PanelRequest } from '../core/types.js';
import { createMockpanel } from '../mockpanel.js';
import { seededCredentials } from '../seeded-credentials.js';
import { startServer } from '../server/http-server.js';
import { webfactionPanel } from './index.js';

const call = (method: string, ...strings: string[]) =>
  `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${strings.map((s) => `<param>\n<value><string>${s}</string></value>\n</param>\n`).join('')}</params>\n</methodCall>\n`;

describe('WebFaction methods run without a transaction', () => {
  const internal: string[] = [];
  const core = createMockpanel({ panels: ['webfaction'], onInternalError: (_e, _p, method) => internal.push(method) });
  const served = startServer(core, { port: 0 });
  afterAll(async () => (await served).close());

  it('lists the list_ methods, each documented', () => {
    const listed = [...(webfactionPanel.readOnlyMethods ?? [])];
    const names = new Set(webfactionPanel.contract.methods.map((m) => m.name));
    expect(listed.length).toBeGreaterThanOrEqual(15);
    expect(listed.filter((name) => !names.has(name))).toEqual([]);
  });

  it('never write: each answers on a read-only connection (SQLite query_only), where a write method fails', async () => {
    const server = await served;
    const wf = new WebfactionClient({ url: `${server.url}/_w/ro/webfaction/`, ...seededCredentials('webfaction'), version: 2 });
    await wf.createDomain('ro.example.com', 'www');
    await wf.createMailbox('robox');
    await wf.createApp('roapp', 'static_php54');
    await wf.createDb(`${seededCredentials('webfaction').username}_rodb`, 'mysql', 'S3cret-pass1');
    const world = core.worlds.require('ro');
    world.journal.flush();
    const request = (method: string, ...args: string[]): PanelRequest => ({
      panel: 'webfaction',
      world: 'ro',
      httpMethod: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': 'text/xml' },
      body: Buffer.from(call(method, wf.session!, ...args)),
      remoteAddress: '127.0.0.1',
    });
    // In process, so the connection is read-only for the call alone: the journal writes its row on a later turn.
    const readOnly = async (method: string, ...args: string[]): Promise<string> => {
      world.db.pragma('query_only = ON');
      try {
        return String((await core.handle(request(method, ...args))).body);
      } finally {
        world.db.pragma('query_only = OFF');
      }
    };
    for (const method of webfactionPanel.readOnlyMethods ?? []) {
      const answer = await readOnly(method);
      expect(answer, method).toMatch(/<params>/);
      expect(answer, method).not.toContain('<fault>');
    }
    expect(internal).toEqual([]);
    expect(await readOnly('list_domains')).toContain('ro.example.com');
    // The connection really refuses writes: a write method fails inside its handler.
    expect(await readOnly('create_domain', 'ro2.example.com')).toContain('<fault>');
    expect(internal).toEqual(['create_domain']);
  });
});
