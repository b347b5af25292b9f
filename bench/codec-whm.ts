/**
 * WHM json-api codec throughput and list-option cost, in one process, no HTTP.
 *
 *   npx vite-node bench/codec-whm.ts [seconds-per-case]
 *
 * Cases: decode + encode of a listaccts call answering 100 accounts (plain,
 * and with api.sort + api.chunk), and api.filter + api.sort + api.chunk over
 * 10,000 rows. Prints ops/s (median of 5 rounds). Account records have the
 * 42 keys of the documented listaccts sample (seed 004, listaccts; contracts/whm.json).
 */
import type { PanelRequest } from '../emulators/core/types.js';
import { buildWhmApiArgs } from '../emulators/protocol/whm/api-args.js';
import { createWhmJsonCodec } from '../emulators/protocol/whm/json-codec.js';
import { replyBody, withListOptions } from '../emulators/whm/envelope/body.js';
import { applyWhmListOptions, parseWhmListOptions } from '../emulators/whm/envelope/list-options.js';
import { splitFormPairs } from '../emulators/protocol/whm/request-params.js';

const secondsPerCase = Number(process.argv[2] ?? 1);
const codec = createWhmJsonCodec();

function account(i: number) {
  return {
    backup: 0,
    child_nodes: [],
    disklimit: i % 3 ? 'unlimited' : '5000M',
    diskused: `${(i * 37) % 4000}M`,
    domain: `site${i}.example.com`,
    email: `owner${i}@example.com`,
    has_backup: i % 2,
    inodeslimit: 'unlimited',
    inodesused: (i * 131) % 90_000,
    ip: `192.0.2.${i % 250}`,
    ipv6: [],
    is_locked: 0,
    is_temporary_domain: 0,
    legacy_backup: 0,
    mailbox_format: 'mdbox',
    max_defer_fail_percentage: 'unlimited',
    max_email_per_hour: 'unlimited',
    max_emailacct_quota: 'unlimited',
    maxaddons: 'unlimited',
    maxftp: 'unlimited',
    maxlst: 'unlimited',
    maxparked: 'unlimited',
    maxpop: i % 4 ? 'unlimited' : String(i % 100),
    maxsql: 'unlimited',
    maxsub: 'unlimited',
    min_defer_fail_to_trigger_protection: 'unlimited',
    outgoing_mail_hold: 0,
    outgoing_mail_suspended: 0,
    owner: i % 5 ? 'root' : 'reseller1',
    partition: 'home',
    plan: ['default', 'gold', 'silver', 'bronze'][i % 4],
    shell: '/bin/bash',
    startdate: '24 Jan 31 10:00',
    suspended: i % 10 === 0 ? 1 : 0,
    suspendreason: 'not suspended',
    suspendtime: null,
    temporary: 0,
    theme: 'jupiter',
    uid: 1000 + i,
    unix_startdate: 1_700_000_000 + ((i * 7919) % 3_000_000),
    user: `user${String(i).padStart(5, '0')}`,
  };
}

const hundred = Array.from({ length: 100 }, (_, i) => account(i));
const tenThousand = Array.from({ length: 10_000 }, (_, i) => account(i));

const request = (query: string): PanelRequest => ({
  panel: 'whm',
  world: 'default',
  httpMethod: 'GET',
  path: '/json-api/listaccts',
  query,
  headers: { authorization: 'whm root:U7ZQ2K9X4M1B8C3D6E5F0G7H2J9K4L1M', 'user-agent': 'bench' },
  body: Buffer.alloc(0),
  remoteAddress: '127.0.0.1',
});
const plain = request('api.version=1&searchtype=user&search=');
const paged = request(
  'api.version=1&api.sort.enable=1&api.sort.a.field=unix_startdate&api.sort.a.method=numeric&api.chunk.enable=1&api.chunk.verbose=1&api.chunk.size=20&api.chunk.start=21',
);
const heavy = parseWhmListOptions(
  buildWhmApiArgs(
    splitFormPairs(
      'api.filter.enable=1&api.filter.verbose=1&api.filter.a.field=plan&api.filter.a.type=eq&api.filter.a.arg0=gold&api.filter.b.field=maxpop&api.filter.b.type=gt_handle_unlimited&api.filter.b.arg0=10' +
        '&api.sort.enable=1&api.sort.a.field=unix_startdate&api.sort.a.method=numeric&api.sort.a.reverse=1&api.sort.b.field=user' +
        '&api.chunk.enable=1&api.chunk.verbose=1&api.chunk.size=100&api.chunk.start=201',
    ),
  ),
);

function decodeEncode(req: PanelRequest, data: unknown): number {
  const decoded = codec.decode(req);
  if (decoded.kind !== 'call') throw new Error('unexpected');
  // The panel's envelope (list options, API 1 body) then the codec's JSON, as the WHM panel answers.
  const body = replyBody(withListOptions(data, decoded.call.wire), decoded.call.wire);
  return String(codec.encodeResult(body, decoded.call, req).body).length;
}

function measure(name: string, op: () => unknown, warmup = 200): number {
  for (let i = 0; i < warmup; i++) op(); // warm-up for the JIT
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    let ops = 0;
    const started = performance.now();
    const until = started + (secondsPerCase * 1000) / 5;
    while (performance.now() < until) {
      op();
      ops += 1;
    }
    rounds.push(ops / ((performance.now() - started) / 1000));
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[2]!;
  const per = 1e3 / median;
  console.log(
    `${name.padEnd(58)} ${Math.round(median).toLocaleString('en-US').padStart(9)} ops/s  (${per < 1 ? `${(per * 1000).toFixed(1)} µs` : `${per.toFixed(2)} ms`}/op)`,
  );
  return median;
}

console.log(`node ${process.version}, ${secondsPerCase}s per case; listaccts answer: ${decodeEncode(plain, { acct: hundred }).toLocaleString('en-US')} bytes`);
measure('decode + encode listaccts, 100 accounts', () => decodeEncode(plain, { acct: hundred }));
measure('decode + encode listaccts, 100 accounts, sort + chunk 20', () => decodeEncode(paged, { acct: hundred }));
const kept = applyWhmListOptions(tenThousand, heavy);
console.log(`10,000 rows -> ${kept.metadata.chunk?.records} after filter, page of ${kept.records.length}`);
measure('list options on 10,000 rows: 2 filters + 2 sorts + chunk', () => applyWhmListOptions(tenThousand, heavy), 5);
