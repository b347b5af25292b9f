import { MockpanelError } from '../kernel/mockpanel-error.js';
import { isPanelId, PANEL_IDS } from '../kernel/panel-id.js';
import { startRecorder } from '../emulators/replay/recorder.js';
import { intFlag, parse, required } from './args.js';

export const RECORD_USAGE = `Usage: mockpanel record --panel P --target URL --out FILE [options]

Starts a reverse proxy in front of a real panel and writes what passes
through it as a cassette (fixtures/README.md). Point your client at the
proxy's URL instead of the panel's; stop with Ctrl-C. Passwords, tokens,
session ids, cookies and Authorization headers are written as placeholders
(SECRET-<kind>-<n>, the same secret always the same placeholder).

  --panel P              ${PANEL_IDS.join(' | ')}
  --target URL           the panel's base URL, e.g. https://api.webfaction.com, https://panel:8080, https://whm:2087
  --out FILE             the cassette (rewritten after every call)
  --port N               proxy port (default 0: any free port, printed)
  --host ADDR            proxy listen address (default 127.0.0.1)
  --secrets-out FILE     also write the secrets the client sent (placeholder → value), for "verify --secrets"; keep it out of version control
  --panel-version V      the panel's version, written into the provenance
  --insecure             accept the panel's TLS certificate unchecked (self-signed :8080/:2087)`;

/** `mockpanel record`: resolves once the proxy listens; the process then runs until a signal. */
export async function record(argv: string[]): Promise<void> {
  const { values } = parse(
    argv,
    {
      panel: { type: 'string' },
      target: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'secrets-out': { type: 'string' },
      'panel-version': { type: 'string' },
      insecure: { type: 'boolean' },
    },
    RECORD_USAGE,
  );
  required(values.panel, '--panel P', RECORD_USAGE);
  required(values.target, '--target URL (the real panel to record)', RECORD_USAGE);
  required(values.out, '--out FILE', RECORD_USAGE);
  if (!values.panel || !isPanelId(values.panel))
    throw new MockpanelError('bad_arguments', `--panel must be one of ${PANEL_IDS.join(', ')}.\n\n${RECORD_USAGE}`);
  if (!values.target || !/^https?:\/\//.test(values.target))
    throw new MockpanelError('bad_arguments', `--target must be an http(s) URL, got "${values.target}".\n\n${RECORD_USAGE}`);
  if (!values.out) throw new MockpanelError('bad_arguments', `--out FILE is required.\n\n${RECORD_USAGE}`);
  const recorder = await startRecorder({
    panel: values.panel,
    target: values.target,
    out: values.out,
    port: intFlag(values.port, 'port'),
    host: values.host,
    secretsOut: values['secrets-out'],
    panelVersion: values['panel-version'],
    insecure: values.insecure,
  });
  console.log(`mockpanel record: ${recorder.url} → ${new URL(values.target).origin}, writing ${values.out} (Ctrl-C to stop)`);
  const stop = () => {
    recorder.close().then(() => {
      console.log(`mockpanel record: ${recorder.count} interactions in ${values.out}`);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
