import type { CallContext } from '../core/panel.js';
import type { Finding } from '../../kernel/journal-entry.js';

const DNS_RECORD_ADD = /^dns_(?!zone_|templatezone_)[a-z]+_add$/;
const hasKey = (v: unknown, key: string) => typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, key);

/**
 * The ISPConfig footguns a call walks into, for the client report. The
 * emulator still answers as the real server does; these only say why the
 * answer may surprise the caller (seed 002 lists them as lessons a real SDK
 * had to learn; each was checked against ISPConfig 3.2.11's source and the recorded 3.2.11 run).
 */
export function inspectIspconfig(ctx: CallContext): Finding[] {
  const name = ctx.method.name;
  const p = ctx.params;
  const out: Finding[] = [];
  if (name === 'client_update' && !hasKey(p.params, 'password')) {
    out.push({
      kind: 'ispconfig.client-update-without-password',
      param: 'params.password',
      message: 'client_update without "password" in params',
      why: 'ISPConfig hashes whatever is in the password field; without one it hashes the stored hash, and the client can no longer log in. Send password: "" to keep the password.',
    });
  }
  if ((DNS_RECORD_ADD.test(name) || name === 'mail_forward_add' || name === 'mail_alias_add') && !hasKey(p.params, 'type')) {
    out.push({
      kind: 'ispconfig.add-without-type',
      param: 'params.type',
      message: `${name} without "type" in params`,
      why: 'The remote API does not fill the record type from the method name: the row is stored with type "" (or refused with database_error on MySQL strict mode) and the record never reaches the zone or mail server.',
    });
  }
  if (name === 'dns_zone_get_id' && typeof p.origin === 'string' && p.origin.endsWith('.')) {
    out.push({
      kind: 'ispconfig.zone-origin-trailing-dot',
      param: 'origin',
      message: `dns_zone_get_id("${p.origin}") with a trailing dot`,
      why: 'dns_zone_get_id strips nothing and matches the stored origin by prefix, so a trailing dot answers no_domain_found. Send the origin without the dot.',
    });
  }
  if (name.endsWith('_update') && typeof p.client_id === 'number' && p.client_id !== 0 && hasKey(p, 'primary_id')) {
    out.push({
      kind: 'ispconfig.update-reowns-record',
      param: 'client_id',
      message: `${name} with client_id ${p.client_id}`,
      why: "A non-zero client_id on an update moves the record to that client's group (sys_groupid), which changes who may see and edit it. Pass 0 to keep the current owner.",
    });
  }
  return out;
}
