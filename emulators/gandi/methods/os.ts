import { defineMethods } from '../../core/define-methods.js';
import type { GandiCall } from '../call.js';
import { osList } from '../store/os.js';

/**
 * Seed 001 § OS methods. inferred members: the successor API's image fields
 * (apache/libcloud 2011 fixture test/compute/fixtures/gandi/image_list_dc0.xml).
 */
export const osMethods = defineMethods<GandiCall>({
  os_list: {
    run: (call) => osList(call.db).map((os) => ({ id: os.id, label: os.label, os_arch: os.os_arch, date_created: new Date(os.date_created * 1000) })),
  },
});
