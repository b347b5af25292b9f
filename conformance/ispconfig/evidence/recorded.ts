import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One call of the recorded ISPConfig 3.2.11 run: what was sent and what came back. */
export interface RecordedStep {
  /** The recording's label for the call (e.g. `dns_zone_get_id example.com.`). */
  label: string;
  method: string;
  /** The arguments as the server decoded them; the first is the session id for every method but login. */
  args: unknown[];
  /** The answer as PHP's SoapClient read it… */
  ok?: unknown;
  /** …or the fault's code and string. */
  fault?: [string, string];
}

const here = dirname(fileURLToPath(import.meta.url));

/** The committed recording (real-3.2.11-scenario.json, see its provenance). */
export function recordedSteps(): RecordedStep[] {
  // tsc does not copy the JSON into dist/: the compiled module reads the source folder's (as contract.ts does).
  const beside = join(here, 'real-3.2.11-scenario.json');
  const file = existsSync(beside) ? beside : join(here, '..', '..', '..', '..', 'conformance', 'ispconfig', 'evidence', 'real-3.2.11-scenario.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { steps: RecordedStep[] }).steps;
}
