import { defineMethods } from '../../core/define-methods.js';
import { phpFloat } from '../../protocol/php/value.js';
import type { IspCall } from '../call.js';
import { empty, htmlentities, intval, isNumeric, isPhpArray, looseEquals, str } from '../engine/php.js';
import { activeVhosts, activeWebDomains, databasesByName, mailboxesByAddress } from '../store/quota.js';

// The quota reports: remote.d/sites.inc.php (quota_get_by_user, trafficquota_get_by_user, ftptrafficquota_data,
// databasequota_get_by_user) and remote.d/mail.inc.php (mailquota_get_by_user) call quota_lib.inc.php with
// $readable = false (ISPConfig 3.2.11, AVENTER-UG/ispconfig3@3.2.11). The usage itself is what the servers'
// monitor cron jobs and log parsers record; in mockpanel it is the world setting `ispconfig.usage` (`call.setting('usage')`).

/** `ispconfig.usage`, as a test sets it (README, per-world settings). Unset parts report what a fresh server does. */
export interface IspUsage {
  /** repquota per site system user (`web1`…), in KiB blocks: 100-monitor_hd_quota's harddisk_quota data. */
  disk?: Record<string, { used?: number | string; soft?: number | string; hard?: number | string; files?: number | string }>;
  /** Bytes per mailbox address: 100-monitor_email_quota's email_quota data. */
  mail?: Record<string, number | string>;
  /** Bytes per database name: 100-monitor_database_size's database_size data. */
  databases?: Record<string, number | string>;
  /** web_traffic rows: bytes a vhost served on a day (YYYY-MM-DD). */
  webTraffic?: { hostname: string; date: string; bytes: number | string }[];
  /** ftp_traffic rows: bytes in and out per vhost and day. */
  ftpTraffic?: { hostname: string; date: string; in: number | string; out: number | string }[];
}

/** The setting with every part the shape it is read as: a wrong shape reads as nothing measured, never a crash. */
function usageOf(call: IspCall): IspUsage {
  const usage = call.setting<unknown>('usage');
  if (!isPhpArray(usage)) return {};
  const map = (v: unknown) => (isPhpArray(v) ? v : {});
  const rows = (v: unknown) => (Array.isArray(v) ? v.filter(isPhpArray) : []);
  return {
    disk: Object.fromEntries(Object.entries(map(usage.disk)).filter(([, v]) => isPhpArray(v))) as IspUsage['disk'],
    mail: map(usage.mail) as IspUsage['mail'],
    databases: map(usage.databases) as IspUsage['databases'],
    webTraffic: rows(usage.webTraffic) as IspUsage['webTraffic'],
    ftpTraffic: rows(usage.ftpTraffic) as IspUsage['ftpTraffic'],
  };
}

/** A monitor value as the monitor stored it: repquota columns are strings of digits (preg_split). */
function digits(value: unknown): string | null {
  return value === undefined || value === null ? null : str(value);
}

/** PHP's `a / b / c…`: an int while every step divides exactly, a float from the first step that does not. */
function phpDivide(a: number, ...divisors: number[]): { php: unknown; value: number } {
  let value = a;
  let isInt = Number.isInteger(a);
  for (const d of divisors) {
    value /= d;
    isInt &&= Number.isInteger(value);
  }
  return { php: isInt ? value : phpFloat(value), value };
}

/** PHP's round(): half away from zero, always a float. */
function phpRound(n: number): unknown {
  return phpFloat(Math.sign(n) * Math.round(Math.abs(n)));
}

/** `$x > 0` for a value quota_lib compares (numeric strings as numbers; null as 0). */
function positive(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  return isNumeric(value) ? Number(value) > 0 : false;
}

/** get_quota_data($client_id, false): the client's active vhosts with their repquota figures. */
function quotaGetByUser(call: IspCall): unknown {
  const disk = usageOf(call).disk ?? {};
  const sites = activeVhosts(call.db, call.param('client_id'));
  return sites.map((site) => {
    const data = disk[str(site.system_user)];
    const used = digits(data?.used);
    let soft: unknown = digits(data?.soft);
    let hard: unknown = digits(data?.hard);
    const files = digits(data?.files);
    const row: Record<string, unknown> = { ...site, used, soft, hard, files, used_raw: used, soft_raw: soft, hard_raw: hard, files_raw: files };
    row.used_percentage = positive(soft) && positive(used) ? phpRound((Number(used) * 100) / Number(soft)) : 0;
    // Not readable: an empty or '0' limit reads -1 (unlimited); a fresh server has no monitor data, so every limit is -1.
    if (empty(soft)) soft = -1;
    if (empty(hard)) hard = -1;
    row.soft = soft;
    row.hard = hard;
    return row;
  });
}

/** `date('Y')`, `date('m')` and mktime()'s month and year arithmetic on the world's clock (inferred: the server runs in UTC). */
function calendar(now: number): { thisYear: number; thisMonth: number; lastMonthYear: number; lastMonth: number; lastYear: number } {
  const d = new Date(now * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  // mktime(0, 0, 0, date("m")-1, date("d"), date("Y")) overflows like Date.UTC: on 31 March it is 3 March.
  const prev = new Date(Date.UTC(y, m - 1, d.getUTCDate()));
  return { thisYear: y, thisMonth: m + 1, lastMonthYear: prev.getUTCFullYear(), lastMonth: prev.getUTCMonth() + 1, lastYear: y - 1 };
}

interface TrafficRow {
  hostname: string;
  date: string;
  bytes: number;
}

/**
 * get_trafficquota_data / get_ftptrafficquota_data: per active vhost, alias or sub domain the sums of this month,
 * this year, last month, last year and — when `$lastdays` is an int > 0 — the last days. The FTP variant sums
 * into ftp_in/ftp_out but reads `t`, so its periods are present but null (quota_lib.inc.php, 3.2.11).
 */
function trafficReport(call: IspCall, clientId: unknown, lastdays: unknown, rows: TrafficRow[], ftp: boolean): unknown {
  // remote.d/sites.inc.php: `if ($client_id != null) $client_id = $app->functions->intval($client_id);`
  const client = looseEquals(clientId, null) ? clientId : intval(clientId);
  const sites = activeWebDomains(call.db, client);
  const report = new Map<string, Map<string, unknown>>();
  for (const site of sites) {
    const entry = report.get(str(site.domain)) ?? new Map<string, unknown>();
    entry.set('domain_id', site.domain_id);
    report.set(str(site.domain), entry);
  }
  if (!report.size) return [];
  const cal = calendar(call.now());
  const sum = (label: string, match: (year: number, month: number, dayStart: number) => boolean) => {
    const totals = new Map<string, bigint>();
    for (const row of rows) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(row.date);
      if (!m || !report.has(row.hostname)) continue;
      if (!match(Number(m[1]), Number(m[2]), Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000)) continue;
      totals.set(row.hostname, (totals.get(row.hostname) ?? 0n) + BigInt(Math.trunc(row.bytes)));
    }
    // SUM() of a bigint column is a DECIMAL, which mysqli hands over as a string.
    for (const [host, total] of totals) report.get(host)!.set(label, ftp ? null : total.toString());
  };
  sum('this_month', (y, m) => y === cal.thisYear && m === cal.thisMonth);
  sum('this_year', (y) => y === cal.thisYear);
  sum('last_month', (y, m) => y === cal.lastMonthYear && m === cal.lastMonth);
  sum('last_year', (y) => y === cal.lastYear);
  // is_int(): only a wire int counts (SOAP xsd:int, a JSON number); `traffic_date >= DATE_SUB(NOW(), INTERVAL n DAY)`.
  if (typeof lastdays === 'number' && Number.isInteger(lastdays) && lastdays > 0)
    sum('lastdays', (_y, _m, dayStart) => dayStart >= call.now() - lastdays * 86400);
  return report;
}

function numberOf(value: unknown): number {
  return isNumeric(value) ? Number(value) : 0;
}

const trafficquotaGetByUser = (call: IspCall) =>
  trafficReport(
    call,
    call.param('client_id'),
    call.param('lastdays'),
    (usageOf(call).webTraffic ?? []).map((r) => ({ hostname: str(r.hostname), date: str(r.date), bytes: numberOf(r.bytes) })),
    false,
  );

const ftptrafficquotaData = (call: IspCall) =>
  trafficReport(
    call,
    call.param('client_id'),
    call.param('lastdays'),
    (usageOf(call).ftpTraffic ?? []).map((r) => ({ hostname: str(r.hostname), date: str(r.date), bytes: numberOf(r.in) + numberOf(r.out) })),
    true,
  );

/** get_mailquota_data($client_id, false): the client's mailboxes with the bytes dovecot reports (0 without monitor data). */
function mailquotaGetByUser(call: IspCall): unknown {
  const usage = usageOf(call).mail ?? {};
  const boxes = mailboxesByAddress(call.db, call.param('client_id'));
  return boxes.map((box) => {
    // `doveadm quota get` kB * 1024: an int; none recorded → array(1 => 0) → 0.
    const used = usage[str(box.email)] !== undefined ? Math.trunc(numberOf(usage[str(box.email)])) : 0;
    return {
      ...box,
      name: htmlentities(str(box.name)),
      used,
      quota_raw: box.quota,
      used_raw: used,
      used_percentage: positive(box.quota) && used > 0 ? phpRound((used * 100) / Number(box.quota)) : 0,
    };
  });
}

/** get_databasequota_data($client_id, false): the client's databases with their size (bytes) and used_raw in MB. */
function databasequotaGetByUser(call: IspCall): unknown {
  const sizes = usageOf(call).databases ?? {};
  const databases = databasesByName(call.db, call.param('client_id'));
  return databases.map((db) => {
    // getDatabaseSize() is a SUM() from information_schema: a string; no monitor data → 0.
    const recorded = sizes[str(db.database_name)];
    const used: unknown = recorded !== undefined ? str(Math.trunc(numberOf(recorded))) : 0;
    const usedRaw = phpDivide(numberOf(used), 1024, 1024); // "quota is stored as MB - calculated bytes"
    return {
      ...db,
      used,
      quota_raw: db.database_quota,
      used_raw: usedRaw.php,
      used_percentage: positive(db.database_quota) && positive(used) ? phpRound((usedRaw.value * 100) / Number(db.database_quota)) : 0,
    };
  });
}

export const quotaMethods = defineMethods<IspCall>({
  quota_get_by_user: { run: quotaGetByUser },
  trafficquota_get_by_user: { run: trafficquotaGetByUser },
  ftptrafficquota_data: { run: ftptrafficquotaData },
  mailquota_get_by_user: { run: mailquotaGetByUser },
  databasequota_get_by_user: { run: databasequotaGetByUser },
});
