import { defineMethods } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';
import { deleteCronjob, hasCronjob, insertCronjob } from '../store/cron.js';

const FIELD = /^(\*|[0-9a-z]+(-[0-9a-z]+)?)(\/\d+)?(,(\*|[0-9a-z]+(-[0-9a-z]+)?)(\/\d+)?)*$/i;
const NICKNAME = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)\s+\S/;

/** A crontab line: five time fields and a command, or an @nickname and a command (the seed points to cron's syntax). */
function cronLine(value: string): string {
  const line = value.trim();
  if (line.includes('\n')) throw faults.invalid('line', 'must be a single crontab line');
  if (NICKNAME.test(line)) return line;
  const fields = line.split(/\s+/);
  if (fields.length < 6 || !fields.slice(0, 5).every((f) => FIELD.test(f))) {
    throw faults.invalid('line', `"${value}" is not a crontab line ("minute hour day-of-month month day-of-week command")`);
  }
  return line;
}

/** Seed § Cron. */
export const cronMethods = defineMethods<WfCall>({
  create_cronjob: {
    run(call) {
      const line = cronLine(call.str('line'));
      // inferred: delete_cronjob identifies a job by its exact text, so the same line twice would be ambiguous.
      if (hasCronjob(call.db, call.session.accountId, line)) throw faults.alreadyExists('Cron job', 'Line');
      insertCronjob(call.db, call.session.accountId, line);
      return { line };
    },
  },

  delete_cronjob: {
    run(call) {
      const line = call.str('line').trim();
      // inferred: removing a line that is not there is reported, not ignored.
      if (!deleteCronjob(call.db, call.session.accountId, line)) throw faults.notFound('Cron job', 'line', line);
      return {};
    },
  },
});
