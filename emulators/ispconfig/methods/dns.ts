import type { MethodContract } from '../../../contracts/contract.js';
import type { CallContext, Handler } from '../../core/panel.js';
import { globalConfig } from '../engine/config.js';
import type { IspCall } from '../engine/context.js';
import { arrayParams, deleteRecord, getRecord, insertRecord, updateRecord } from '../engine/crud.js';
import { idnToAscii, intval, isEmail, isPhpArray, str, type PhpArray } from '../engine/php.js';
import { loadProfile } from '../engine/profile.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { afterWrites, faults, ispFault, phpError } from '../faults.js';
import { SCHEMA, sqlName as t } from '../schema/index.js';
import { ispCall, mayCall } from '../session.js';
import { insertSysRow } from './client.js';

// DNS zones, records and the template wizard (research/ispconfig/core-tables.md §6–8).

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

function requirePermission(ctx: CallContext, name: string): void {
  if (!mayCall(ispCall(ctx).session!, name)) throw faults.permissionDenied();
}

/**
 * remoting_dns::increase_serial: reads the zone through dns_zone_get and saves
 * it whole through dns_zone_update with the caller's client_id — so it needs
 * both permissions, and a client_id > 0 re-owns the zone (core-tables.md §7).
 */
function increaseSerial(ctx: CallContext, clientId: unknown, params: PhpArray): void {
  const call = ispCall(ctx);
  let zone = params.zone;
  if ((zone === undefined || zone === null) && params.dns_rr_id !== undefined) zone = queryOne(call, `SELECT zone FROM ${t('dns_rr')} WHERE id = ?`, str(params.dns_rr_id))?.zone;
  requirePermission(ctx, 'dns_zone_get');
  const soa = getRecord(call, 'dns_soa', zone ?? null);
  const row: PhpArray = soa && !Array.isArray(soa) ? { ...soa } : {};
  row.serial = nextSerial(row.serial, call.now);
  requirePermission(ctx, 'dns_zone_update');
  updateRecord(call, 'dns_soa', clientId, row.id ?? null, row);
}

/** `dns_<type>_add/_update/_delete`: the generic record helpers plus the optional serial bump (before an add, after an update, before a delete — 3.2.11's order). */
function recordHandler(op: 'add' | 'update' | 'delete', form: string): Handler {
  switch (op) {
    case 'add':
      return (ctx) => {
        const [, clientId, params, updateSerial] = ctx.args;
        if (updateSerial) increaseSerial(ctx, clientId, arrayParams(params));
        return insertRecord(ispCall(ctx), form, clientId, params).returned;
      };
    case 'update':
      return (ctx) => {
        const [, clientId, primaryId, params, updateSerial] = ctx.args;
        const affected = updateRecord(ispCall(ctx), form, clientId, primaryId, params);
        // The bump reads the zone from params: an update that does not name it fails here, with the record already saved.
        if (updateSerial) afterWrites(() => increaseSerial(ctx, clientId, arrayParams(params)));
        return affected;
      };
    case 'delete':
      return (ctx) => {
        const [, primaryId, updateSerial] = ctx.args;
        if (updateSerial) increaseSerial(ctx, 0, { dns_rr_id: primaryId });
        return deleteRecord(ispCall(ctx), form, primaryId);
      };
  }
}

/** The record families with a serial flag: every `dns_<type>_*` whose form is a dns_rr form. */
export function dnsRecordHandler(method: MethodContract): Handler | undefined {
  const m = /^(dns_[a-z]+)_(add|update|delete)$/.exec(method.name);
  if (!m || method.table !== 'dns_rr' || SCHEMA.forms[m[1]]?.table !== 'dns_rr') return undefined;
  return recordHandler(m[2] as 'add' | 'update' | 'delete', m[1]);
}

/**
 * dns_zone_get_id: the origin must pass `^[\w.-]{1,64}\.[a-zA-Z0-9-]{2,63}$`
 * (so a trailing dot is refused), then `origin LIKE '<origin>%'` and the
 * first row wins — it finds `example.com.` and `example.com`, and can also
 * hit `example.com.au.` (core-tables.md §6, verified).
 */
const dnsZoneGetId: Handler = (ctx) => {
  const origin = str(ctx.args[1]);
  if (!/^[\w.-]{1,64}\.[a-zA-Z0-9-]{2,63}$/.test(origin)) throw ispFault('no_domain_found', 'Invalid domain name.');
  const like = origin.replace(/[\\%_]/g, (c) => (c === '_' ? '_' : `\\${c}`));
  const row = queryOne(ispCall(ctx), `SELECT id FROM ${t('dns_soa')} WHERE origin LIKE ? ESCAPE '\\' ORDER BY id LIMIT 1`, `${like}%`);
  if (!row) throw ispFault('no_domain_found', 'There is no domain ID with informed domain name.');
  return intval(row.id);
};

const dnsZoneGetByUser: Handler = (ctx) => {
  const [, clientId, serverId] = ctx.args;
  if (!clientId || !serverId || str(clientId) === '0' || str(serverId) === '0') return false;
  return queryAll(
    ispCall(ctx),
    `SELECT d.id, d.origin FROM ${t('dns_soa')} d JOIN ${t('sys_user')} s ON d.sys_groupid = s.default_group WHERE s.client_id = ? AND d.server_id = ? ORDER BY d.id`,
    intval(clientId),
    intval(serverId),
  );
};

const dnsRrGetAllByZone: Handler = (ctx) => queryAll(ispCall(ctx), `SELECT * FROM ${t('dns_rr')} WHERE zone = ? ORDER BY id`, str(ctx.args[1]));

/** A raw `UPDATE … SET active` returning MySQL's changed-rows count (no datalog). */
export function setStatus(call: IspCall, table: string, pk: string, id: unknown, status: unknown, on: string, off: string): number {
  const s = typeof status === 'string' ? status : '';
  if (s !== 'active' && s !== 'inactive') throw faults.statusUndefined();
  const value = s === 'active' ? on : off;
  return exec(call, `UPDATE ${t(table)} SET active = ? WHERE "${pk}" = ? AND active IS NOT ?`, value, str(id), value);
}

const dnsZoneSetStatus: Handler = (ctx) => setStatus(ispCall(ctx), 'dns_soa', 'id', ctx.args[1], ctx.args[2], 'Y', 'N');

const DNSSEC_ALGOS = ['NSEC3RSASHA1', 'ECDSAP256SHA256', 'NSEC3RSASHA1,ECDSAP256SHA256'];

const dnsZoneSetDnssec: Handler = (ctx) => {
  const [, clientId, primaryId, algo, updateSerial] = ctx.args;
  if (!DNSSEC_ALGOS.includes(str(algo))) throw ispFault('permission_denied', 'You are not using a valid algorithm for this function.');
  const affected = updateRecord(ispCall(ctx), 'dns_soa', clientId, primaryId, { dnssec_wanted: 'Y', dnssec_algo: algo });
  if (updateSerial) afterWrites(() => increaseSerial(ctx, clientId, { zone: primaryId }));
  return affected;
};

/** Its permission failure calls a method on an undefined property: a PHP Error, not permission_denied (summary.md finding 10). */
const dnsTemplatezoneGetAll: Handler = (ctx) => {
  if (!mayCall(ispCall(ctx).session!, 'dns_templatezone_add')) throw phpError('Call to a member function fault() on null');
  return queryAll(ispCall(ctx), `SELECT * FROM ${t('dns_template')} ORDER BY template_id`);
};

/**
 * dns_templatezone_add: dns_wizard->create fills a DNS template's
 * `{DOMAIN}`/`{IP}`/`{IPV6}`/`{NS1}`/`{NS2}`/`{EMAIL}` placeholders and
 * writes the zone and its records directly (no form validation); its
 * problems come back as dns_wizard_error. inferred: the wizard's messages are
 * language keys, which the remote API shows untranslated like the validators'.
 */
const dnsTemplatezoneAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, templateId, domainArg, ip, ns1Arg, ns2Arg, emailArg, ipv6] = ctx.args;
  const group = queryOne(call, `SELECT groupid FROM ${t('sys_group')} WHERE client_id = ?`, intval(clientId));
  if (!group) throw ispFault('no_group_found', 'There is no group for this client ID.');
  const profile = loadProfile(call, clientId);
  let error = '';
  let serverId = intval(globalConfig(call).dns?.default_dnsserver);
  if (!serverId) {
    serverId = intval(queryOne(call, `SELECT server_id FROM ${t('server')} WHERE dns_server = 1 ORDER BY server_id LIMIT 1`)?.server_id);
    if (!serverId) error += 'error_no_server_id<br />';
  }
  const norm = (v: unknown) => (str(v) !== '' ? idnToAscii(str(v)).toLowerCase() : str(v));
  const domain = norm(domainArg);
  const ns1 = norm(ns1Arg);
  const ns2 = norm(ns2Arg);
  const email = norm(emailArg);
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
  const template = queryOne(call, `SELECT template FROM ${t('dns_template')} WHERE template_id = ?`, intval(templateId));
  let content = str(template?.template);
  const fill: [string, string][] = [['{DOMAIN}', domain], ['{IP}', str(ip)], ['{IPV6}', str(ipv6)], ['{NS1}', ns1], ['{NS2}', ns2], ['{EMAIL}', email]];
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
  if (error !== '') throw ispFault('dns_wizard_error', error);
  const owner = { sys_userid: String(profile.userid ?? ''), sys_groupid: str(group.groupid), sys_perm_user: 'riud', sys_perm_group: 'riud', sys_perm_other: '' };
  const zoneId = insertSysRow(call, 'dns_soa', 'id', {
    ...owner,
    server_id: String(serverId),
    origin: vars.origin,
    ns: vars.ns,
    mbox: vars.mbox.replace(/@/g, '.'),
    serial: nextSerial(0, call.now),
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
  const stamp = new Date(call.now * 1000).toISOString().slice(0, 19).replace('T', ' ');
  for (const [type, name, data, aux, ttl] of records) {
    insertSysRow(call, 'dns_rr', 'id', {
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
};

export const dnsHandlers: Record<string, Handler> = {
  dns_zone_get_id: dnsZoneGetId,
  dns_zone_get_by_user: dnsZoneGetByUser,
  dns_rr_get_all_by_zone: dnsRrGetAllByZone,
  dns_zone_set_status: dnsZoneSetStatus,
  dns_zone_set_dnssec: dnsZoneSetDnssec,
  dns_templatezone_get_all: dnsTemplatezoneGetAll,
  dns_templatezone_add: dnsTemplatezoneAdd,
};
