import { prepare, type DB } from '../../../state/database.js';
import { bumpSerial, getZone } from './zones.js';

/** `name` with the zone's own name `from` at its end replaced by `to` (absolute `www.from.`, bare `from`); anything else unchanged. */
function swapped(name: string, from: string, to: string): string {
  for (const [old, now] of [[`${from}.`, `${to}.`], [from, to]] as const) {
    if (name === old) return now;
    if (name.endsWith(`.${old}`)) return `${name.slice(0, -old.length)}${now}`;
  }
  return name;
}

/**
 * Moves a zone to a new name, as modifyacct does when an account's main
 * domain changes (seed 004, modifyacct `domain`/`DNS`): the zone row, every
 * record, the records' owner names and the targets that named the old
 * domain itself (`www` CNAME, MX), and the "Zone file for" comment follow; the
 * serial is bumped. The new zone row exists before the records move, so
 * the records' foreign key holds at every step. Inferred: cPanel documents
 * the domain change, not what it rewrites inside the zone.
 */
export function renameZone(db: DB, from: string, to: string, nowSeconds: number): void {
  const zone = getZone(db, from);
  if (!zone || getZone(db, to)) return;
  prepare(db, 'INSERT INTO whm_zone (domain, owner, serial, template) VALUES (?, ?, ?, ?)').run(to, zone.owner, zone.serial, zone.template);
  prepare(db, 'UPDATE whm_zone_record SET zone = ? WHERE zone = ?').run(to, from);
  prepare(db, 'DELETE FROM whm_zone WHERE domain = ?').run(from);
  const records = prepare<[string], { id: number; name: string; type: string; data: string }>(db, 'SELECT id, name, type, data FROM whm_zone_record WHERE zone = ?').all(to);
  const update = prepare(db, 'UPDATE whm_zone_record SET name = ?, data = ? WHERE id = ?');
  for (const r of records) {
    const data = JSON.parse(r.data) as string[];
    // Targets change only where they are the domain itself: the server's nameservers and SOA contact stay as they are.
    const moved = r.type === ':RAW' ? data.map((line) => line.replace(`; Zone file for ${from}`, `; Zone file for ${to}`)) : data.map((d) => (d === from || d === `${from}.` ? swapped(d, from, to) : d));
    update.run(swapped(r.name, from, to), JSON.stringify(moved), r.id);
  }
  bumpSerial(db, to, nowSeconds);
}
