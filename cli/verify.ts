import { readFileSync } from 'node:fs';
import { MockpanelError } from '../emulators/core/mockpanel-error.js';
import { readCassette, writeCassette } from '../emulators/replay/cassette.js';
import { formatReport, httpIssuer, inProcessIssuer, verifyCassette } from '../emulators/replay/verifier.js';
import { parse } from './args.js';

export const VERIFY_USAGE = `Usage: mockpanel verify FILE... [options]

Re-issues each cassette's requests against the emulator (in memory, a fresh
world per cassette) or a URL, and compares the answers with the recording.
Ids, dates, serials and sessions may differ (an id must stand for the same
new id throughout the cassette); anything else that differs is drift,
printed field by field. Exit status 1 on drift.

  --url URL              verify against this panel root instead (https://panel:8080, http://127.0.0.1:7777/ispconfig)
  --secrets FILE         placeholder → secret, as "record --secrets-out" wrote it (passwords and tokens to send)
  --update               rewrite each cassette with the answers received (secrets as placeholders)
  --json                 print the reports as JSON`;

/** `mockpanel verify`: sets exit status 1 when any cassette drifted. */
export async function verify(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { url: { type: 'string' }, secrets: { type: 'string' }, update: { type: 'boolean' }, json: { type: 'boolean' } }, VERIFY_USAGE);
  if (positionals.length === 0) throw new MockpanelError('bad_arguments', `Name at least one cassette.\n\n${VERIFY_USAGE}`);
  let secrets: Record<string, string> | undefined;
  if (values.secrets) {
    try {
      secrets = JSON.parse(readFileSync(values.secrets, 'utf8')) as Record<string, string>;
    } catch (error) {
      throw new MockpanelError('bad_arguments', `Cannot read the secrets file ${values.secrets}: ${(error as Error).message}`);
    }
  }
  const emulator = values.url ? undefined : inProcessIssuer();
  let drifted = 0;
  const reports = [];
  for (const file of positionals) {
    const cassette = readCassette(file);
    const world = emulator?.fresh(cassette.settings);
    const report = await verifyCassette(cassette, { issue: world ?? httpIssuer(values.url!), secrets });
    world?.close();
    if (report.equal !== report.interactions.length) drifted++;
    if (values.update) writeCassette(file, report.updated);
    if (values.json) reports.push({ file, equal: report.equal, interactions: report.interactions });
    else console.log(formatReport(file, report).join('\n'));
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else console.log(`${positionals.length - drifted}/${positionals.length} cassettes without drift${values.update ? ' (cassettes rewritten)' : ''}`);
  if (drifted) process.exitCode = 1;
}
