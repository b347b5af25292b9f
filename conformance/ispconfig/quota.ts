import assert from 'node:assert/strict';
import type { IspconfigClient, IspRecord } from '../../clients/ispconfig/index.js';
import { defineScenario, type Scenario, type ScenarioContext } from '../scenario.js';
import { addClient, clientFor, websiteParams } from './helpers.js';

// The quota reports (remote.d/sites.inc.php, remote.d/mail.inc.php → quota_lib.inc.php with $readable = false,
// ISPConfig 3.2.11): a client's websites, traffic, mailboxes and databases with what the servers measured.

const QUOTA_METHODS = ['quota_get_by_user', 'trafficquota_get_by_user', 'ftptrafficquota_data', 'mailquota_get_by_user', 'databasequota_get_by_user'];

interface Owned {
  client: number;
  site: number;
  domain: string;
  systemUser: string;
  email: string;
  database: string;
  /** The panel's time when the client was created (its created_at), for traffic dates. */
  now: number;
}

/** A client with one website, one mailbox (1 GiB quota) and one database (100 MB quota). */
async function ownEverything(ctx: ScenarioContext, c: IspconfigClient): Promise<Owned> {
  const client = await addClient(ctx, c, 'mpq');
  const domain = `${ctx.unique('mpq')}.test`;
  const site = Number(await c.sitesWebDomainAdd(client, websiteParams(domain)));
  ctx.cleanup(() => c.sitesWebDomainDelete(site));
  const mailDomain = Number(await c.mailDomainAdd(client, { server_id: 1, domain, active: 'y' }));
  ctx.cleanup(() => c.mailDomainDelete(mailDomain));
  const email = `info@${domain}`;
  const mailbox = Number(
    await c.mailUserAdd(client, { server_id: 1, email, login: email, password: 'Sup3r-secret', name: 'Info & Co', quota: 1073741824, postfix: 'y' }),
  );
  ctx.cleanup(() => c.mailUserDelete(mailbox));
  const database = ctx.unique('qdb').replace(/[^a-z0-9]/g, '');
  const db = Number(
    await c.sitesDatabaseAdd(client, {
      server_id: 1,
      type: 'mysql',
      parent_domain_id: site,
      database_name: database,
      database_user_id: 0,
      database_ro_user_id: 0,
      database_quota: 100,
      remote_access: 'n',
      active: 'y',
    }),
  );
  ctx.cleanup(() => c.sitesDatabaseDelete(db));
  const row = (await c.clientGet(client))!;
  return { client, site, domain, systemUser: (await c.sitesWebDomainGet(site))!.system_user!, email, database, now: Number(row.created_at) };
}

/** The day `years`/`months` before the given time (day of month kept: the scenario runs on a 15th). */
function day(epochSeconds: number, shift: { years?: number; months?: number } = {}): string {
  const d = new Date(epochSeconds * 1000);
  return new Date(Date.UTC(d.getUTCFullYear() - (shift.years ?? 0), d.getUTCMonth() - (shift.months ?? 0), d.getUTCDate())).toISOString().slice(0, 10);
}

/** Seconds from `now` to noon UTC on the 15th of the next month: away from month ends, where "last month" is mktime()'s overflow. */
function toNextFifteenth(now: number): number {
  const d = new Date(now * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 15, 12) / 1000 - now;
}

export const quotaScenarios: Scenario[] = [
  defineScenario({
    id: 'ispconfig/quota-reports-fresh',
    panel: 'ispconfig',
    title: 'quota reports before the servers measured anything: limits -1, usage null or 0, traffic only the domain ids',
    access: 'mutating',
    basis: 'documented',
    methods: ['client_add', 'sites_web_domain_add', 'mail_domain_add', 'mail_user_add', 'sites_database_add', ...QUOTA_METHODS],
    skip: { remote: "a real panel's monitor jobs report real usage" },
    async run(ctx) {
      const c = clientFor(ctx);
      const o = await ownEverything(ctx, c);
      const [site] = (await c.quotaGetByUser(o.client)) as IspRecord[];
      assert.equal(site!.domain, o.domain);
      // No harddisk_quota data: used/files null, soft/hard empty → -1 (quota_lib get_quota_data, not readable).
      assert.deepEqual(
        {
          used: site!.used,
          soft: site!.soft,
          hard: site!.hard,
          files: site!.files,
          used_raw: site!.used_raw,
          soft_raw: site!.soft_raw,
          used_percentage: site!.used_percentage,
        },
        { used: null, soft: -1, hard: -1, files: null, used_raw: null, soft_raw: null, used_percentage: 0 },
      );
      assert.deepEqual(await c.trafficquotaGetByUser(o.client), { [o.domain]: { domain_id: String(o.site) } });
      assert.deepEqual(await c.ftptrafficquotaData(o.client), { [o.domain]: { domain_id: String(o.site) } });
      const [box] = (await c.mailquotaGetByUser(o.client)) as IspRecord[];
      assert.deepEqual(
        { email: box!.email, name: box!.name, used: box!.used, quota_raw: box!.quota_raw, used_raw: box!.used_raw, used_percentage: box!.used_percentage },
        {
          email: o.email,
          name: 'Info &amp; Co',
          used: 0,
          quota_raw: '1073741824',
          used_raw: 0,
          used_percentage: 0,
        },
      );
      const [db] = (await c.databasequotaGetByUser(o.client)) as IspRecord[];
      assert.deepEqual(
        { name: db!.database_name, used: db!.used, quota_raw: db!.quota_raw, used_raw: db!.used_raw, used_percentage: db!.used_percentage },
        {
          name: o.database,
          used: 0,
          quota_raw: '100',
          used_raw: 0,
          used_percentage: 0,
        },
      );
      // Another client sees none of it.
      const other = await addClient(ctx, c, 'mpq');
      assert.deepEqual(await c.quotaGetByUser(other), []);
      assert.deepEqual(await c.trafficquotaGetByUser(other), []);
      assert.deepEqual(await c.mailquotaGetByUser(other), []);
    },
  }),
  defineScenario({
    id: 'ispconfig/quota-reports-usage',
    panel: 'ispconfig',
    title: 'quota reports with measured usage (world setting ispconfig.usage): percentages, periods, the FTP report reading a sum it never made',
    access: 'mutating',
    basis: 'emulator',
    methods: ['client_add', 'sites_web_domain_add', 'mail_user_add', 'sites_database_add', ...QUOTA_METHODS],
    skip: { remote: 'sets measured usage through the emulator admin API' },
    async run(ctx) {
      const c = clientFor(ctx);
      const o = await ownEverything(ctx, c);
      const shift = toNextFifteenth(o.now);
      await ctx.emulator.advanceClock(shift);
      o.now += shift;
      await ctx.emulator.setSetting('ispconfig.usage', {
        disk: { [o.systemUser]: { used: 51200, soft: 102400, hard: 112640, files: 12 } },
        mail: { [o.email]: 268435456 },
        databases: { [o.database]: 52428800 },
        webTraffic: [
          { hostname: o.domain, date: day(o.now), bytes: 1000 },
          { hostname: o.domain, date: day(o.now), bytes: 500 },
          { hostname: o.domain, date: day(o.now, { months: 1 }), bytes: 7000 },
          { hostname: o.domain, date: day(o.now, { years: 1 }), bytes: 9000 },
          { hostname: 'elsewhere.test', date: day(o.now), bytes: 1 },
        ],
        ftpTraffic: [{ hostname: o.domain, date: day(o.now), in: 10, out: 20 }],
      });
      const [site] = (await c.quotaGetByUser(o.client)) as IspRecord[];
      assert.deepEqual(
        { used: site!.used, soft: site!.soft, hard: site!.hard, files: site!.files, used_percentage: site!.used_percentage },
        {
          used: '51200',
          soft: '102400',
          hard: '112640',
          files: '12',
          used_percentage: 50,
        },
      );
      const traffic = (await c.trafficquotaGetByUser(o.client, 2)) as Record<string, IspRecord>;
      const sameYear = day(o.now, { months: 1 }).slice(0, 4) === day(o.now).slice(0, 4);
      assert.deepEqual(traffic[o.domain], {
        domain_id: String(o.site),
        this_month: '1500',
        this_year: sameYear ? '8500' : '1500',
        last_month: '7000',
        last_year: sameYear ? '9000' : '16000',
        lastdays: '1500',
      });
      // Sums into ftp_in/ftp_out but reads `t`: every period with traffic is there, and null.
      assert.deepEqual((await c.ftptrafficquotaData(o.client)) as Record<string, IspRecord>, {
        [o.domain]: { domain_id: String(o.site), this_month: null, this_year: null },
      });
      const [box] = (await c.mailquotaGetByUser(o.client)) as IspRecord[];
      assert.deepEqual(
        { used: box!.used, used_raw: box!.used_raw, used_percentage: box!.used_percentage },
        { used: 268435456, used_raw: 268435456, used_percentage: 25 },
      );
      const [db] = (await c.databasequotaGetByUser(o.client)) as IspRecord[];
      assert.deepEqual(
        { used: db!.used, used_raw: db!.used_raw, used_percentage: db!.used_percentage },
        { used: '52428800', used_raw: 50, used_percentage: 50 },
      );
    },
  }),
];
