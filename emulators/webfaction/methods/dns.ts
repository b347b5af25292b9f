import { defineMethods } from '../../core/define-methods.js';
import type { WfCall } from '../call.js';
import { faults } from '../faults.js';
import { domainCovering } from '../store/domains.js';
import { deleteOverride, insertOverride, listOverrides, OVERRIDE_FIELDS, type OverrideField, type OverrideRow } from '../store/dns-overrides.js';
import { hostname, ipv4, ipv6 } from '../validate.js';

/**
 * One record per kind. A call may set several kinds at once (seed § DNS:
 * "create DNS records and return a list of the new records"); each becomes
 * its own row, with the other fields empty.
 */
const KINDS: { kind: string; columns: OverrideField[]; check(values: Record<OverrideField, string>): void }[] = [
  { kind: 'A', columns: ['a_ip'], check: (v) => void ipv4('a_ip', v.a_ip) },
  { kind: 'AAAA', columns: ['aaaa_ip'], check: (v) => void ipv6('aaaa_ip', v.aaaa_ip) },
  { kind: 'CNAME', columns: ['cname'], check: (v) => void hostname('cname', v.cname) },
  {
    kind: 'MX',
    columns: ['mx_name', 'mx_priority'],
    check: (v) => {
      hostname('mx_name', v.mx_name);
      // inferred: an MX record needs its priority; the doc gives no default.
      if (!/^\d{1,5}$/.test(v.mx_priority) || Number(v.mx_priority) > 65535)
        throw faults.invalid('mx_priority', `"${v.mx_priority}" is not a priority 0-65535`);
    },
  },
  { kind: 'TXT', columns: ['spf_record'], check: () => undefined },
  {
    kind: 'SRV',
    columns: ['srv_record'],
    // inferred: the later srv_record's format is undocumented; DNS's "priority weight port target".
    check: (v) => {
      if (!/^\d+ \d+ \d+ \S+$/.test(v.srv_record)) throw faults.invalid('srv_record', `"${v.srv_record}" is not "priority weight port target"`);
    },
  },
];

function givenValues(call: WfCall): Record<OverrideField, string> {
  return Object.fromEntries(OVERRIDE_FIELDS.map((k) => [k, call.str(k).trim()])) as Record<OverrideField, string>;
}

function givenKinds(values: Record<OverrideField, string>): typeof KINDS {
  return KINDS.filter((k) => k.columns.some((col) => values[col] !== ''));
}

function overrideDomain(call: WfCall): string {
  const domain = hostname('domain', call.str('domain'));
  if (!domainCovering(call.db, call.session.accountId, domain)) throw faults.invalid('domain', `"${domain}" is not under one of this account's domains`);
  return domain;
}

function kindOf(row: OverrideRow): string {
  return KINDS.find((k) => k.columns.some((col) => row[col] !== ''))!.kind;
}

/** Seed § DNS. */
export const dnsMethods = defineMethods<WfCall>({
  create_dns_override: {
    run(call) {
      const domain = overrideDomain(call);
      const values = givenValues(call);
      if (values.mx_priority && !values.mx_name) throw faults.invalid('mx_priority', 'needs mx_name');
      const kinds = givenKinds(values);
      if (!kinds.length) throw faults.invalid('domain', 'give at least one record: a_ip, cname, mx_name, spf_record (or aaaa_ip, srv_record)');
      for (const k of kinds) k.check(values);

      const existing = listOverrides(call.db, call.session.accountId, domain);
      const kindsAfter = new Set([...existing.map(kindOf), ...kinds.map((k) => k.kind)]);
      // inferred: DNS allows no other record beside a CNAME for the same name (RFC 1034 §3.6.2).
      if (kindsAfter.has('CNAME') && kindsAfter.size > 1) throw faults.invalid('cname', `a CNAME cannot sit beside other records for ${domain}`);

      const created: OverrideRow[] = [];
      for (const k of kinds) {
        const row = Object.fromEntries(OVERRIDE_FIELDS.map((col) => [col, k.columns.includes(col) ? values[col] : ''])) as Record<OverrideField, string>;
        if (existing.some((e) => OVERRIDE_FIELDS.every((col) => e[col] === row[col])))
          throw faults.alreadyExists('DNS override', `Domain and ${k.columns.join(' and ')}`);
        const id = insertOverride(call.db, call.session.accountId, domain, row);
        created.push({ id, domain, ...row });
      }
      // Seed § create_dns_override: "a list of the new records (as in the form of list_dns_overrides())".
      return created;
    },
  },

  delete_dns_override: {
    run(call) {
      const domain = hostname('domain', call.str('domain'));
      const values = givenValues(call);
      const kinds = givenKinds(values);
      // inferred: with no record given, every override of the name goes; otherwise the rows whose given fields match.
      const doomed = listOverrides(call.db, call.session.accountId, domain).filter((row) =>
        kinds.length === 0 ? true : kinds.some((k) => k.columns.every((col) => values[col] === '' || values[col] === row[col]) && row[k.columns[0]] !== ''),
      );
      if (!doomed.length) throw faults.notFound('DNS override', 'domain', domain);
      for (const row of doomed) deleteOverride(call.db, row.id);
      // Seed § delete_dns_override: "a list of the deleted records".
      return doomed;
    },
  },

  list_dns_overrides: {
    run(call) {
      return listOverrides(call.db, call.session.accountId);
    },
  },
});
