import { prepare } from '../../../state/database.js';
import { sessionHandlers, str, type WfCall, type WfHandler } from '../call.js';
import { alreadyExists, invalid, notFound } from '../faults.js';
import { domainCovering, hostname, ipv4, ipv6 } from '../validate.js';

const COLUMNS = ['a_ip', 'aaaa_ip', 'cname', 'mx_name', 'mx_priority', 'spf_record', 'srv_record'] as const;
type Column = (typeof COLUMNS)[number];
type Override = Record<Column, string> & { id: number; domain: string };

/**
 * One record per kind. A call may set several kinds at once (seed § DNS:
 * "create DNS records and return a list of the new records"); each becomes
 * its own row, with the other fields empty.
 */
const KINDS: { kind: string; columns: Column[]; check(values: Record<Column, string>): void }[] = [
  { kind: 'A', columns: ['a_ip'], check: (v) => void ipv4('a_ip', v.a_ip) },
  { kind: 'AAAA', columns: ['aaaa_ip'], check: (v) => void ipv6('aaaa_ip', v.aaaa_ip) },
  { kind: 'CNAME', columns: ['cname'], check: (v) => void hostname('cname', v.cname) },
  {
    kind: 'MX',
    columns: ['mx_name', 'mx_priority'],
    check: (v) => {
      hostname('mx_name', v.mx_name);
      // inferred: an MX record needs its priority; the doc gives no default.
      if (!/^\d{1,5}$/.test(v.mx_priority) || Number(v.mx_priority) > 65535) throw invalid('mx_priority', `"${v.mx_priority}" is not a priority 0-65535`);
    },
  },
  { kind: 'TXT', columns: ['spf_record'], check: () => undefined },
  {
    kind: 'SRV',
    columns: ['srv_record'],
    // inferred: the later srv_record's format is undocumented; DNS's "priority weight port target".
    check: (v) => {
      if (!/^\d+ \d+ \d+ \S+$/.test(v.srv_record)) throw invalid('srv_record', `"${v.srv_record}" is not "priority weight port target"`);
    },
  },
];

function givenValues(c: WfCall): Record<Column, string> {
  return Object.fromEntries(COLUMNS.map((k) => [k, str(c.p[k]).trim()])) as Record<Column, string>;
}

function givenKinds(values: Record<Column, string>): typeof KINDS {
  return KINDS.filter((k) => k.columns.some((col) => values[col] !== ''));
}

function overrideDomain(c: WfCall): string {
  const domain = hostname('domain', str(c.p.domain));
  if (!domainCovering(c.db, c.session.accountId, domain)) throw invalid('domain', `"${domain}" is not under one of this account's domains`);
  return domain;
}

function overridesOf(c: WfCall, domain?: string): Override[] {
  return domain === undefined
    ? prepare<[number], Override>(c.db, `SELECT id, domain, ${COLUMNS.join(', ')} FROM wf_dns_override WHERE account_id = ? ORDER BY id`).all(c.session.accountId)
    : prepare<[number, string], Override>(c.db, `SELECT id, domain, ${COLUMNS.join(', ')} FROM wf_dns_override WHERE account_id = ? AND domain = ? ORDER BY id`).all(
        c.session.accountId,
        domain,
      );
}

function kindOf(row: Override): string {
  return KINDS.find((k) => k.columns.some((col) => row[col] !== ''))!.kind;
}

const handlers: Record<string, WfHandler> = {
  create_dns_override(c) {
    const domain = overrideDomain(c);
    const values = givenValues(c);
    if (values.mx_priority && !values.mx_name) throw invalid('mx_priority', 'needs mx_name');
    const kinds = givenKinds(values);
    if (!kinds.length) throw invalid('domain', 'give at least one record: a_ip, cname, mx_name, spf_record (or aaaa_ip, srv_record)');
    for (const k of kinds) k.check(values);

    const existing = overridesOf(c, domain);
    const kindsAfter = new Set([...existing.map(kindOf), ...kinds.map((k) => k.kind)]);
    // inferred: DNS allows no other record beside a CNAME for the same name (RFC 1034 §3.6.2).
    if (kindsAfter.has('CNAME') && kindsAfter.size > 1) throw invalid('cname', `a CNAME cannot sit beside other records for ${domain}`);

    const created: Override[] = [];
    for (const k of kinds) {
      const row = Object.fromEntries(COLUMNS.map((col) => [col, k.columns.includes(col) ? values[col] : ''])) as Record<Column, string>;
      if (existing.some((e) => COLUMNS.every((col) => e[col] === row[col]))) throw alreadyExists('DNS override', `Domain and ${k.columns.join(' and ')}`);
      const id = Number(
        prepare(c.db, `INSERT INTO wf_dns_override (account_id, domain, ${COLUMNS.join(', ')}) VALUES (?, ?, ${COLUMNS.map(() => '?').join(', ')})`).run(
          c.session.accountId,
          domain,
          ...COLUMNS.map((col) => row[col]),
        ).lastInsertRowid,
      );
      created.push({ id, domain, ...row });
    }
    // Seed § create_dns_override: "a list of the new records (as in the form of list_dns_overrides())".
    return created;
  },

  delete_dns_override(c) {
    const domain = hostname('domain', str(c.p.domain));
    const values = givenValues(c);
    const kinds = givenKinds(values);
    // inferred: with no record given, every override of the name goes; otherwise the rows whose given fields match.
    const doomed = overridesOf(c, domain).filter((row) =>
      kinds.length === 0 ? true : kinds.some((k) => k.columns.every((col) => values[col] === '' || values[col] === row[col]) && row[k.columns[0]] !== ''),
    );
    if (!doomed.length) throw notFound('DNS override', 'domain', domain);
    for (const row of doomed) prepare(c.db, 'DELETE FROM wf_dns_override WHERE id = ?').run(row.id);
    // Seed § delete_dns_override: "a list of the deleted records".
    return doomed;
  },

  list_dns_overrides(c) {
    return overridesOf(c);
  },
};

export const dnsHandlers = sessionHandlers(handlers);
