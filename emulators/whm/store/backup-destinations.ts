import type { DB } from '../../../state/database.js';
import { readList, writeList } from './stored-settings.js';

/*
 * Additional backup destinations (seed 004, "Backups / Backup Destination"):
 * each kept with the 24-character ID the backup system gives it
 * (Cpanel::Backup::Transport ID_LENGTH, asmrdevelop/cpanel) in one bounded
 * stored list.
 */

/** The destination types the reference lists (backup_destination_add `type`). */
export const DESTINATION_TYPES = ['Custom', 'FTP', 'Local', 'SFTP', 'WebDAV', 'AmazonS3', 'Rsync', 'GoogleDrive', 'S3Compatible', 'Backblaze'] as const;

/** Most destinations a server keeps here (inferred: a bound, so every call's work stays small). */
export const MAX_DESTINATIONS = 100;

export interface Destination {
  id: string;
  name: string;
  type: string;
  disabled: number;
  disable_reason?: string;
  [param: string]: unknown;
}

const LIST = 'backup-destinations';

export function destinations(db: DB): Destination[] {
  return readList<Destination[]>(db, LIST, []);
}

export function getDestination(db: DB, id: string): Destination | undefined {
  return destinations(db).find((d) => d.id === id);
}

export function saveDestinations(db: DB, list: Destination[]): void {
  writeList(db, LIST, list);
}

/** The destinations that receive account backups: enabled and not kept for logs only (seed 004, only_used_for_logs). */
export function uploadDestinations(db: DB): Destination[] {
  return destinations(db).filter((d) => !d.disabled && !Number(d.only_used_for_logs));
}
