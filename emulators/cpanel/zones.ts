import { getZone, type ZoneRow } from '../whm/store/zones.js';
import type { CpanelCall } from './call.js';
import { faults } from './faults.js';

/** One of the account's own zones (WHM's zone rows, owned by the account user), or the documented refusal. */
export function ownZone(call: CpanelCall, name: string): ZoneRow {
  const domain = name.trim().toLowerCase().replace(/\.$/, '');
  const zone = getZone(call.db, domain);
  if (!zone) throw faults.noSuchZone(domain);
  if (zone.owner !== call.user) throw faults.noAccessToDomain(domain);
  return zone;
}

/** Refuses edits of the account's temporary domain ([docs] mass_edit_zone: temporary domains cannot be edited). */
export function editableZone(call: CpanelCall, name: string): ZoneRow {
  const zone = ownZone(call, name);
  if (zone.domain === call.account.domain && call.account.temporary_domain) throw faults.temporaryDomain(zone.domain);
  return zone;
}
