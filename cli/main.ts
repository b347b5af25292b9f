#!/usr/bin/env node
import { MockpanelError } from '../emulators/core/mockpanel-error.js';
import { closest } from './args.js';
import { conform, CONFORM_USAGE } from './conform.js';
import { coverage, COVERAGE_USAGE } from './coverage.js';
import { record, RECORD_USAGE } from './record.js';
import { replay, REPLAY_USAGE } from './replay.js';
import { report, REPORT_USAGE } from './report.js';
import { run, RUN_USAGE } from './run.js';
import { serve, SERVE_USAGE } from './serve.js';
import { verify, VERIFY_USAGE } from './verify.js';

/** A subcommand: resolves when done (or, for servers, when listening). */
type Command = (argv: string[]) => Promise<void>;

const COMMANDS: Record<string, { run: Command; summary: string; usage: string }> = {
  serve: { run: serve, summary: 'start the emulators on an in-memory (or --data-dir) world', usage: SERVE_USAGE },
  conform: { run: conform, summary: 'run the conformance scenarios against the emulator, a server or a real panel', usage: CONFORM_USAGE },
  coverage: { run: coverage, summary: 'print (or --out FILE) which documented methods are emulated and exercised', usage: COVERAGE_USAGE },
  record: { run: record, summary: 'record a real panel through a proxy into a cassette, secrets scrubbed', usage: RECORD_USAGE },
  replay: { run: replay, summary: 'serve the answers recorded in cassettes', usage: REPLAY_USAGE },
  verify: { run: verify, summary: 'check cassettes against the emulator (or a URL) and report drift by field', usage: VERIFY_USAGE },
  run: { run, summary: 'serve, run a command against the panels, print its client report, stop (CI in one line)', usage: RUN_USAGE },
  report: { run: report, summary: 'report what a client did in a world: methods called, contract findings, footguns', usage: REPORT_USAGE },
};

const USAGE = `Usage: mockpanel <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "mockpanel <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(USAGE);
    return;
  }
  const command = COMMANDS[name];
  if (!command) {
    const guess = closest(name, Object.keys(COMMANDS));
    throw new MockpanelError('unknown_command', `Unknown command "${name}".${guess ? ` Did you mean "${guess}"?` : ''}\n\n${USAGE}`);
  }
  // Only flags before "--" are ours: "mockpanel run -- tool --help" runs the tool.
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    console.log(command.usage);
    return;
  }
  await command.run(rest);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof MockpanelError) {
    console.error(`mockpanel: ${error.message}`);
    process.exit(2);
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`mockpanel: ${(error as Error).message} — another process uses that port; pick another with --port.`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
