import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { MockpanelError } from '../kernel/mockpanel-error.js';
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
  --known-drift FILE     differences already known ("<dir>/<file>#<n>" → JSON pointers, as
                         fixtures/docs/known-drift.json): listed ones are reported, not failed
  --update               rewrite each cassette with the answers received (secrets as placeholders)
  --json                 print the reports as JSON`;

/** `mockpanel verify`: sets exit status 1 when any cassette drifted. */
export async function verify(argv: string[]): Promise<void> {
  const { values, positionals } = parse(
    argv,
    { url: { type: 'string' }, secrets: { type: 'string' }, 'known-drift': { type: 'string' }, update: { type: 'boolean' }, json: { type: 'boolean' } },
    VERIFY_USAGE,
  );
  if (positionals.length === 0) throw new MockpanelError('bad_arguments', `Name at least one cassette.\n\n${VERIFY_USAGE}`);
  const secrets = values.secrets ? readJsonFlag<Record<string, string>>(values.secrets, 'secrets') : undefined;
  const known = values['known-drift'] ? readJsonFlag<Record<string, string[]>>(values['known-drift'], 'known-drift') : {};
  const emulator = values.url ? undefined : inProcessIssuer();
  let drifted = 0;
  let knownCount = 0;
  const reports = [];
  for (const file of positionals) {
    const cassette = readCassette(file);
    const world = emulator?.fresh(cassette.settings);
    const report = await verifyCassette(cassette, { issue: world ?? httpIssuer(values.url!), secrets });
    world?.close();
    const key = `${basename(dirname(file))}/${basename(file)}`;
    const knownHere = report.interactions.filter(
      (r) =>
        !r.equal &&
        isKnown(
          known[`${key}#${r.index}`],
          r.diffs.map((d) => d.path),
        ),
    );
    knownCount += knownHere.length;
    if (report.equal + knownHere.length !== report.interactions.length) drifted++;
    if (values.update) writeCassette(file, report.updated);
    if (values.json) reports.push({ file, equal: report.equal, knownDrift: knownHere.map((r) => r.index), interactions: report.interactions });
    else {
      console.log(
        formatReport(file, { ...report, interactions: report.interactions.map((r) => (knownHere.includes(r) ? { ...r, equal: true } : r)) }).join('\n'),
      );
      if (knownHere.length) console.log(`  ${knownHere.length} known drift (${values['known-drift']}): #${knownHere.map((r) => r.index).join(', #')}`);
    }
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else {
    const knownNote = values['known-drift'] ? `, ${knownCount} interactions drift as ${values['known-drift']} lists` : '';
    console.log(
      `${positionals.length - drifted}/${positionals.length} cassettes without ${values['known-drift'] ? 'new ' : ''}drift${knownNote}${values.update ? ' (cassettes rewritten)' : ''}`,
    );
  }
  if (drifted) process.exitCode = 1;
}

/** A drift is known when every field that differs is among those the known-drift file lists for that interaction. */
function isKnown(listed: string[] | undefined, paths: string[]): boolean {
  return Array.isArray(listed) && paths.every((p) => listed.includes(p));
}

function readJsonFlag<T>(file: string, flag: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new MockpanelError('bad_arguments', `Cannot read the --${flag} file ${file}: ${(error as Error).message}`);
  }
}
