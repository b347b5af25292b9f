import { MockpanelError } from '../kernel/mockpanel-error.js';
import { isPanelId, PANEL_IDS, type PanelId } from '../kernel/panel-id.js';
import { createReporters, parseReporterNames, REPORTER_NAMES } from '../conformance/reporters/registry.js';
import { exitCodeFor, runConformance, type RunTarget } from '../conformance/runner.js';
import { intFlag, parse } from './args.js';

export const CONFORM_USAGE = `Usage: mockpanel conform [options]

Runs the conformance scenarios and reports. Exit code 1 when a scenario fails
(or none ran), 2 on a usage error.

Target (default: an emulator started inside this process, a fresh world per scenario):
  --url URL              a mockpanel server started elsewhere ("mockpanel serve"), its shared-port
                         base such as http://127.0.0.1:7777; a fresh world per scenario there too
  --remote               --url is a real panel instead: the panel's own base URL
                         (https://host:2087 for WHM, https://host:2083 for cPanel, https://host:8080 for ISPConfig,
                         https://api.webfaction.com, https://api.gandi.net); needs one --panel
                         and a login; emulator-only scenarios are skipped with their reason
  --admin-token T        the server's --admin-token, when it was started with one

Selection:
  --panel P              webfaction, gandi, ispconfig, whm, cpanel, a comma-separated list, or all (default)
  --read-only            skip every mutating scenario (safe on a production panel)
  --timeout SECONDS      a scenario running longer fails and the run goes on (default 600)
  --concurrency N        on the emulator, scenarios of a panel run N at a time, each in its own
                         world (default 1; a remote panel is always one at a time)

Login (default: the emulator's seeded accounts):
  --user U               username
  --password P           password
  --token T              API token (WHM: "Authorization: whm U:T"; cPanel: "Authorization: cpanel U:T")

Reports:
  --reporter LIST        ${REPORTER_NAMES.join(',')} (default console)
  --out DIR              folder for the json (conformance.json), junit (junit.xml)
                         and html (conformance.html) reports (default reports)`;

/** `mockpanel conform`: runs the scenarios, writes the reports, sets the exit code. */
export async function conform(argv: string[]): Promise<void> {
  const { values } = parse(
    argv,
    {
      panel: { type: 'string' },
      url: { type: 'string' },
      remote: { type: 'boolean' },
      'admin-token': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      token: { type: 'string' },
      'read-only': { type: 'boolean' },
      reporter: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      concurrency: { type: 'string' },
    },
    CONFORM_USAGE,
  );
  const panels = parsePanels(values.panel ?? 'all');
  const target = parseTarget(values.url, values.remote ?? false, values['admin-token']);
  const reporters = createReporters(parseReporterNames(values.reporter ?? 'console'), { out: values.out ?? 'reports' });
  const given = { username: values.user, password: values.password, token: values.token };
  const report = await runConformance({
    target,
    panels,
    readOnly: values['read-only'],
    credentials: Object.values(given).some((v) => v !== undefined) ? given : undefined,
    onEvent: reporters.onEvent,
    concurrency: intFlag(values.concurrency, 'concurrency', 1, 64),
    timeoutMs: values.timeout === undefined ? undefined : intFlag(values.timeout, 'timeout', 1, 86_400)! * 1000,
  });
  for (const file of reporters.files) console.log(`wrote ${file}`);
  process.exitCode = exitCodeFor(report);
}

function parsePanels(value: string): PanelId[] {
  if (value === 'all') return [...PANEL_IDS];
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !isPanelId(n));
  if (unknown.length || !names.length) {
    throw new MockpanelError('bad_arguments', `--panel takes ${PANEL_IDS.join(', ')}, a comma-separated list of them, or all; got "${value}".`);
  }
  return PANEL_IDS.filter((p) => names.includes(p));
}

function parseTarget(url: string | undefined, remote: boolean, adminToken: string | undefined): RunTarget {
  if (url === undefined) {
    if (remote) throw new MockpanelError('bad_arguments', "--remote needs --url, the real panel's base URL.");
    return { kind: 'in-process' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MockpanelError('bad_arguments', `--url must be an http(s) URL such as http://127.0.0.1:7777, got "${url}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new MockpanelError('bad_arguments', `--url must be http or https, got "${url}".`);
  }
  if (remote) return { kind: 'remote', url };
  return adminToken === undefined ? { kind: 'server', url } : { kind: 'server', url, adminToken };
}
