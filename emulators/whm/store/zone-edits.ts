import type { PanelFault } from '../../core/panel-fault.js';
import type { DB } from '../../../state/database.js';
import { appendRecords, bumpSerial, deleteRecord, entryAtLine, replaceRecord, zoneEntries, type NewRecord, type ZoneEntry } from './zones.js';

/** One batch of zone changes by 0-based `line_index` (WHM mass_edit_dns_zone, UAPI DNS::mass_edit_zone). */
export interface MassEdit {
  edits: (NewRecord & { line_index?: number })[];
  removes: number[];
  adds: NewRecord[];
}

/** The failures a caller words in its own API. */
export interface MassEditFaults {
  lineIndexInvalid(index: unknown): PanelFault;
  soaManaged(): PanelFault;
}

/**
 * Applies a batch as both WHM's and UAPI's mass edit do: edits and removals
 * name records by the line they start on before the call, additions go at
 * the end; the serial advances once. Returns the new serial.
 */
export function applyMassEdit(db: DB, zone: string, batch: MassEdit, now: number, fail: MassEditFaults): number {
  const entries = zoneEntries(db, zone);
  const at = (index: unknown): ZoneEntry => {
    const n = Number(index);
    const e = Number.isInteger(n) ? entryAtLine(entries, n + 1) : undefined;
    if (!e) throw fail.lineIndexInvalid(index);
    return e;
  };
  for (const edit of batch.edits) {
    const e = at(edit.line_index);
    if (e.type === ':RAW' || e.type === '$TTL') throw fail.lineIndexInvalid(edit.line_index);
    if (e.type === 'SOA') throw fail.soaManaged();
    replaceRecord(db, e.id, edit);
  }
  for (const index of batch.removes) {
    const e = at(index);
    if (e.type === 'SOA') throw fail.soaManaged();
    deleteRecord(db, e.id);
  }
  appendRecords(db, zone, batch.adds);
  return bumpSerial(db, zone, now);
}
