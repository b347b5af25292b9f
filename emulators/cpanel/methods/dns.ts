import { defineMethods } from '../../core/define-methods.js';
import { massRecord } from '../../whm/store/zone-records.js';
import { applyMassEdit } from '../../whm/store/zone-edits.js';
import { parsedEntry, zoneEntries } from '../../whm/store/zones.js';
import { CpanelReply } from '../../protocol/cpanel/codec.js';
import type { CpanelCall } from '../call.js';
import { faults } from '../faults.js';
import { editableZone, ownZone } from '../zones.js';

/**
 * UAPI DNS over the same zone rows WHM's dumpzone reads.
 * parse_zone: https://api.docs.cpanel.net/openapi/cpanel/operation/dns-parse_zone
 * mass_edit_zone: https://api.docs.cpanel.net/openapi/cpanel/operation/dns-mass_edit_zone
 */
export const dnsMethods = defineMethods<CpanelCall>({
  'DNS::parse_zone': {
    // [docs] the sample's metadata carries transformed: 1.
    run: (call) => new CpanelReply({ data: zoneEntries(call.db, ownZone(call, call.required('zone')).domain).map(parsedEntry), metadata: { transformed: 1 } }),
  },
  'DNS::mass_edit_zone': {
    run: (call) => {
      const zone = editableZone(call, call.required('zone'));
      const serial = call.required('serial');
      // [docs] serial: if it does not match the zone's current SOA serial, the request fails.
      if (serial.trim() !== String(zone.serial)) throw faults.serialMismatch(serial, zone.serial);
      const edits = call.list('edit').map((json) => massRecord(json, zone.domain, 'edit'));
      const adds = call.list('add').map((json) => massRecord(json, zone.domain, 'add'));
      const removes = call.list('remove').map((r) => {
        if (!/^\s*\d+\s*$/.test(r)) throw faults.invalidParameter('remove', r, 'a line index (a whole number)');
        return Number(r);
      });
      return { new_serial: applyMassEdit(call.db, zone.domain, { edits, removes, adds }, call.now(), faults) };
    },
  },
});
