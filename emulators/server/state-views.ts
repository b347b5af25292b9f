import type { DB } from '../../state/database.js';
import type { World } from '../../state/world.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { settleOperations } from '../gandi/operations.js';

/**
 * Read-only views of each panel's state, in the terms that panel's users
 * know (WebFaction websites and apps, Gandi VMs and operations…). Every row
 * carries a journal query that finds the calls that touched it: `text=` for
 * objects known by a name, `member=<param>:<id>` for objects callers name by
 * a numeric id (an exact JSON member, so vm 12 never matches vm 123).
 */
export interface StateView {
  panel: PanelId;
  sections: StateSection[];
}

export interface StateSection {
  title: string;
  columns: string[];
  rows: { cells: Record<string, unknown>; journal?: string }[];
  /** Rows in the table; only the first {@link MAX_ROWS} are listed. */
  total: number;
}

const MAX_ROWS = 500;

interface SectionSpec {
  title: string;
  table: string;
  /** Column expressions (`expr AS name` or a plain column); never a secret. */
  columns: string[];
  order: string;
  /** The journal query of a row, or undefined when nothing names it in a call. */
  journal?: (row: Record<string, unknown>) => string | undefined;
  /** Rewrites a row as users see it (times as ISO). */
  shape?: (row: Record<string, unknown>) => Record<string, unknown>;
}

const text = (column: string) => (row: Record<string, unknown>) => (row[column] ? `text=${encodeURIComponent(String(row[column]))}` : undefined);
const member = (param: string, column: string) => (row: Record<string, unknown>) => `member=${encodeURIComponent(`${param}:${row[column]}`)}`;
const iso = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : seconds);
const ISO_COLUMNS = ['date_created', 'date_updated', 'date_create', 'date_update', 'due', 'create_time', 'expires_at', 'start_time'];
const times = (row: Record<string, unknown>) => {
  const out = { ...row };
  for (const c of ISO_COLUMNS) if (typeof out[c] === 'number' && (out[c] as number) > 0) out[c] = iso(out[c]);
  return out;
};

const SPECS: Record<PanelId, SectionSpec[]> = {
  webfaction: [
    {
      title: 'Websites',
      table: 'wf_website',
      columns: [
        'id',
        'name',
        'ip',
        'https',
        'certificate',
        `(SELECT group_concat(fqdn, ' ') FROM wf_website_subdomain s WHERE s.website_id = wf_website.id) AS subdomains`,
      ],
      order: 'id',
      journal: text('name'),
    },
    { title: 'Apps', table: 'wf_app', columns: ['id', 'name', 'type', 'autostart', 'port', 'extra_info'], order: 'id', journal: text('name') },
    { title: 'Domains', table: 'wf_domain', columns: ['id', 'name', 'subdomains'], order: 'id', journal: text('name') },
    { title: 'Mailboxes', table: 'wf_mailbox', columns: ['id', 'name', 'enable_spam_protection', 'discard_spam'], order: 'id', journal: text('name') },
    { title: 'Databases', table: 'wf_db', columns: ['id', 'name', 'db_type'], order: 'id', journal: text('name') },
    { title: 'Cron jobs', table: 'wf_cronjob', columns: ['id', 'line'], order: 'id', journal: text('line') },
  ],
  gandi: [
    {
      title: 'VMs',
      table: 'gandi_vm',
      columns: ['id', 'hostname', 'state', 'cpu', 'vm_max_memory', 'shares', 'date_created', 'date_updated'],
      order: 'id',
      journal: member('vm_id', 'id'),
      shape: times,
    },
    {
      title: 'Disks',
      table: 'gandi_disk',
      columns: ['id', 'name', 'size', 'fstype', 'state', 'vm_id', 'date_updated'],
      order: 'id',
      journal: member('disk_id', 'id'),
      shape: times,
    },
    {
      title: 'Operations',
      table: 'gandi_operation',
      // due: when a clock-paced operation reaches DONE (null for one paced by polls).
      columns: ['id', 'type', 'state', 'vm_id', 'disk_id', 'date_create', 'date_update', 'done_at AS due', 'comment'],
      order: 'id',
      journal: member('opid', 'id'),
      shape: times,
    },
  ],
  ispconfig: [
    {
      title: 'Clients',
      table: 'ispc_client',
      columns: ['client_id', 'company_name', 'contact_name', 'email', 'username'],
      order: 'client_id',
      journal: member('client_id', 'client_id'),
    },
    {
      title: 'Sites',
      table: 'ispc_web_domain',
      columns: ['domain_id', 'domain', 'type', 'ip_address', 'document_root', 'active'],
      order: 'domain_id',
      journal: text('domain'),
    },
    { title: 'DNS zones', table: 'ispc_dns_soa', columns: ['id', 'origin', 'ns', 'mbox', 'serial', 'active'], order: 'id', journal: text('origin') },
    {
      title: 'DNS records',
      table: 'ispc_dns_rr',
      columns: ['id', `(SELECT origin FROM ispc_dns_soa z WHERE z.id = ispc_dns_rr.zone) AS zone`, 'name', 'type', 'data', 'aux', 'ttl'],
      order: 'zone, id',
      journal: member('primary_id', 'id'),
    },
    { title: 'Mail domains', table: 'ispc_mail_domain', columns: ['domain_id', 'domain', 'active'], order: 'domain_id', journal: text('domain') },
    { title: 'Mailboxes', table: 'ispc_mail_user', columns: ['mailuser_id', 'email', 'login', 'quota'], order: 'mailuser_id', journal: text('email') },
    {
      title: 'Datalog',
      table: 'ispc_sys_datalog',
      columns: ['datalog_id', 'dbtable', 'dbidx', 'action', 'tstamp', 'user', 'status'],
      order: 'datalog_id',
      shape: (row) => ({ ...row, tstamp: iso(Number(row.tstamp)) }),
    },
  ],
  whm: [
    {
      title: 'Accounts',
      table: 'whm_account',
      columns: ['user', 'domain', 'owner', 'plan', 'ip', 'email', 'suspended', 'start_time'],
      order: 'user',
      journal: text('user'),
      shape: times,
    },
    { title: 'Packages', table: 'whm_package', columns: ['name', 'owner'], order: 'name', journal: text('name') },
    {
      title: 'Zones',
      table: 'whm_zone',
      columns: ['domain', 'owner', 'serial', `(SELECT count(*) FROM whm_zone_record r WHERE r.zone = whm_zone.domain) AS records`],
      order: 'domain',
      journal: text('domain'),
    },
    { title: 'Resellers', table: 'whm_reseller', columns: ['user', 'acllist', 'main_ip', 'suspended'], order: 'user', journal: text('user') },
    {
      title: 'API tokens',
      table: 'whm_token',
      columns: ['user', 'name', 'acls', 'create_time', 'expires_at'],
      order: 'user, name',
      journal: text('name'),
      shape: times,
    },
  ],
  // The cPanel door's own rows; its accounts, zones and mail are WHM's sections.
  cpanel: [
    {
      title: 'API tokens',
      table: 'cpanel_token',
      columns: ['user', 'name', 'create_time', 'expires_at'],
      order: 'user, name',
      journal: text('name'),
      shape: times,
    },
    { title: 'FTP accounts', table: 'cpanel_ftp', columns: ['login', 'user', 'homedir', 'quota'], order: 'login', journal: text('login') },
    {
      title: 'Cron jobs',
      table: 'cpanel_cron',
      columns: ['id', 'user', 'minute', 'hour', 'day', 'month', 'weekday', 'command'],
      order: 'id',
      journal: text('command'),
    },
  ],
};

const present = new WeakMap<DB, Map<string, Set<string>>>();

/** The columns a table has in this world's database (a world saved by an older mockpanel may lack newer ones). */
function columnsOf(db: DB, table: string): Set<string> {
  let tables = present.get(db);
  if (!tables) present.set(db, (tables = new Map()));
  let cols = tables.get(table);
  if (!cols) tables.set(table, (cols = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name))));
  return cols;
}

/**
 * What a panel does lazily at the start of its next call (Gandi settles the
 * operations that fell due on the world clock): applied inside a savepoint
 * that is rolled back, so the view shows what the next call would see and
 * writes nothing.
 */
const CATCH_UP: Partial<Record<PanelId, (world: World, db: DB) => void>> = { gandi: settleOperations };

/** The state view of one panel in a world, as of the world clock. */
export function stateView(world: World, panel: PanelId): StateView {
  const db = world.db;
  const catchUp = CATCH_UP[panel];
  if (!catchUp) return { panel, sections: read(db, panel) };
  db.exec('SAVEPOINT mp_state_view');
  try {
    try {
      catchUp(world, db);
    } catch {
      // A misconfigured setting (the panel's next call answers it with its own fault): show the state as stored.
      db.exec('ROLLBACK TO mp_state_view');
    }
    return { panel, sections: read(db, panel) };
  } finally {
    db.exec('ROLLBACK TO mp_state_view; RELEASE mp_state_view');
  }
}

function read(db: DB, panel: PanelId): StateSection[] {
  const sections: StateSection[] = [];
  for (const spec of SPECS[panel]) {
    const cols = columnsOf(db, spec.table);
    if (cols.size === 0) continue;
    const selected = spec.columns.filter((c) => c.includes(' AS ') || cols.has(c));
    const total = (db.prepare(`SELECT count(*) AS n FROM "${spec.table}"`).get() as { n: number }).n;
    const raw = db.prepare(`SELECT ${selected.join(', ')} FROM "${spec.table}" ORDER BY ${spec.order} LIMIT ${MAX_ROWS}`).all() as Record<string, unknown>[];
    const rows = raw.map((r) => ({ cells: spec.shape ? spec.shape(r) : r, journal: spec.journal?.(r) }));
    const columns = rows.length ? Object.keys(rows[0].cells) : selected.map((c) => c.replace(/^.* AS /, ''));
    sections.push({ title: spec.title, columns, rows, total });
  }
  return sections;
}
