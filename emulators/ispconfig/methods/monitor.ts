import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { intval } from '../engine/php.js';
import { pendingJobCount } from '../store/datalog.js';

// The monitor section of the remote API (remote.d/monitor.inc.php, 3.2.11).

export const monitorMethods = defineMethods<IspCall>({
  /** Datalog entries the servers have not processed yet — as a string, like every counted column. */
  monitor_jobqueue_count: {
    run(call) {
      const serverId = intval(call.param('server_id'));
      return pendingJobCount(call.db, serverId) ?? (serverId === 0 ? null : '0');
    },
  },
});
