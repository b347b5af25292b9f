import type { Contract } from '../../../contracts/contract.js';
import { defineMethods, type MethodTable } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { idnToAscii, intval, isEmail, str, type PhpArray } from '../engine/php.js';
import { afterWrites, faults } from '../faults.js';
import { SCHEMA } from '../schema/index.js';
import { mayCall } from '../session.js';
import { globalConfig } from '../store/config.js';
import { datalogInsert } from '../store/datalog.js';
import { dnsTemplate, dnsTemplates, firstZoneStartingWith, recordsOfZone, zoneOfRecord, zonesOfClient } from '../store/dns.js';
import { groupOfClient } from '../store/groups.js';
import { loadProfile } from '../store/profile.js';
import { arrayParams, deleteRecord, getRecord, insertRecord, setActive, updateRecord } from '../store/records.js';
import { firstDnsServer } from '../store/server.js';

// DNS zones, records and the template wizard (remote.d/dns.inc.php, 3.2.11).

/** validate_dns->increase_serial: YYYYMMDDnn, counting up within a day (or a future date), else today + 01. */
export function nextSerial(serial: unknown, now: number): string {
  const s = str(serial);
  let date = intval(s.slice(0, 8));
  let count = intval(s.slice(8, 10));
  const today = Number(new Date(now * 1000).toISOString().slice(0, 10).replace(/-/g, ''));
  if (date >= today) {
    count += 1;
    if (count > 99) {
      date += 1;
      count = 0;
    }
    return `${date}${String(count).padStart(2, '0')}`;
  }
  return `${today}01`;
}

function requirePermission(call: IspCall, name: string): void {
  if (!mayCall(call.user, name)) throw faults.permissionDenied();
}

/**
 * remoting_dns::increase_serial: reads the zone through dns_zone_get and saves
 * it whole through dns_zone_update with the caller's client_id — so it needs
 * both permissions, and a client_id > 0 re-owns the zone (remote.d/dns.inc.php increase_serial).
 */
function increaseSerial(call: IspCall, clientId: unknown, params: PhpArray): void {
  let zone = params.zone;
  if ((zone === undefined || zone === null) && params.dns_rr_id !== undefined) zone = zoneOfRecord(call.db, str(params.dns_rr_id));
  requirePermission(call, 'dns_zone_get');
  const soa = getRecord(call, 'dns_soa', zone ?? null);
  const row: PhpArray = soa && !Array.isArray(soa) ? { ...soa } : {};
  row.serial = nextSerial(row.serial, call.now());
  requirePermission(call, 'dns_zone_update');
  updateRecord(call, 'dns_soa', clientId, row.id ?? null, row);
}

/**
 * `dns_<type>_add/_update/_delete`: the generic record helpers plus the
 * optional serial bump (before an add, after an update, before a delete —
 * 3.2.11's order). Arguments by position, as the generic CRUD methods read them.
 */
function recordRun(op: 'add' | 'update' | 'delete', form: string): (call: IspCall) => unknown {
  switch (op) {
    case 'add':
      return (call) => {
        const [, clientId, params, updateSerial] = call.args;
        if (updateSerial) increaseSerial(call, clientId, arrayParams(params));
        return insertRecord(call, form, clientId, params).returned;
      };
    case 'update':
      return (call) => {
        const [, clientId, primaryId, params, updateSerial] = call.args;
        const affected = updateRecord(call, form, clientId, primaryId, params);
        // The bump reads the zone from params: an update that does not name it fails here, with the record already saved.
        if (updateSerial) afterWrites(() => increaseSerial(call, clientId, arrayParams(params)));
        return affected;
      };
    case 'delete':
      return (call) => {
        const [, primaryId, updateSerial] = call.args;
        if (updateSerial) increaseSerial(call, 0, { dns_rr_id: primaryId });
        return deleteRecord(call, form, primaryId);
      };
  }
}

/** The record families with a serial flag: every `dns_<type>_add/_update/_delete` whose form is a dns_rr form. */
export function dnsRecordMethods(contract: Contract): MethodTable<IspCall> {
  const table: MethodTable<IspCall> = {};
  for (const method of contract.methods) {
    const m = /^(dns_[a-z]+)_(add|update|delete)$/.exec(method.name);
    if (method.tags?.includes('private') || !m || method.table !== 'dns_rr' || SCHEMA.forms[m[1]]?.table !== 'dns_rr') continue;
    table[method.name] = { run: recordRun(m[2] as 'add' | 'update' | 'delete', m[1]) };
  }
  return defineMethods<IspCall>(table);
}

/** The raw write of the active flag (store setActive), MySQL's changed-rows count back; no datalog. */
export function setStatus(call: IspCall, table: string, pk: string, id: unknown, status: unknown, on: string, off: string): number {
  const s = typeof status === 'string' ? status : '';
  if (s !== 'active' && s !== 'inactive') throw faults.statusUndefined();
  return setActive(call.db, table, pk, str(id), s === 'active' ? on : off);
}

const DNSSEC_ALGOS = ['NSEC3RSASHA1', 'ECDSAP256SHA256', 'NSEC3RSASHA1,ECDSAP256SHA256'];

/**
 * dns_templatezone_add: dns_wizard->create fills a DNS template's
 * `{DOMAIN}`/`{IP}`/`{IPV6}`/`{NS1}`/`{NS2}`/`{EMAIL}` placeholders and
 * writes the zone and its records directly (no form validation); its
 * problems come back as dns_wizard_error. inferred: the wizard's messages are
 * language keys, which the remote API shows untranslated like the validators'.
 */
function templatezoneAdd(call: IspCall): true {
  const clientId = call.param('client_id');
  const ip = call.param('ip');
  const ipv6 = call.param('ipv6');
  const group = groupOfClient(call.db, intval(clientId));
  if (!group) throw faults.noGroupFound('There is no group for this client ID.');
  const profile = loadProfile(call, clientId);
  let error = '';
  let serverId = intval(globalConfig(call).dns?.default_dnsserver);
  if (!serverId) {
    serverId = intval(firstDnsServer(call.db)?.server_id);
    if (!serverId) error += 'error_no_server_id<br />';
  }
  const norm = (v: unknown) => (str(v) !== '' ? idnToAscii(str(v)).toLowerCase() : str(v));
  const domain = norm(call.param('domain'));
  const ns1 = norm(call.param('ns1'));
  const ns2 = norm(call.param('ns2'));
  const email = norm(call.param('email'));
  const host = /^[\w.-]{1,64}\.[a-zA-Z0-9]{2,63}$/;
  if (domain === '') error += 'error_domain_empty<br />';
  else if (!/^[\w.-]{1,64}\.[a-zA-Z0-9-]{2,63}$/.test(domain)) error += 'error_domain_regex<br />';
  if (str(ip) === '') error += 'error_ip_empty<br />';
  if (ns1 === '') error += 'error_ns1_empty<br />';
  else if (!host.test(ns1)) error += 'error_ns1_regex<br />';
  if (ns2 === '') error += 'error_ns2_empty<br />';
  else if (!host.test(ns2)) error += 'error_ns2_regex<br />';
  if (email === '') error += 'error_email_empty<br />';
  else if (!isEmail(email)) error += 'error_email_regex<br />';
  const template = dnsTemplate(call.db, intval(call.param('template_id')));
  let content = str(template?.template);
  const fill: [string, string][] = [
    ['{DOMAIN}', domain],
    ['{IP}', str(ip)],
    ['{IPV6}', str(ipv6)],
    ['{NS1}', ns1],
    ['{NS2}', ns2],
    ['{EMAIL}', email],
  ];
  for (const [key, value] of fill) if (value !== '') content = content.split(key).join(value);
  const vars: Record<string, string> = { xfer: '', dnssec_wanted: 'N', dnssec_algo: 'ECDSAP256SHA256' };
  const records: string[][] = [];
  let section = '';
  for (const raw of content.split('\n')) {
    const row = raw.trim();
    if (row.startsWith('[')) section = row === '[ZONE]' ? 'zone' : row === '[DNS_RECORDS]' ? 'records' : section;
    else if (row !== '' && section === 'zone') {
      const [key, val] = row.split('=');
      if (key.trim() !== '') vars[key.trim()] = (val ?? '').trim();
    } else if (row !== '' && section === 'records') records.push(row.split('|'));
  }
  for (const key of ['origin', 'ns', 'mbox', 'refresh', 'retry', 'expire', 'minimum', 'ttl']) if (!vars[key]) error += `error_${key}_empty<br />`;
  if (error !== '') throw faults.dnsWizard(error);
  const owner = {
    sys_userid: String(profile.userid ?? ''),
    sys_groupid: str(group.groupid),
    sys_perm_user: 'riud',
    sys_perm_group: 'riud',
    sys_perm_other: '',
  };
  const zoneId = datalogInsert(call, 'dns_soa', 'id', {
    ...owner,
    server_id: String(serverId),
    origin: vars.origin,
    ns: vars.ns,
    mbox: vars.mbox.replace(/@/g, '.'),
    serial: nextSerial(0, call.now()),
    refresh: vars.refresh,
    retry: vars.retry,
    expire: vars.expire,
    minimum: vars.minimum,
    ttl: vars.ttl,
    active: 'Y',
    xfer: vars.xfer,
    also_notify: vars.also_notify ?? null,
    update_acl: vars.update_acl ?? null,
    dnssec_wanted: vars.dnssec_wanted,
    dnssec_algo: vars.dnssec_algo,
  });
  const stamp = new Date(call.now() * 1000).toISOString().slice(0, 19).replace('T', ' ');
  for (const [type, name, data, aux, ttl] of records) {
    datalogInsert(call, 'dns_rr', 'id', {
      ...owner,
      server_id: String(serverId),
      zone: String(zoneId),
      name: name ?? '',
      type: type ?? '',
      data: data ?? '',
      aux: String(intval(aux)),
      ttl: String(intval(ttl)),
      active: 'Y',
      stamp,
      serial: null,
    });
  }
  return true;
}

export const dnsMethods = defineMethods<IspCall>({
  /**
   * dns_zone_get_id: the origin must pass `^[\w.-]{1,64}\.[a-zA-Z0-9-]{2,63}$`
   * (so a trailing dot is refused), then `origin LIKE '<origin>%'` and the
   * first row wins — it finds `example.com.` and `example.com`, and can also
   * hit `example.com.au.` (remote.d/dns.inc.php; the recorded 3.2.11 run).
   */
  dns_zone_get_id: {
    run(call) {
      const origin = str(call.param('origin'));
      if (!/^[\w.-]{1,64}\.[a-zA-Z0-9-]{2,63}$/.test(origin)) throw faults.noDomainFound('Invalid domain name.');
      const row = firstZoneStartingWith(call.db, origin);
      if (!row) throw faults.noDomainFound('There is no domain ID with informed domain name.');
      return intval(row.id);
    },
  },
  dns_zone_get_by_user: {
    run(call) {
      const clientId = call.param('client_id');
      const serverId = call.param('server_id');
      if (!clientId || !serverId || str(clientId) === '0' || str(serverId) === '0') return false;
      return zonesOfClient(call.db, intval(clientId), intval(serverId));
    },
  },
  dns_rr_get_all_by_zone: { run: (call) => recordsOfZone(call.db, str(call.param('zone_id'))) },
  dns_zone_set_status: { run: (call) => setStatus(call, 'dns_soa', 'id', call.param('primary_id'), call.param('status'), 'Y', 'N') },
  dns_zone_set_dnssec: {
    run(call) {
      const clientId = call.param('client_id');
      const primaryId = call.param('primary_id');
      const algo = call.param('algo');
      if (!DNSSEC_ALGOS.includes(str(algo))) throw faults.invalidDnssecAlgo();
      const affected = updateRecord(call, 'dns_soa', clientId, primaryId, { dnssec_wanted: 'Y', dnssec_algo: algo });
      if (call.param('update_serial')) afterWrites(() => increaseSerial(call, clientId, { zone: primaryId }));
      return affected;
    },
  },
  /** Its permission failure calls a method on an undefined property: a PHP Error, not permission_denied (remote.d/dns.inc.php). */
  dns_templatezone_get_all: {
    run(call) {
      if (!mayCall(call.user, 'dns_templatezone_add')) throw faults.faultOnNull();
      return dnsTemplates(call.db);
    },
  },
  dns_templatezone_add: { run: templatezoneAdd },
});
