import { prepare, type DB } from '../../../state/database.js';
import { sessionHandlers, str, type WfHandler } from '../call.js';
import { alreadyExists, invalid, notFound } from '../faults.js';

const FIELD = /^(\*|[0-9a-z]+(-[0-9a-z]+)?)(\/\d+)?(,(\*|[0-9a-z]+(-[0-9a-z]+)?)(\/\d+)?)*$/i;
const NICKNAME = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)\s+\S/;

/** A crontab line: five time fields and a command, or an @nickname and a command (the seed points to cron's syntax). */
function cronLine(value: string): string {
  const line = value.trim();
  if (line.includes('\n')) throw invalid('line', 'must be a single crontab line');
  if (NICKNAME.test(line)) return line;
  const fields = line.split(/\s+/);
  if (fields.length < 6 || !fields.slice(0, 5).every((f) => FIELD.test(f))) {
    throw invalid('line', `"${value}" is not a crontab line ("minute hour day-of-month month day-of-week command")`);
  }
  return line;
}

/** The account's crontab, as `crontab -l` prints it in system(). */
export function crontabOf(db: DB, accountId: number): string[] {
  return prepare<[number], { line: string }>(db, 'SELECT line FROM wf_cronjob WHERE account_id = ? ORDER BY id')
    .all(accountId)
    .map((r) => r.line);
}

const handlers: Record<string, WfHandler> = {
  create_cronjob(c) {
    const line = cronLine(str(c.p.line));
    // inferred: delete_cronjob identifies a job by its exact text, so the same line twice would be ambiguous.
    if (prepare(c.db, 'SELECT 1 FROM wf_cronjob WHERE account_id = ? AND line = ?').get(c.session.accountId, line)) throw alreadyExists('Cron job', 'Line');
    prepare(c.db, 'INSERT INTO wf_cronjob (account_id, line) VALUES (?, ?)').run(c.session.accountId, line);
    return { line };
  },

  delete_cronjob(c) {
    const line = str(c.p.line).trim();
    const done = prepare(c.db, 'DELETE FROM wf_cronjob WHERE account_id = ? AND line = ?').run(c.session.accountId, line);
    // inferred: removing a line that is not there is reported, not ignored.
    if (!done.changes) throw notFound('Cron job', 'line', line);
    return {};
  },
};

export const cronHandlers = sessionHandlers(handlers);
