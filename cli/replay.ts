import { MockpanelError } from '../kernel/mockpanel-error.js';
import { readCassette } from '../emulators/replay/cassette.js';
import { startReplayServer } from '../emulators/replay/replayer.js';
import { intFlag, parse } from './args.js';

export const REPLAY_USAGE = `Usage: mockpanel replay FILE... [options]

Serves the answers recorded in cassettes. A request matches on panel, method
and arguments; one that matches nothing gets the panel's own fault naming
the nearest recorded interaction and what differed. With one panel's
cassettes the real paths answer (/, /hosting/, /remote/index.php,
/json-api/...); /<panel>/ prefixes always do.

  --order strict|any     strict: each interaction once, in recorded order; any (default): any order, answers may repeat
  --port N               listen port (default 7777; 0 = any free port)
  --host ADDR            listen address (default 127.0.0.1)`;

/** `mockpanel replay`: resolves once listening; runs until a signal. */
export async function replay(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { order: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } }, REPLAY_USAGE);
  if (positionals.length === 0) throw new MockpanelError('bad_arguments', `Name at least one cassette.\n\n${REPLAY_USAGE}`);
  const order = values.order ?? 'any';
  if (order !== 'strict' && order !== 'any') throw new MockpanelError('bad_arguments', `--order is strict or any, got "${order}".`);
  const cassettes = positionals.map(readCassette);
  const server = await startReplayServer(cassettes, { order, port: intFlag(values.port, 'port') ?? 7777, host: values.host });
  const count = cassettes.reduce((n, c) => n + c.interactions.length, 0);
  console.log(`mockpanel replay: ${count} interactions of ${server.replayer.panels.join(', ')} at ${server.url} (order ${order})`);
  const stop = () => {
    server.close().then(() => {
      const unused = server.replayer.unused();
      if (unused.length) console.log(`mockpanel replay: never asked for: ${unused.join(', ')}`);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
