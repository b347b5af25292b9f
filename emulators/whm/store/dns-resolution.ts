import type { DB } from '../../../state/database.js';
import { getZone, zoneEntries } from './zones.js';

/*
 * What a name resolves to on the world's own DNS: the A records of the zone
 * that holds it (the longest zone suffix on this server), following CNAMEs
 * within the world a few steps. A name no zone here holds resolves to
 * nothing: the world is the whole internet as far as AutoSSL can tell.
 */

const MAX_CNAME_STEPS = 5;

/** The IPv4 addresses `name` resolves to, or [] when it does not. */
export function resolveIpv4(db: DB, name: string, steps = 0): string[] {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const zone = labels.slice(i).join('.');
    if (!getZone(db, zone)) continue;
    const fq = `${labels.join('.')}.`;
    const entries = zoneEntries(db, zone).filter((e) => e.name === fq);
    const a = entries.filter((e) => e.type === 'A').map((e) => e.data[0] ?? '');
    if (a.length) return a;
    const cname = entries.find((e) => e.type === 'CNAME')?.data[0];
    return cname && steps < MAX_CNAME_STEPS ? resolveIpv4(db, cname, steps + 1) : [];
  }
  return [];
}
