import { defineMethods } from '../../core/define-methods.js';
import { accountObjectCounts } from '../../whm/store/account-usage.js';
import { countDomains } from '../../whm/store/domains.js';
import type { CpanelCall } from '../call.js';
import { ftpAccountsOf } from '../store/ftp.js';

/*
 * The usage reads clients call first, over the account's rows and limits.
 *   UAPI StatsBar::get_stats  https://api.docs.cpanel.net/openapi/cpanel/operation/get_stats
 *     (item shape: seed 004, uapi_cpanel's documented sample, a StatsBar::get_stats answer)
 *   UAPI ResourceUsage::get_usages  https://api.docs.cpanel.net/openapi/cpanel/operation/get_usages
 * Disk and bandwidth are WHM's per-account figures (disk_used, bw_used in MB).
 */

interface Stat {
  id: string;
  item: string;
  module: string;
  role: string;
  count: number;
  max: string;
  units?: string;
}

function stats(call: CpanelCall): Stat[] {
  const a = call.account;
  const counts = accountObjectCounts(call.db, call.user);
  const mb = (v: number) => (v ? String(v) : 'unlimited');
  return [
    { id: 'diskusage', item: 'Disk Usage', module: 'Quota', role: 'FileStorage', count: a.disk_used, max: mb(a.quota), units: 'MB' },
    { id: 'bandwidthusage', item: 'Bandwidth', module: 'Stats', role: 'WebServer', count: a.bw_used, max: mb(a.bwlimit), units: 'MB' },
    { id: 'addondomains', item: 'Addon Domains', module: 'Park', role: 'WebServer', count: countDomains(call.db, call.user, 'addon'), max: a.maxaddon },
    { id: 'subdomains', item: 'Subdomains', module: 'SubDomain', role: 'WebServer', count: countDomains(call.db, call.user, 'sub'), max: a.maxsub },
    { id: 'parkeddomains', item: 'Aliases', module: 'Park', role: 'WebServer', count: countDomains(call.db, call.user, 'parked'), max: a.maxpark },
    { id: 'emailaccounts', item: 'Email Accounts', module: 'Email', role: 'MailReceive', count: counts.emailAccounts, max: a.maxpop },
    { id: 'emailforwarders', item: 'Forwarders', module: 'Email', role: 'MailReceive', count: counts.forwarders, max: 'unlimited' },
    { id: 'sqldatabases', item: 'Databases', module: 'Mysql', role: 'MySQLClient', count: counts.databases, max: a.maxsql },
    { id: 'ftpaccounts', item: 'FTP Accounts', module: 'Ftp', role: 'FTP', count: ftpAccountsOf(call.db, call.user).length, max: a.maxftp },
  ];
}

function percent(count: number, max: string): number {
  return max === 'unlimited' || Number(max) === 0 ? 0 : Math.min(100, Math.round((count / Number(max)) * 100));
}

export const usageMethods = defineMethods<CpanelCall>({
  'StatsBar::get_stats': {
    run: (call) => {
      // [docs] display: the stat ids wanted, separated by |.
      const wanted = (call.str('display') ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
      return stats(call)
        .filter((s) => !wanted.length || wanted.includes(s.id))
        .map((s) => {
          const p = percent(s.count, s.max);
          const maxed = s.max !== 'unlimited' && s.count >= Number(s.max) ? 1 : 0;
          return {
            _count: String(s.count),
            _max: s.max,
            _maxed: maxed,
            count: String(s.count),
            feature: s.id,
            id: s.id,
            is_maxed: maxed,
            item: s.item,
            max: s.max,
            module: s.module,
            name: s.id,
            percent: p,
            percent10: Math.floor(p / 10) * 10,
            percent20: Math.floor(p / 20) * 20,
            percent5: Math.floor(p / 5) * 5,
            phrase: s.item,
            role: s.role,
            ...(s.units ? { units: s.units } : {}),
            zeroisunlimited: s.units ? 1 : 0,
          };
        });
    },
  },
  'ResourceUsage::get_usages': {
    // inferred item shape: {id, description, usage, maximum (null when unlimited), formatter} per the page's field list.
    run: (call) =>
      stats(call).map((s) => ({
        description: s.item,
        formatter: s.units ? 'format_bytes' : null,
        id: s.id,
        maximum: s.max === 'unlimited' ? null : s.units ? Number(s.max) * 1024 * 1024 : Number(s.max),
        usage: s.units ? s.count * 1024 * 1024 : s.count,
      })),
  },
});
