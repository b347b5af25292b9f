import { readDataJson } from '../../../kernel/data-file.js';

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

/** The committed recording (real-3.2.11-scenario.json, see its provenance). */
export function recordedSteps(): RecordedStep[] {
  return readDataJson<{ steps: RecordedStep[] }>('conformance/ispconfig/evidence/real-3.2.11-scenario.json').steps;
}
