#!/usr/bin/env node
import { createRequire } from 'node:module';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { closest } from './args.js';

/** A subcommand: resolves when done (or, for servers, when listening). */
type Command = (argv: string[]) => Promise<void>;

/** A command's module, loaded only when that command runs: `--help` or `conform` never load what `serve` needs. */
type Loader = () => Promise<{ run: Command; usage: string }>;

const COMMANDS: Record<string, { load: Loader; summary: string }> = {
  serve: {
    load: () => import('./serve.js').then((m) => ({ run: m.serve, usage: m.SERVE_USAGE })),
    summary: 'start the emulators on an in-memory (or --data-dir) world',
  },
  conform: {
    load: () => import('./conform.js').then((m) => ({ run: m.conform, usage: m.CONFORM_USAGE })),
    summary: 'run the conformance scenarios against the emulator, a server or a real panel',
  },
  coverage: {
    load: () => import('./coverage.js').then((m) => ({ run: m.coverage, usage: m.COVERAGE_USAGE })),
    summary: 'print (or --out FILE) which documented methods are emulated and exercised',
  },
  record: {
    load: () => import('./record.js').then((m) => ({ run: m.record, usage: m.RECORD_USAGE })),
    summary: 'record a real panel through a proxy into a cassette, secrets scrubbed',
  },
  replay: { load: () => import('./replay.js').then((m) => ({ run: m.replay, usage: m.REPLAY_USAGE })), summary: 'serve the answers recorded in cassettes' },
  verify: {
    load: () => import('./verify.js').then((m) => ({ run: m.verify, usage: m.VERIFY_USAGE })),
    summary: 'check cassettes against the emulator (or a URL) and report drift by field',
  },
  run: {
    load: () => import('./run.js').then((m) => ({ run: m.run, usage: m.RUN_USAGE })),
    summary: 'serve, run a command against the panels, print its client report, stop (CI in one line)',
  },
  report: {
    load: () => import('./report.js').then((m) => ({ run: m.report, usage: m.REPORT_USAGE })),
    summary: 'report what a client did in a world: methods called, contract findings, footguns',
  },
};

/** The installed package's version, through the package's own name (exports lists ./package.json): the same from a clone, dist/ or node_modules. */
function version(): string {
  return (createRequire(import.meta.url)('mockpanel/package.json') as { version: string }).version;
}

const USAGE = `Usage: mockpanel <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "mockpanel <command> --help" for a command's options, "mockpanel --version" for the version.`;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(USAGE);
    return;
  }
  // Only flags before "--" are ours: "mockpanel run -- tool --help" runs the tool.
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (name === '--version' || name === '-v' || own.includes('--version')) {
    console.log(version());
    return;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const guess = closest(name, Object.keys(COMMANDS));
    throw new MockpanelError('unknown_command', `Unknown command "${name}".${guess ? ` Did you mean "${guess}"?` : ''}\n\n${USAGE}`);
  }
  const command = await entry.load();
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
