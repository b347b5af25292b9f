import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedExchange } from '../../scripts/ispconfig-evidence/extract.js';
import { maskSshKey } from '../../conformance/ispconfig/evidence-replay.js';
import { createMockpanel } from '../../emulators/mockpanel.js';

// The recorded 3.2.11 run byte for byte: every request envelope PHP's SoapClient sent goes through the emulator's
// core, and the answer's body must equal the recorded one once the values that differ between any two runs are
// masked (session ids, password hashes, times, date-based serials, the serialized change queue, the random bits of
// the client's SSH key pair).

const here = dirname(fileURLToPath(import.meta.url));
const { exchanges } = JSON.parse(readFileSync(join(here, '..', '..', 'conformance', 'ispconfig', 'evidence', 'real-3.2.11-wire.json'), 'utf8')) as {
  exchanges: RecordedExchange[];
};

function masked(body: string): string {
  return (
    body
      .replace(/\$6\$rounds=5000\$[^<]*/g, '<hash>')
      .replace(/(<key xsi:type="xsd:string">(created_at|tstamp)<\/key><value xsi:type="xsd:string">)\d+/g, '$1<time>')
      // The key pair's format, size and comment stay compared; its random bits and time do not.
      .replace(
        /(<key xsi:type="xsd:string">(?:id_rsa|ssh_rsa)<\/key><value xsi:type="xsd:string">)([^<]*)/g,
        (_, head: string, key: string) => head + maskSshKey(key),
      )
      .replace(/>20\d{6}(\d\d)</g, '>YYYYMMDD$1<')
      // The same serials inside the change queue's serialized rows (the run's day, as above).
      .replace(/s:10:"20\d{6}(\d\d)"/g, 's:10:"YYYYMMDD$1"')
      .replace(/a:2:\{s:3:&quot;[\s\S]*?\}\}(?=<)/g, '<change>')
  );
}

describe('ISPConfig answers the recorded 3.2.11 run byte for byte', () => {
  const core = createMockpanel({ panels: ['ispconfig'] });
  const world = core.worlds.create('wire');
  world.setSetting('ispconfig.remoteUsers', [
    { username: 'apiuser', password: 'api-secret' },
    // The recording's second remote user held the "DNS zone functions" group (inventory.json remote_conf_function_groups).
    {
      username: 'dnsonly',
      password: 'api-secret',
      functions: ['dns_zone_get', 'dns_zone_get_id', 'dns_zone_add', 'dns_zone_update', 'dns_zone_delete', 'dns_zone_set_status', 'dns_templatezone_add'],
    },
  ]);
  world.setSetting('ispconfig.appVersion', '3.2dev');
  afterAll(() => core.worlds.close());
  const sessions = new Map<string, string>();

  for (const exchange of exchanges) {
    it(exchange.label, async () => {
      let request = exchange.request;
      for (const [recorded, live] of sessions) request = request.split(recorded).join(live);
      const response = await core.handle({
        panel: 'ispconfig',
        world: 'wire',
        httpMethod: 'POST',
        path: '/remote/index.php',
        query: '',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"https://127.0.0.1:8080/remote/#x"' },
        body: Buffer.from(request),
        remoteAddress: '127.0.0.1',
      });
      let body = response.body.toString();
      const session = /<ns1:loginResponse><return xsi:type="xsd:string">([a-z0-9]{41})</;
      if (session.test(exchange.response)) {
        const live = session.exec(body)![1];
        sessions.set(session.exec(exchange.response)![1], live);
        body = body.split(live).join(session.exec(exchange.response)![1]);
      }
      expect(response.status).toBe(exchange.status);
      expect(masked(body)).toBe(masked(exchange.response));
    });
  }
});
