import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebfactionClient } from '../../clients/webfaction/index.js';
import { WhmClient } from '../../clients/whm/index.js';
import { seededCredentials } from '../../emulators/seeded-credentials.js';
import { startTestServer, type TestServer } from '../support/server.js';

// What the README promises: the journal never holds a password, token or session id, neither sent nor generated.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface Entry {
  method: string;
  args: Record<string, unknown>;
  result?: unknown;
}
async function journal(world: string): Promise<Entry[]> {
  return ((await (await fetch(`${server.admin}/worlds/${world}/journal`)).json()) as { entries: Entry[] }).entries;
}
const entry = async (world: string, method: string) => (await journal(world)).find((e) => e.method === method)!;
/** Every call's wire record (request, response, url) as one text: the dashboard's raw view must hide what the journal hides. */
async function wireText(world: string): Promise<string> {
  const ids = ((await (await fetch(`${server.admin}/worlds/${world}/journal`)).json()) as { entries: { id: number }[] }).entries.map((e) => e.id);
  const records = await Promise.all(
    ids.map(async (id) => ((await (await fetch(`${server.admin}/worlds/${world}/journal/${id}`)).json()) as { wire: unknown }).wire),
  );
  return JSON.stringify(records);
}

describe('journal redaction', () => {
  it("WebFaction: the session login answers and create_mailbox's generated password are redacted in results", async () => {
    const wf = new WebfactionClient({ url: `${server.url}/webfaction/`, world: 'redact-wf', ...seededCredentials('webfaction') });
    const created = await wf.createMailbox('redactbox');
    expect(created.password.length).toBeGreaterThan(5);
    const session = wf.session!;
    const text = JSON.stringify(await journal('redact-wf'));
    expect(text).not.toContain(created.password);
    expect(text).not.toContain(session);
    expect(text).not.toContain(seededCredentials('webfaction').password);
    const wire = await wireText('redact-wf');
    expect(wire).toContain('create_mailbox');
    for (const secret of [created.password, session, seededCredentials('webfaction').password]) expect(wire).not.toContain(secret);
    expect((await entry('redact-wf', 'create_mailbox')).result).toMatchObject({ password: '[redacted]' });
    expect((await entry('redact-wf', 'login')).result).toEqual(['[redacted]', expect.objectContaining({ username: 'widgetsco' })]);
  });

  it("WHM: api_token_create's token and create_user_session's session (also inside its url) are redacted", async () => {
    const whm = new WhmClient({ url: `${server.url}/whm`, world: 'redact-whm', username: 'root', token: seededCredentials('whm').token! });
    const token = await whm.data<{ token: string }>('api_token_create', { token_name: 'ci' });
    const session = await whm.data<{ session: string; url: string; cp_security_token: string }>('create_user_session', { user: 'alice', service: 'cpaneld' });
    expect(token.token).toMatch(/^[A-Z0-9]{32}$/);
    expect(session.url).toContain(session.cp_security_token);
    const text = JSON.stringify(await journal('redact-whm'));
    for (const secret of [token.token, session.session, session.cp_security_token]) expect(text).not.toContain(secret);
    const wire = await wireText('redact-whm');
    expect(wire).toContain('api_token_create');
    for (const secret of [token.token, session.session, session.cp_security_token]) expect(wire).not.toContain(secret);
    expect((await entry('redact-whm', 'api_token_create')).result).toMatchObject({ token: '[redacted]', name: 'ci' });
    expect(String(((await entry('redact-whm', 'create_user_session')).result as { url: string }).url)).toContain('[redacted]');
  });
});
