import assert from 'node:assert/strict';
import { IspconfigError } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario } from '../scenario.js';
import { recordedSteps, type RecordedStep } from './evidence/recorded.js';
import { clientFor } from './helpers.js';

// Replays the run recorded against the unmodified ISPConfig 3.2.11 code (evidence/real-3.2.11-scenario.json)
// call by call and compares each answer with the recorded one. Values that differ between any two runs are
// masked: session ids, password hashes, the random material of the client's generated SSH keys, times, date-based
// serials, datalog ids.

/** The "DNS zone functions" group of remote.conf.php (inventory.json), which the recording's second remote user had. */
const DNS_ZONE_FUNCTIONS = [
  'dns_zone_get',
  'dns_zone_get_id',
  'dns_zone_add',
  'dns_zone_update',
  'dns_zone_delete',
  'dns_zone_set_status',
  'dns_templatezone_add',
];

const MASKED_KEYS = new Set(['created_at', 'tstamp', 'datalog_id']);

/**
 * A generated key pair keeps its format, size and comment; only its random bits and the time in the comment are
 * masked. The recording's private key was removed before it was committed (evidence/extract.ts), so a live one
 * compares as that placeholder.
 */
export function maskSshKey(text: string): string {
  return text
    .replace(/-----BEGIN OPENSSH PRIVATE KEY-----[\s\S]*?-----END OPENSSH PRIVATE KEY-----\n?/g, '(private key removed)')
    .replace(/(ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ)([A-Za-z0-9+/]+=*)/g, (_, head: string, bits: string) => `${head}<${bits.length} random base64>`)
    .replace(/-rsa-key-\d+/g, '-rsa-key-<time>');
}

/** The recorded and the live answer as they are compared. */
export function mask(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => mask(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
  if (typeof value !== 'string') return value;
  if (MASKED_KEYS.has(key)) return `<${key}>`;
  if (key === 'id_rsa' || key === 'ssh_rsa') return maskSshKey(value);
  if (/^[a-z][0-9a-f]{40}$/.test(value)) return '<session id>';
  if (/^\$[156]\$/.test(value)) return '<password hash>';
  // YYYYMMDDnn serials carry the day of the run; the counter stays.
  if (key === 'serial' && /^20\d{8}$/.test(value)) return `<date>${value.slice(8)}`;
  // sys_datalog data: PHP-serialized rows holding hashes and ids of the recorded run.
  if (key === 'data' && value.startsWith('a:2:{')) return '<serialized change>';
  return value;
}

export const evidenceReplay: Scenario = defineScenario({
  id: 'ispconfig/evidence-replay',
  panel: 'ispconfig',
  title: 'the run recorded against the unmodified ISPConfig 3.2.11 code, replayed call by call with its recorded answers',
  access: 'mutating',
  basis: 'documented',
  methods: [...new Set(recordedSteps().map((s) => s.method))].filter((m) => m !== 'frobnicate'),
  skip: { remote: 'the recording starts from a fresh panel (its ids are 1, 2…) and needs a second remote user' },
  async run(ctx) {
    await clientFor(ctx).login(); // the emulator creates the world on its first call
    await ctx.emulator.setSetting('ispconfig.remoteUsers', [{ username: 'dnsonly', password: 'api-secret', functions: DNS_ZONE_FUNCTIONS }]);
    // The recording ran from a git checkout, whose ISPC_APP_VERSION is "3.2dev" (evidence README).
    await ctx.emulator.setSetting('ispconfig.appVersion', '3.2dev');
    const c = clientFor(ctx);
    const sessions = new Map<string, string>();
    const live = (step: RecordedStep): unknown[] => {
      if (step.method === 'login') {
        const [user, password] = step.args as string[];
        if (user === 'apiuser') return [ctx.target.credentials.username, password === 'api-secret' ? ctx.target.credentials.password : password];
        return step.args;
      }
      const [sid, ...rest] = step.args;
      return [typeof sid === 'string' ? (sessions.get(sid) ?? sid) : sid, ...rest];
    };
    for (const step of recordedSteps()) {
      await ctx.step(step.label, async () => {
        let answer: { ok: unknown } | { fault: [string, string] };
        try {
          answer = { ok: await c.callRaw(step.method, live(step)) };
        } catch (error) {
          if (!(error instanceof IspconfigError)) throw error;
          answer = { fault: [error.code, error.faultString] };
        }
        if (step.fault) {
          assert.deepEqual(answer, { fault: step.fault });
          return;
        }
        assert.ok('ok' in answer, `recorded ${JSON.stringify(step.ok)?.slice(0, 200)}, got fault ${JSON.stringify(answer)}`);
        if (step.method === 'login') sessions.set(step.ok as string, answer.ok as string);
        if (step.label === 'sys_datalog_get_by_tstamp') {
          // The change queue holds every write of the run; its newest entry (the cron job) is compared, the rest by shape.
          const [recorded, got] = [step.ok as Record<string, unknown>[], answer.ok as Record<string, unknown>[]];
          assert.deepEqual(mask(got[0]), mask(recorded[0]));
          assert.deepEqual(Object.keys(got.at(-1)!), Object.keys(recorded.at(-1)!));
          return;
        }
        assert.deepEqual(mask(answer.ok), mask(step.ok));
      });
    }
  },
});
