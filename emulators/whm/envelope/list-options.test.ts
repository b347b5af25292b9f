import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWhmApiArgs } from '../../protocol/whm/api-args.js';
import { applyWhmListOptions, hasWhmListOptions, parseWhmListOptions, type WhmListOptions } from './list-options.js';
import { splitFormPairs } from '../../protocol/whm/request-params.js';

interface Account {
  user: string;
  domain: string;
  plan: string;
  ip: string;
  diskused: string;
  maxpop: string;
  suspended: number;
  unix_startdate: number;
  ipv6: string[];
  owner: { name: string };
}

/** 10,000 listaccts-like rows, deterministic (a 32-bit LCG instead of Math.random). */
function accounts(count = 10_000): Account[] {
  let seed = 20260522;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed >>> 8;
  };
  const plans = ['default', 'gold', 'Silver', 'bronze'];
  return Array.from({ length: count }, (_, i) => {
    const n = next();
    return {
      user: `user${String(i).padStart(5, '0')}`,
      domain: `site${n % 977}.example`,
      plan: plans[n % plans.length],
      ip: `10.${n % 3}.${(n >> 3) % 256}.${(n >> 11) % 256}`,
      diskused: `${n % 5000}M`,
      maxpop: n % 7 === 0 ? 'unlimited' : String(n % 50),
      suspended: n % 10 === 0 ? 1 : 0,
      unix_startdate: 1_600_000_000 + (n % 100_000),
      ipv6: n % 5 === 0 ? [`2001:db8::${i}`] : [],
      owner: { name: n % 2 ? 'root' : 'reseller1' },
    };
  });
}

const rows = accounts();

/** Options from wire pairs, as the codec gets them. */
function opts(query: string): WhmListOptions {
  return parseWhmListOptions(buildWhmApiArgs(splitFormPairs(query)));
}

describe('parseWhmListOptions', () => {
  it('reads enable/verbose as Perl truth, defaults type to contains and unknown sort methods to lexicographic', () => {
    const o = opts(
      'api.filter.enable=1&api.filter.verbose=0&api.filter.a.field=user&api.filter.a.arg0=bob' +
        '&api.sort.enable=false&api.sort.a.field=ip&api.sort.a.method=alphabet&api.sort.a.reverse=1' +
        '&api.chunk.enable=1&api.chunk.size=5x&api.chunk.start=3&api.columns.enable=0&api.columns.a=user&api.columns.b=domain',
    );
    expect(o.filter).toEqual({ enabled: true, verbose: false, filters: [{ id: 'a', field: 'user', type: 'contains', args: ['bob'] }] });
    // "false" is a true string in Perl; WHM only documents 1 and 0.
    expect(o.sort).toEqual({ enabled: true, verbose: false, sorts: [{ id: 'a', field: 'ip', method: 'lexicographic', reverse: true }] });
    expect(o.chunk).toEqual({ enabled: true, verbose: false, size: 5, start: 3, select: undefined });
    expect(o.columns).toEqual({ enabled: false, names: ['user', 'domain'] });
  });

  it('numbers filter args by their digits (arg00 is arg0), drops gaps, and keeps the first of repeated variables', () => {
    const o = opts('api.filter.a.arg02=z&api.filter.a.arg00=x&api.filter.a.field=user&api.filter.a.field=domain&api.filter.a.type=eq');
    expect(o.filter!.filters).toEqual([{ id: 'a', field: 'user', type: 'eq', args: ['x', 'z'] }]);
  });

  it('says when nothing list-related was sent', () => {
    expect(hasWhmListOptions(opts('api.version=1'))).toBe(false);
    expect(hasWhmListOptions(opts('api.chunk.size=1'))).toBe(true);
  });
});

describe('applyWhmListOptions: filter', () => {
  const run = (q: string, list: readonly unknown[] = rows) => applyWhmListOptions(list, opts(`api.filter.enable=1&api.filter.verbose=1&${q}`));

  it('contains and begins ignore case; eq is exact', () => {
    const silver = run('api.filter.a.field=plan&api.filter.a.arg0=silv').records as Account[];
    expect(silver.length).toBeGreaterThan(0);
    expect(silver.every((r) => r.plan === 'Silver')).toBe(true);
    expect((run('api.filter.a.field=plan&api.filter.a.type=begins&api.filter.a.arg0=SIL').records as Account[]).length).toBe(silver.length);
    expect(run('api.filter.a.field=plan&api.filter.a.type=eq&api.filter.a.arg0=silver').records).toHaveLength(0);
    expect(run('api.filter.a.field=plan&api.filter.a.type=eq&api.filter.a.arg0=Silver').records).toHaveLength(silver.length);
  });

  it('ANDs filters a, b, … and reports the count before filtering', () => {
    const r = run('api.filter.a.field=plan&api.filter.a.type=eq&api.filter.a.arg0=gold&api.filter.b.field=suspended&api.filter.b.type===&api.filter.b.arg0=1');
    const expected = rows.filter((a) => a.plan === 'gold' && a.suspended === 1);
    expect(r.records).toEqual(expected);
    expect(r.metadata.filter).toEqual({
      a: { valid: 1, field: 'plan', type: 'eq', arg0: 'gold' },
      b: { valid: 1, field: 'suspended', type: '==', arg0: '1' },
      filtered: rows.length,
    });
  });

  it('lt matches "unlimited" and non-numbers, gt never does; the _handle_unlimited types treat them as infinite', () => {
    const list = [{ v: 'unlimited' }, { v: '0' }, { v: '5' }, { v: '50' }, { v: '14M' }, {}];
    const values = (type: string) =>
      run(`api.filter.a.field=v&api.filter.a.type=${type}&api.filter.a.arg0=10`, list).records.map((r) => (r as { v?: string }).v);
    expect(values('lt')).toEqual(['unlimited', '0', '5', '14M', undefined]);
    expect(values('lt_equal')).toEqual(['unlimited', '0', '5', '14M', undefined]);
    expect(values('gt')).toEqual(['50']);
    expect(values('gt_equal')).toEqual(['50']);
    expect(values('lt_handle_unlimited')).toEqual(['5']);
    expect(values('gt_handle_unlimited')).toEqual(['unlimited', '0', '50', '14M', undefined]);
    // == compares numerically, Perl style: "14M" is 14.
    expect(run('api.filter.a.field=v&api.filter.a.type===&api.filter.a.arg0=14', list).records).toEqual([{ v: '14M' }]);
  });

  it('matches inside arrays, drills into nested fields, and searches every field with *', () => {
    const withV6 = run('api.filter.a.field=ipv6&api.filter.a.arg0=2001:db8::1').records as Account[];
    expect(withV6.length).toBeGreaterThan(0);
    expect(withV6.every((r) => r.ipv6.some((a) => a.includes('2001:db8::1')))).toBe(true);
    expect(run('api.filter.a.field=ipv6.[0]&api.filter.a.type=eq&api.filter.a.arg0=2001:db8::5').records).toEqual(
      rows.filter((r) => r.ipv6[0] === '2001:db8::5'),
    );
    expect(run('api.filter.a.field=owner.name&api.filter.a.type=eq&api.filter.a.arg0=reseller1').records).toEqual(
      rows.filter((r) => r.owner.name === 'reseller1'),
    );
    expect(run('api.filter.a.field=*&api.filter.a.type=eq&api.filter.a.arg0=user00042').records).toEqual([rows[42]]);
  });

  it('ignores a type WHM API 1 does not have (ends is UAPI-only) but reports it as invalid', () => {
    const r = run('api.filter.a.field=user&api.filter.a.type=ends&api.filter.a.arg0=42');
    expect(r.records).toHaveLength(rows.length);
    expect(r.metadata.filter!.a).toEqual({ valid: 0, field: 'user', type: 'ends', arg0: '42' });
  });

  it('drops a filter with an empty term unless it is eq, and matches missing values with eq ""', () => {
    expect(run('api.filter.a.field=user&api.filter.a.arg0=').records).toHaveLength(rows.length);
    expect(run('api.filter.a.field=user&api.filter.a.arg0=').metadata.filter).toEqual({ filtered: rows.length });
    expect(run('api.filter.a.field=missing&api.filter.a.type=eq&api.filter.a.arg0=').records).toHaveLength(rows.length);
  });

  it('does nothing unless api.filter.enable is true, and reflects nothing without verbose', () => {
    expect(applyWhmListOptions(rows, opts('api.filter.a.field=plan&api.filter.a.arg0=gold')).records).toHaveLength(rows.length);
    const quiet = applyWhmListOptions(rows, opts('api.filter.enable=1&api.filter.a.field=plan&api.filter.a.arg0=gold'));
    expect(quiet.records.length).toBeLessThan(rows.length);
    expect(quiet.metadata).toEqual({});
  });
});

describe('applyWhmListOptions: sort', () => {
  const sort = (q: string, list: readonly unknown[] = rows) => applyWhmListOptions(list, opts(`api.sort.enable=1&${q}`));

  it('sorts lexicographically by default and numerically when asked', () => {
    const list = [{ n: '9' }, { n: '10' }, { n: '100' }, { n: '1' }];
    expect(sort('api.sort.a.field=n', list).records).toEqual([{ n: '1' }, { n: '10' }, { n: '100' }, { n: '9' }]);
    expect(sort('api.sort.a.field=n&api.sort.a.method=numeric', list).records).toEqual([{ n: '1' }, { n: '9' }, { n: '10' }, { n: '100' }]);
    expect(sort('api.sort.a.field=n&api.sort.a.method=numeric&api.sort.a.reverse=1', list).records).toEqual([
      { n: '100' },
      { n: '10' },
      { n: '9' },
      { n: '1' },
    ]);
  });

  it('puts 0 last with numeric_zero_as_max and orders IPv4 by octet', () => {
    const quotas = [{ q: 0 }, { q: 5 }, { q: 1 }];
    expect(sort('api.sort.a.field=q&api.sort.a.method=numeric_zero_as_max', quotas).records).toEqual([{ q: 1 }, { q: 5 }, { q: 0 }]);
    const ips = [{ ip: '10.0.0.10' }, { ip: '9.255.0.1' }, { ip: '10.0.0.9' }];
    expect(sort('api.sort.a.field=ip&api.sort.a.method=ipv4', ips).records).toEqual([{ ip: '9.255.0.1' }, { ip: '10.0.0.9' }, { ip: '10.0.0.10' }]);
  });

  it('sorts by a, then b on ties, keeps equal records in order, and reports field as WHM does (1/0)', () => {
    const r = sort('api.sort.verbose=1&api.sort.a.field=plan&api.sort.b.field=unix_startdate&api.sort.b.method=numeric&api.sort.b.reverse=1');
    const got = r.records as Account[];
    const expected = rows
      .map((row, i) => ({ row, i }))
      .sort((x, y) => (x.row.plan < y.row.plan ? -1 : x.row.plan > y.row.plan ? 1 : y.row.unix_startdate - x.row.unix_startdate || x.i - y.i))
      .map((x) => x.row);
    expect(got).toEqual(expected);
    expect(r.metadata.sort).toEqual({
      a: { field: 1, method: 'lexicographic', reverse: 0 },
      b: { field: 1, method: 'numeric', reverse: 1 },
    });
  });

  it('is a stable permutation for any list (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ k: fc.oneof(fc.stringMatching(/^[a-z]{0,5}$/), fc.integer().map(String), fc.constant('unlimited')) }), { maxLength: 60 }),
        (list) => {
          const out = sort('api.sort.a.field=k&api.sort.a.method=numeric', list).records as { k: string }[];
          expect(out).toHaveLength(list.length);
          expect([...out].sort((a, b) => list.indexOf(a) - list.indexOf(b))).toEqual(list);
          for (let i = 1; i < out.length; i++) {
            const a = parseFloat(out[i - 1].k) || 0;
            const b = parseFloat(out[i].k) || 0;
            expect(a).toBeLessThanOrEqual(b);
          }
        },
      ),
    );
  });
});

describe('applyWhmListOptions: chunk', () => {
  const chunk = (q: string, list: readonly unknown[] = rows) => applyWhmListOptions(list, opts(`api.chunk.enable=1&api.chunk.verbose=1&${q}`));

  it('pages from a 1-based start and reflects start, size, records, current and chunks', () => {
    const r = chunk('api.chunk.size=5&api.chunk.start=3');
    expect(r.records).toEqual(rows.slice(2, 7));
    expect(r.metadata.chunk).toEqual({ start: 3, size: 5, records: rows.length, current: 1, chunks: 2000 });
    expect(chunk('api.chunk.size=50&api.chunk.start=101').metadata.chunk).toMatchObject({ current: 3, chunks: 200 });
  });

  it('defaults to 100 records, goes back to the first page past the end, and picks a page with select', () => {
    expect(chunk('').records).toEqual(rows.slice(0, 100));
    expect(chunk('api.chunk.size=0&api.chunk.start=20000').metadata.chunk).toMatchObject({ start: 1, size: 100 });
    expect(chunk('api.chunk.size=10&api.chunk.select=3').records).toEqual(rows.slice(20, 30));
    // start wins over select.
    expect(chunk('api.chunk.size=10&api.chunk.select=3&api.chunk.start=2').records).toEqual(rows.slice(1, 11));
    expect(chunk('api.chunk.size=10', []).records).toEqual([]);
  });

  it('covers the whole list exactly once when walked page by page (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 }), (n, size) => {
        const list = rows.slice(0, n);
        const seen: unknown[] = [];
        for (let start = 1; start <= n; start += size) seen.push(...chunk(`api.chunk.size=${size}&api.chunk.start=${start}`, list).records);
        expect(seen).toEqual(list);
      }),
    );
  });
});

describe('applyWhmListOptions: columns and the order of operations', () => {
  it('keeps only the named columns and names the unknown ones', () => {
    const r = applyWhmListOptions(rows.slice(0, 3), opts('api.columns.enable=1&api.columns.a=user&api.columns.b=domain'));
    expect(r.records).toEqual(rows.slice(0, 3).map(({ user, domain }) => ({ user, domain })));
    expect(r.metadata.columns).toEqual({ invalid_msg: 'None' });
    const bad = applyWhmListOptions(rows.slice(0, 3), opts('api.columns.enable=1&api.columns.a=user&api.columns.b=nope&api.columns.c=nada'));
    expect(bad.metadata.columns).toEqual({ invalid_msg: '“nope” and “nada” are not valid columns.', invalid: ['nope', 'nada'] });
    expect(applyWhmListOptions(rows, opts('api.columns.enable=1&api.columns.a=x')).metadata.columns!.invalid_msg).toBe('“x” is not a valid column.');
  });

  it('runs columns before the filter, so a filter on a dropped column finds nothing', () => {
    const r = applyWhmListOptions(rows, opts('api.columns.enable=1&api.columns.a=user&api.filter.enable=1&api.filter.a.field=plan&api.filter.a.arg0=gold'));
    expect(r.records).toEqual([]);
  });

  it('never changes the list it is given', () => {
    const copy = structuredClone(rows.slice(0, 500));
    const input = rows.slice(0, 500);
    applyWhmListOptions(
      input,
      opts('api.columns.enable=1&api.columns.a=user&api.sort.enable=1&api.sort.a.field=user&api.sort.a.reverse=1&api.chunk.enable=1&api.chunk.size=7'),
    );
    expect(input).toEqual(copy);
  });

  it('filters, sorts and pages 10,000 rows in one call like a plain reference implementation', () => {
    const r = applyWhmListOptions(
      rows,
      opts(
        'api.filter.enable=1&api.filter.verbose=1&api.filter.a.field=plan&api.filter.a.type=eq&api.filter.a.arg0=gold&api.filter.b.field=suspended&api.filter.b.type===&api.filter.b.arg0=0' +
          '&api.sort.enable=1&api.sort.a.field=unix_startdate&api.sort.a.method=numeric&api.sort.a.reverse=1' +
          '&api.chunk.enable=1&api.chunk.verbose=1&api.chunk.size=50&api.chunk.start=101',
      ),
    );
    const matching = rows.filter((a) => a.plan === 'gold' && a.suspended === 0);
    const ordered = matching
      .map((row, i) => ({ row, i }))
      .sort((x, y) => y.row.unix_startdate - x.row.unix_startdate || x.i - y.i)
      .map((x) => x.row);
    expect(r.records).toEqual(ordered.slice(100, 150));
    expect(r.metadata.filter!.filtered).toBe(10_000);
    expect(r.metadata.chunk).toEqual({ start: 101, size: 50, records: matching.length, current: 3, chunks: Math.ceil(matching.length / 50) });
  });
});
