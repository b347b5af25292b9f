import { defineMethods } from '../../core/define-methods.js';
import type { CpanelCall } from '../call.js';
import { faults } from '../faults.js';
import { cronLinesOf, deleteCronLine, insertCronLine, type CronRow } from '../store/cron.js';

/*
 * API 2 Cron: add_line, listcron, remove_line
 * (https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-modules-cron/).
 * `line` is the 1-based position in the crontab listcron shows (and
 * `linekey` a stable key); remove_line takes `line` (inferred: cPanel's page names it the line number).
 */

const FIELD = /^[0-9*,/-]{1,64}$/;
const FIELDS = ['minute', 'hour', 'day', 'month', 'weekday'] as const;

function view(row: CronRow, line: number): Record<string, unknown> {
  const { minute, hour, day, month, weekday, command } = row;
  return { command, day, hour, line, linekey: `${row.id}`, minute, month, weekday, count: line };
}

export const cronMethods = defineMethods<CpanelCall>({
  'API2::Cron::add_line': {
    run: (call) => {
      const command = call.required('command');
      if (command.length > 4096 || /[\r\n]/.test(command))
        throw faults.invalidParameter('command', command.slice(0, 40), 'one line of at most 4096 characters');
      const fields = Object.fromEntries(
        FIELDS.map((f) => {
          const v = call.required(f).trim();
          if (!FIELD.test(v)) throw faults.invalidParameter(f, v, 'a cron time field (digits, *, ranges, lists and steps)');
          return [f, v];
        }),
      ) as Record<(typeof FIELDS)[number], string>;
      const id = insertCronLine(call.db, { user: call.user, command, ...fields });
      return [{ linekey: String(id), status: 1, statusmsg: 'crontab installed' }];
    },
  },
  'API2::Cron::listcron': {
    run: (call) => cronLinesOf(call.db, call.user).map((row, i) => view(row, i + 1)),
  },
  'API2::Cron::remove_line': {
    run: (call) => {
      const raw = call.required('line');
      const byLine = /^\d+$/.test(raw) ? cronLinesOf(call.db, call.user)[Number(raw) - 1] : undefined;
      if (!byLine) throw faults.failed(`There is no cron job on line ${raw}.`);
      deleteCronLine(call.db, byLine.id);
      return [{ status: 1, statusmsg: 'crontab installed' }];
    },
  },
});
