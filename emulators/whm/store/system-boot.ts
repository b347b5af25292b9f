import type { DB } from '../../../state/database.js';
import { serverValue, setServerValue } from './server.js';

/*
 * When the server last booted, on the world clock. A world begins with the
 * server up since before it started and with the updates the reference's
 * system_needs_reboot sample lists waiting for a reboot (inferred: the
 * sample is a server that needs one); `reboot` records the time.
 */

/** The last reboot (Unix seconds), or undefined when the server has not rebooted since the world began. */
export function lastBoot(db: DB): number | undefined {
  const v = serverValue(db, 'boot_time');
  return v === undefined ? undefined : Number(v);
}

export function recordBoot(db: DB, now: number): void {
  setServerValue(db, 'boot_time', String(now));
}
