import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { constants } from 'node:os';
import { buildClientReport, type ClientReport } from '../emulators/core/client-report.js';
import { renderClientReport, REPORT_FORMATS, type ReportFormat } from '../emulators/core/client-report-formats.js';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { PANEL_IDS, type PanelId } from '../kernel/panel-id.js';
import { clientUrl } from '../emulators/server/client-urls.js';
import { seededCredentials } from '../emulators/seeded-credentials.js';
import { parse, sizeFlag } from './args.js';
import { HARD_CODED_HOSTS, startHosts, type HostsSetup } from './run-hosts.js';
import { SERVE_OPTION_LINES, SERVE_OPTIONS, startServing, type Served } from './serve.js';

export const RUN_USAGE = `Usage: mockpanel run [serve options] [run options] -- <command> [args…]

Starts the emulators (on a free port unless --port is given), runs the
command with the endpoints and seeded logins in its environment, prints the
client report of the calls it made, stops the server and exits with the
command's status (or 1 when --fail-on finds what it names). The command's
output passes through untouched; mockpanel's own lines go to stderr,
prefixed "[mockpanel]". Ctrl-C or SIGTERM stops the command and the server.

The command's environment:
  MOCKPANEL_URL                 the shared root (admin API at $MOCKPANEL_URL/_admin)
  MOCKPANEL_WORLD               the world the calls land in ("default")
  MOCKPANEL_WEBFACTION_URL      XML-RPC endpoint (…/webfaction/)
  MOCKPANEL_GANDI_URL           XML-RPC endpoint (…/gandi/hosting/)
  MOCKPANEL_ISPCONFIG_URL       SOAP location (…/ispconfig/remote/index.php)
  MOCKPANEL_ISPCONFIG_JSON_URL  JSON API (…/ispconfig/remote/json.php)
  MOCKPANEL_WHM_URL             where /json-api/ lives (…/whm)
  MOCKPANEL_CPANEL_URL          where /execute/ and /json-api/cpanel live (…/cpanel)
  MOCKPANEL_<PANEL>_USERNAME, MOCKPANEL_<PANEL>_PASSWORD (and MOCKPANEL_WHM_TOKEN): the seeded login

Run options:
  --report FORMAT        md, json, html or junit, written to --report-out (default: from its extension)
  --report-out FILE      where to write the report
  --fail-on WHAT         findings (any contract finding or footgun), unknown-methods, or none (default)
  --hosts                also serve https://api.webfaction.com/ and https://api.gandi.net/ to the command
                         (port 443 of a loopback address, a throwaway CA in MOCKPANEL_CA_FILE and
                         SSL_CERT_FILE/REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE/NODE_EXTRA_CA_CERTS, the names
                         in a private /etc/hosts for the command only); Linux, root, unshare and openssl

Serve options (default port 0 here):
${SERVE_OPTION_LINES}`;

const RUN_OPTIONS = {
  ...SERVE_OPTIONS,
  report: { type: 'string' },
  'report-out': { type: 'string' },
  'fail-on': { type: 'string' },
  hosts: { type: 'boolean' },
} as const;

const FAIL_ON = ['findings', 'unknown-methods', 'none'] as const;

/** mockpanel's own lines: prefixed, on stderr, so the command's stdout stays the command's. */
const say = (line: string) => process.stderr.write(`[mockpanel] ${line}\n`);

/** `mockpanel run`: serve, run the command against it, report, stop; sets the exit status. */
export async function run(argv: string[]): Promise<void> {
  const split = argv.indexOf('--');
  const command = split < 0 ? [] : argv.slice(split + 1);
  if (command.length === 0) throw new MockpanelError('bad_arguments', `Give the command after "--", e.g. mockpanel run -- npm test\n\n${RUN_USAGE}`);
  const { values, positionals } = parse(argv.slice(0, split), RUN_OPTIONS, RUN_USAGE);
  if (positionals.length) throw new MockpanelError('bad_arguments', `Unexpected "${positionals[0]}" before "--": the command goes after it.\n\n${RUN_USAGE}`);
  const failOn = (values['fail-on'] ?? 'none') as (typeof FAIL_ON)[number];
  if (!FAIL_ON.includes(failOn)) throw new MockpanelError('bad_arguments', `--fail-on is ${FAIL_ON.join(', ')}, got "${failOn}".`);
  const format = reportFormat(values.report, values['report-out']);

  const served = await startServing(values, 0);
  let hosts: HostsSetup | undefined;
  try {
    hosts = values.hosts ? await startHosts(served.core, { adminToken: values['admin-token'], maxBody: sizeFlag(values['max-body'], 'max-body') }) : undefined;
  } catch (error) {
    await served.stop();
    throw error;
  }
  // With --data-dir the world keeps earlier runs' calls: report only this run's.
  const world = served.core.world('default');
  const before = world.journal.query({ limit: 1 }).at(-1)?.id ?? 0;
  say(
    `serving at ${served.server.url}${hosts ? ` and as ${HARD_CODED_HOSTS.join(', ')} (${hosts.address}:443, CA ${hosts.caFile})` : ''}; running: ${command.join(' ')}`,
  );
  const status = await runCommand(hosts ? hosts.wrap(command) : command, { ...process.env, ...commandEnvironment(served), ...hosts?.env }, command[0]);
  await hosts?.close();

  const report = buildClientReport(world, served.core.panels.values(), before);
  for (const line of summary(report)) say(line);
  if (format && values['report-out']) {
    mkdirSync(dirname(values['report-out']), { recursive: true });
    writeFileSync(values['report-out'], renderClientReport(report, format));
    say(`report (${format}) written to ${values['report-out']}`);
  }
  await served.stop();

  const failure = failOn === 'none' ? undefined : failing(report, failOn);
  if (failure) say(`--fail-on ${failOn}: ${failure}`);
  if (status.signal) say(`the command was stopped by ${status.signal}`);
  else if (status.code !== 0) say(`the command exited with status ${status.code}`);
  process.exitCode = status.code !== 0 ? status.code : failure ? 1 : 0;
}

function reportFormat(format: string | undefined, out: string | undefined): ReportFormat | undefined {
  if (format === undefined && out === undefined) return undefined;
  if (out === undefined) throw new MockpanelError('bad_arguments', `--report ${format} needs --report-out FILE.`);
  const chosen = format ?? { xml: 'junit', html: 'html', htm: 'html', json: 'json', md: 'md' }[out.split('.').pop()!.toLowerCase()];
  if (!chosen) throw new MockpanelError('bad_arguments', `Give --report ${REPORT_FORMATS.join('|')}: the extension of ${out} does not say which.`);
  if (!(REPORT_FORMATS as readonly string[]).includes(chosen))
    throw new MockpanelError('bad_arguments', `--report is ${REPORT_FORMATS.join(', ')}, got "${chosen}".`);
  return chosen as ReportFormat;
}

/** The endpoints each panel's clients take, and the login the seed holds for it. */
export function commandEnvironment(served: Pick<Served, 'server' | 'seed'>): Record<string, string> {
  const root = served.server.url;
  const env: Record<string, string> = {
    MOCKPANEL_URL: root,
    MOCKPANEL_WORLD: 'default',
    MOCKPANEL_WEBFACTION_URL: clientUrl(`${root}/webfaction`, 'webfaction'),
    MOCKPANEL_GANDI_URL: clientUrl(`${root}/gandi`, 'gandi'),
    MOCKPANEL_ISPCONFIG_URL: `${root}/ispconfig/remote/index.php`,
    MOCKPANEL_ISPCONFIG_JSON_URL: `${root}/ispconfig/remote/json.php`,
    MOCKPANEL_WHM_URL: clientUrl(`${root}/whm`, 'whm'),
    MOCKPANEL_CPANEL_URL: clientUrl(`${root}/cpanel`, 'cpanel'),
  };
  for (const panel of PANEL_IDS) {
    // The cPanel door's accounts are WHM's: its login comes from the WHM section.
    const login = seedLogin(panel, served.seed?.[panel === 'cpanel' ? 'whm' : panel]);
    const prefix = `MOCKPANEL_${panel.toUpperCase()}_`;
    env[`${prefix}USERNAME`] = login.username;
    env[`${prefix}PASSWORD`] = login.password;
    if (login.token) env[`${prefix}TOKEN`] = login.token;
  }
  return env;
}

/** The first login a seed section defines (the built-in one when the section is absent or names none). */
function seedLogin(panel: PanelId, section: unknown): { username: string; password: string; token?: string } {
  const builtIn = seededCredentials(panel);
  if (!section || typeof section !== 'object') return builtIn;
  const s = section as Record<string, unknown>;
  const first = (key: string) => (Array.isArray(s[key]) ? (s[key] as Record<string, string>[])[0] : undefined);
  switch (panel) {
    case 'webfaction':
      return first('accounts') ? { username: first('accounts')!.username, password: first('accounts')!.password } : builtIn;
    case 'gandi':
      return first('accounts') ? { username: first('accounts')!.handle, password: first('accounts')!.password } : builtIn;
    case 'ispconfig':
      return first('remoteUsers') ? { username: first('remoteUsers')!.username, password: first('remoteUsers')!.password } : builtIn;
    case 'whm':
      return { username: 'root', password: (s.rootPassword as string) ?? builtIn.password, token: (s.rootToken as string) ?? builtIn.token };
    case 'cpanel':
      return first('accounts') ? { username: first('accounts')!.user, password: first('accounts')!.password } : builtIn;
  }
}

/**
 * Runs the command with inherited stdio. Without a terminal it gets a process
 * group of its own, so a signal (ours, forwarded) reaches everything it
 * started and nothing it left running outlives the run. With a terminal it
 * stays in the foreground group, where Ctrl-C reaches it directly.
 */
function runCommand(command: string[], env: NodeJS.ProcessEnv, name = command[0]): Promise<{ code: number; signal?: NodeJS.Signals }> {
  const ownGroup = !process.stdin.isTTY;
  let child: ChildProcess;
  try {
    child = spawn(command[0], command.slice(1), { stdio: 'inherit', env, detached: ownGroup });
  } catch (error) {
    throw new MockpanelError('command_failed', `Cannot start ${name}: ${(error as Error).message}`);
  }
  const signalAll = (signal: NodeJS.Signals) => {
    try {
      if (ownGroup && child.pid) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  let killTimer: NodeJS.Timeout | undefined;
  const forward = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping the command`);
    signalAll(signal);
    // A command that ignores the signal is killed after 5 s, so the run always ends.
    killTimer ??= setTimeout(() => signalAll('SIGKILL'), 5000);
  };
  const onInt = () => forward('SIGINT');
  const onTerm = () => forward('SIGTERM');
  const onExit = () => signalAll('SIGKILL');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('exit', onExit);
  return new Promise((resolve) => {
    const done = (result: { code: number; signal?: NodeJS.Signals }) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('exit', onExit);
      clearTimeout(killTimer);
      // Whatever the command left running in its group (a server it started in the background) goes with it.
      if (ownGroup) signalAll('SIGTERM');
      resolve(result);
    };
    child.once('error', (error) => {
      say(`cannot start ${name}: ${error.message}`);
      done({ code: 127 });
    });
    child.once('exit', (code, signal) => {
      if (signal) done({ code: 128 + (constants.signals[signal] ?? 1), signal });
      else done({ code: code ?? 1 });
    });
  });
}

/** The console summary: per panel, calls, contract share exercised and each finding kind. */
function summary(report: ClientReport): string[] {
  if (report.panels.length === 0) return ['client report: the command made no panel calls'];
  const lines = [`client report (${report.entries} calls):`];
  for (const p of report.panels) {
    lines.push(
      `  ${p.title}: ${p.calls} calls, ${p.exercised}/${p.documented} documented methods exercised, ${p.findings.length ? `${p.findings.length} findings` : 'no findings'}`,
    );
    for (const f of p.findings) lines.push(`    ${f.kind} (${f.count}×): ${f.message}`);
  }
  return lines;
}

/** Why `--fail-on` fails the run, or undefined. */
function failing(report: ClientReport, failOn: 'findings' | 'unknown-methods'): string | undefined {
  if (failOn === 'unknown-methods') {
    const unknown = report.panels.flatMap((p) => p.unknownMethods.map((u) => `${p.panel}.${u.method}`));
    return unknown.length ? `undocumented methods called: ${unknown.join(', ')}` : undefined;
  }
  const kinds = report.panels.flatMap((p) => p.findings.map((f) => `${p.panel}: ${f.kind}`));
  return kinds.length ? `${kinds.length} findings (${[...new Set(kinds)].join('; ')})` : undefined;
}
