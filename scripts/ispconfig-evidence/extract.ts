/**
 * Turns research/ispconfig/evidence/real-3.2.11-scenario-wire.json (PHP
 * SoapClient against the unmodified ISPConfig 3.2.11 code, one entry per
 * call) into the replay data beside this file: each call's method and
 * arguments as the server decoded them and its answer as SoapClient read it.
 *
 *   ISPCONFIG_EVIDENCE_SHARED=../shared npm run gen:ispconfig-evidence
 *
 * test/ispconfig/client.test.ts re-runs it against ../shared when present.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSoapRequest, decodeSoapResponse } from '../../emulators/protocol/soap/decode.js';
import type { RecordedStep } from '../../conformance/ispconfig/evidence/recorded.js';

export const WIRE_FILE = 'research/ispconfig/evidence/real-3.2.11-scenario-wire.json';
const EVIDENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'conformance', 'ispconfig', 'evidence');
export const OUT_FILE = join(EVIDENCE_DIR, 'real-3.2.11-scenario.json');
/** The same run as wire bytes: each call's request envelope, HTTP status line and response body. */
export const WIRE_OUT_FILE = join(EVIDENCE_DIR, 'real-3.2.11-wire.json');

export interface RecordedExchange {
  label: string;
  request: string;
  status: number;
  response: string;
}

// The run's private key and hashes belong to throw-away accounts (evidence README); the key is not needed and stays out of the repo.
const PRIVATE_KEY = /-----BEGIN OPENSSH PRIVATE KEY-----[\s\S]*?-----END OPENSSH PRIVATE KEY-----\n?/g;

function scrub(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PRIVATE_KEY, '(private key removed)');
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
  return value;
}

export function extractSteps(sharedDir: string): RecordedStep[] {
  const wire = JSON.parse(readFileSync(join(sharedDir, WIRE_FILE), 'utf8')) as Record<string, { request: string; response: string }>;
  return Object.entries(wire).map(([label, { request, response }]) => {
    const call = decodeSoapRequest(Buffer.from(request, 'utf8'), { wireInts: false });
    const answer = decodeSoapResponse(response, { wireInts: false });
    const expected = answer.kind === 'fault' ? { fault: [answer.code, answer.string] as [string, string] } : { ok: scrub(answer.value) };
    return { label, method: call.method, args: call.args, ...expected };
  });
}

/** The raw exchanges, the client's private key removed from the two answers that carry it. */
export function extractWire(sharedDir: string): RecordedExchange[] {
  const wire = JSON.parse(readFileSync(join(sharedDir, WIRE_FILE), 'utf8')) as Record<string, { request: string; response: string; response_headers: string }>;
  return Object.entries(wire).map(([label, { request, response, response_headers }]) => ({
    label,
    request,
    status: Number(/^HTTP\/1\.\d (\d{3})/.exec(response_headers)?.[1] ?? 0),
    response: response.replace(PRIVATE_KEY, '(private key removed)'),
  }));
}

export function renderWire(exchanges: RecordedExchange[]): string {
  return `${JSON.stringify(
    {
      provenance:
        'PHP 8.2 SoapClient against the unmodified ISPConfig 3.2.11 interface code, research/ispconfig/evidence/real-3.2.11-scenario-wire.json ' +
        '(request bodies, status lines and response bodies; the SSH private key of the throw-away client removed), copied by conformance/ispconfig/evidence/extract.ts.',
      exchanges,
    },
    null,
    1,
  )}\n`;
}

export function renderSteps(steps: RecordedStep[]): string {
  return `${JSON.stringify(
    {
      provenance:
        'Recorded by the mockpanel research from PHP 8.2 SoapClient against the unmodified ISPConfig 3.2.11 interface code (MariaDB 10.11, non-strict), ' +
        'research/ispconfig/evidence/real-3.2.11-scenario-wire.json; requests and answers decoded by conformance/ispconfig/evidence/extract.ts (the SSH private key of the throw-away client removed).',
      steps,
    },
    null,
    1,
  )}\n`;
}

if (process.env.ISPCONFIG_EVIDENCE_SHARED) {
  const shared = process.env.ISPCONFIG_EVIDENCE_SHARED;
  writeFileSync(OUT_FILE, renderSteps(extractSteps(shared)));
  writeFileSync(WIRE_OUT_FILE, renderWire(extractWire(shared)));
  console.log(`wrote ${OUT_FILE} and ${WIRE_OUT_FILE}`);
}
