import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, FaultError, IspconfigClient, NotFoundError, PermissionError, faultCodeOf } from '../../clients/ispconfig/index.js';
import { extractSteps, extractWire } from '../../scripts/ispconfig-evidence/extract.js';
import { recordedSteps } from '../../conformance/ispconfig/evidence/recorded.js';
import { startTestServer, type TestServer } from '../support/server.js';

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = resolve(here, '..', '..', '..', 'shared');

describe('ISPConfig reference client', () => {
  it('recovers fault codes from JSON remote_fault messages', () => {
    expect(faultCodeOf('The Session is expired or does not exist.')).toBe('session_does_not_exist');
    expect(faultCodeOf('Mail domain - x.test - does not exist as primary.')).toBe('mail_domain_does_not_exist');
    expect(faultCodeOf('ttl_range_error<br />\r\n')).toBe('remote_fault');
  });

  describe('over both wires', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ panels: ['ispconfig'] });
    });
    afterAll(() => server?.close());

    for (const protocol of ['soap', 'json'] as const) {
      it(`${protocol}: types the faults and logs in again once when the session expired`, async () => {
        const world = `client-${protocol}`;
        const c = new IspconfigClient({ url: `${server.url}/_w/${world}/ispconfig`, username: 'admin', password: 'admin', protocol });
        const first = await c.login();
        await expect(c.dnsZoneGetId('nope.test')).rejects.toBeInstanceOf(NotFoundError);
        await expect(c.clientGet(0)).rejects.toMatchObject({ code: 'invalid_id', constructor: FaultError });
        server.core.worlds.get(world)!.clock.advance(1801);
        expect(await c.clientGetAll()).toBe(false);
        expect(c.sessionId).not.toBe(first);
        const wrong = new IspconfigClient({ url: `${server.url}/_w/${world}/ispconfig`, username: 'admin', password: 'bad', protocol });
        await expect(wrong.clientGetAll()).rejects.toMatchObject({ code: 'login_failed', constructor: AuthError });
        server.core.worlds.get(world)!.setSetting('ispconfig.remoteUsers', [{ username: 'few', password: 'Few-12345', functions: ['server_get'] }]);
        const few = new IspconfigClient({ url: `${server.url}/_w/${world}/ispconfig`, username: 'few', password: 'Few-12345', protocol });
        await expect(few.clientGetAll()).rejects.toBeInstanceOf(PermissionError);
      });
    }
  });
});

describe.skipIf(!existsSync(join(sharedDir, 'research', 'ispconfig', 'evidence')))('ISPConfig evidence data (regeneration check)', () => {
  it('is what extract.ts reads from research/ispconfig/evidence', () => {
    expect(recordedSteps()).toEqual(extractSteps(sharedDir));
    const committed = JSON.parse(readFileSync(join(here, '..', '..', 'conformance', 'ispconfig', 'evidence', 'real-3.2.11-wire.json'), 'utf8'));
    expect(committed.exchanges).toEqual(extractWire(sharedDir));
  });
});
