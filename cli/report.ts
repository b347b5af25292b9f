import { writeFileSync } from 'node:fs';
import { MockpanelError } from '../kernel/mockpanel-error.js';
import { REPORT_FORMATS } from '../emulators/core/client-report-formats.js';
import { parse } from './args.js';

export const REPORT_USAGE = `Usage: mockpanel report --world W [--format md|json|html|junit] [--url URL] [--token T] [--out FILE]

Reports what a client did in a world of a running mockpanel: which documented methods it called and
how often, every contract finding (unknown methods, wrong arguments, the panels' known footguns) with
the calls that triggered it and why it matters, and the share of each contract the client exercised.

  --world W        the world the client used (default: default)
  --format F       md (default), json, html or junit (JUnit XML: a failing test case per finding kind)
  --url URL        the mockpanel server (default http://127.0.0.1:7777)
  --token T        its --admin-token, if it has one
  --out FILE       write the report to FILE instead of standard output`;

/** `mockpanel report`: reads `/_admin/worlds/:id/report` from a running server. */
export async function report(argv: string[]): Promise<void> {
  const { values } = parse(
    argv,
    { world: { type: 'string' }, format: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, out: { type: 'string' } },
    REPORT_USAGE,
  );
  const format = values.format ?? 'md';
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new MockpanelError('bad_arguments', `--format is ${REPORT_FORMATS.join(', ')}, got "${format}".`);
  const base = (values.url ?? 'http://127.0.0.1:7777').replace(/\/+$/, '');
  const world = values.world ?? 'default';
  let res: Response;
  try {
    res = await fetch(`${base}/_admin/worlds/${encodeURIComponent(world)}/report?format=${format}`, {
      headers: values.token ? { authorization: `Bearer ${values.token}` } : {},
    });
  } catch (error) {
    throw new MockpanelError(
      'server_unreachable',
      `No mockpanel answers at ${base} (${(error as Error).message}); start one with "mockpanel serve" or pass --url.`,
    );
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message;
    } catch {
      // not JSON: show as is
    }
    throw new MockpanelError('report_failed', `The server refused the report (${res.status}): ${message}`);
  }
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}
