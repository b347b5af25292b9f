import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RecordScope } from '../../emulators/ispconfig/store/scope.js';
import { encodeForm } from '../../emulators/ispconfig/store/records.js';
import { phpRegex } from '../../emulators/ispconfig/engine/validators.js';
import { SCHEMA } from '../../emulators/ispconfig/schema/index.js';
import { openMemory } from '../../state/database.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const coreTables = resolve(repoRoot, '..', 'shared', 'research', 'ispconfig', 'core-tables.md');

describe('ISPConfig schema data (schema/ispconfig-3.2.11.json)', () => {
  it('maps every API form field to a column of its table, but the one 3.2.11 misspells', () => {
    const missing: string[] = [];
    for (const [name, form] of Object.entries(SCHEMA.forms)) {
      const cols = new Set(SCHEMA.tables[form.table].columns.map((c) => c.name));
      for (const field of Object.keys(form.fields)) if (!cols.has(field)) missing.push(`${name}.${field}`);
    }
    // install/sql/ispconfig3.sql creates openvz_vm.`iptabless`; only upgraded installs have `iptables`. The other
    // forms listed are not used by the remote API (DNS wizard helpers).
    expect(missing.filter((m) => !/^dns_(dkim|dmarc|spf)\./.test(m))).toEqual(['openvz_vm.iptables']);
  });

  it('compiles every validator pattern of the forms as a JavaScript RegExp', () => {
    const broken: string[] = [];
    for (const [name, form] of Object.entries(SCHEMA.forms)) {
      for (const [field, f] of Object.entries(form.fields)) {
        for (const v of f.validators ?? []) {
          if (v.type !== 'REGEX') continue;
          try {
            phpRegex(v.regex!);
          } catch {
            broken.push(`${name}.${field}: ${v.regex}`);
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

/** The column tables of core-tables.md: table → column → "API add when omitted" text. */
function readCoreTables(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const section of text.split(/^(?=##)/m)) {
    // `### table`, or a `## N. Title: \`table\`` section whose one table follows directly.
    const heading = section.split('\n', 1)[0];
    const named = /^### (\w+)$/.exec(heading)?.[1] ?? /^## [^`]*`(\w+)`[^`]*$/.exec(heading)?.[1];
    const name = named;
    if (!name) continue;
    const rows = new Map<string, string>();
    for (const line of section.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      // Column rows only: their second cell is a MySQL type (the DNS section has a second, per-type table).
      if (
        cells.length < 7 ||
        !/^(tiny|small|medium|big)?(int|text|blob)|^(varchar|char|enum|set|date|datetime|timestamp|double|float|decimal)\b/i.test(cells[2])
      )
        continue;
      rows.set(cells[1], cells[5]);
    }
    if (rows.size) out.set(name, rows);
  }
  return out;
}

// The form the API writes each documented table with.
const FORM_OF_TABLE: Record<string, string> = {
  client: 'client',
  web_domain: 'web_vhost_domain',
  web_database: 'database',
  web_database_user: 'database_user',
  ftp_user: 'ftp_user',
  shell_user: 'shell_user',
  cron: 'cron',
  dns_soa: 'dns_soa',
  dns_rr: 'dns_a',
  mail_domain: 'mail_domain',
  mail_user: 'mail_user',
  mail_forwarding: 'mail_forward',
  server_ip: 'server_ip',
};

/** What a column note says the API writes for an omitted field, or undefined when it is not a plain form field. */
function documentedOmission(note: string): string | null | undefined {
  if (note === "''") return '';
  if (note === '0') return '0';
  if (note === 'NULL') return null;
  const unchecked = /^'(\w)' \(unchecked value\)$/.exec(note);
  if (unchecked) return unchecked[1];
  return undefined;
}

describe.skipIf(!existsSync(coreTables))('ISPConfig schema against research/ispconfig/core-tables.md (regeneration check)', () => {
  const documented = existsSync(coreTables) ? readCoreTables(readFileSync(coreTables, 'utf8')) : new Map();

  it('has the documented columns of every documented table, in order', () => {
    for (const [table, columns] of documented) {
      const ours = SCHEMA.tables[table].columns.map((c) => c.name).filter((n) => columns.has(n));
      expect(ours, table).toEqual([...columns.keys()].filter((n) => SCHEMA.tables[table].columns.some((c) => c.name === n)));
      expect(
        [...columns.keys()].filter((n) => !SCHEMA.tables[table].columns.some((c) => c.name === n)),
        table,
      ).toEqual([]);
    }
  });

  it('writes omitted fields exactly as the research observed the API write them', () => {
    const call: RecordScope = { db: openMemory(), now: () => 0, strict: false };
    const admin = { clientId: 0, userid: 1, defaultGroup: 1, groups: '1', username: 'admin', typ: 'admin' as const };
    const differences: string[] = [];
    let compared = 0;
    for (const [table, formName] of Object.entries(FORM_OF_TABLE)) {
      const form = SCHEMA.forms[formName];
      // Validators are not under test here; the empty record only shows what the form writes.
      const unvalidated = { ...form, fields: Object.fromEntries(Object.entries(form.fields).map(([k, f]) => [k, { ...f, validators: undefined }])) };
      const { values } = encodeForm(call, unvalidated, {}, 'INSERT', 0, admin);
      const written = new Map(values.map((v) => [v.field, v.value]));
      for (const [column, note] of documented.get(table) ?? []) {
        const expected = documentedOmission(note);
        if (expected === undefined || !written.has(column)) continue;
        compared++;
        if (written.get(column) !== expected)
          differences.push(`${table}.${column}: documented ${JSON.stringify(expected)}, written ${JSON.stringify(written.get(column))}`);
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(250);
  });
});
