import { inRange, isIpv4 } from './ip.js';

/*
 * A small SPF evaluator (RFC 7208 §4–5) for validate_current_spfs: does a
 * domain's record authorise the server's address? DNS answers come from
 * `lookup` (mockpanel resolves only its own zones: a name it has no zone
 * for has no records). Bounded as the RFC bounds it: at most 10
 * mechanisms that query DNS (§4.6.4), so a record never costs more.
 */

export type SpfResult = 'PASS' | 'FAIL' | 'SOFTFAIL' | 'NEUTRAL' | 'PERMERROR' | 'NONE';

/** The records of a type at a name (A/AAAA addresses, MX exchanges, TXT texts). */
export type SpfLookup = (name: string, type: 'A' | 'AAAA' | 'MX' | 'TXT') => string[];

const QUALIFIERS: Record<string, SpfResult> = { '+': 'PASS', '-': 'FAIL', '~': 'SOFTFAIL', '?': 'NEUTRAL' };
const MAX_LOOKUPS = 10;

interface State {
  lookups: number;
}

/** The SPF record among a name's TXT texts, PERMERROR when there are several (RFC 7208 §4.5), undefined when none. */
function spfRecordOf(texts: string[]): string | 'PERMERROR' | undefined {
  const spf = texts.filter((t) => /^v=spf1(\s|$)/i.test(t));
  return spf.length > 1 ? 'PERMERROR' : spf[0];
}

function matchesHosts(ip: string, hosts: string[], cidr: string | undefined, lookup: SpfLookup): boolean {
  const type = isIpv4(ip) ? 'A' : 'AAAA';
  return hosts.some((h) => lookup(h, type).some((addr) => inRange(ip, cidr ? `${addr}/${cidr}` : addr)));
}

function evaluate(record: string, domain: string, ip: string, lookup: SpfLookup, state: State): { result: SpfResult; mechanism?: string } {
  let redirect: string | undefined;
  const dnsTerm = () => ++state.lookups > MAX_LOOKUPS;
  for (const term of record.trim().split(/\s+/).slice(1)) {
    const mod = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
    if (mod) {
      if (mod[1].toLowerCase() === 'redirect') redirect = mod[2];
      continue;
    }
    const m = /^([+\-~?]?)([a-z0-9]+)(?::([^/]*))?(?:\/(\d+))?(?:\/\/(\d+))?$/i.exec(term);
    if (!m) return { result: 'PERMERROR', mechanism: term };
    const qualifier = QUALIFIERS[m[1] || '+'];
    const name = m[2].toLowerCase();
    const target = (m[3] || domain).toLowerCase();
    let hit: boolean;
    switch (name) {
      case 'all':
        hit = true;
        break;
      case 'ip4':
      case 'ip6':
        if (!m[3]) return { result: 'PERMERROR', mechanism: term };
        hit = inRange(ip, m[4] ? `${m[3]}/${m[4]}` : m[3]);
        break;
      case 'a':
        if (dnsTerm()) return { result: 'PERMERROR', mechanism: term };
        hit = matchesHosts(ip, [target], isIpv4(ip) ? m[4] : m[5], lookup);
        break;
      case 'mx':
        if (dnsTerm()) return { result: 'PERMERROR', mechanism: term };
        hit = matchesHosts(ip, lookup(target, 'MX'), isIpv4(ip) ? m[4] : m[5], lookup);
        break;
      case 'include': {
        if (!m[3] || dnsTerm()) return { result: 'PERMERROR', mechanism: term };
        const inner = spfRecordOf(lookup(target, 'TXT'));
        // RFC 7208 §5.2: an included domain without a record is a permanent error.
        if (inner === undefined || inner === 'PERMERROR') return { result: 'PERMERROR', mechanism: term };
        const r = evaluate(inner, target, ip, lookup, state).result;
        if (r === 'PERMERROR') return { result: r, mechanism: term };
        hit = r === 'PASS';
        break;
      }
      case 'exists':
        if (!m[3] || dnsTerm()) return { result: 'PERMERROR', mechanism: term };
        hit = lookup(target, 'A').length > 0;
        break;
      case 'ptr':
        // RFC 7208 §5.5: "SHOULD NOT be used"; mockpanel has no reverse zones, so it never matches.
        if (dnsTerm()) return { result: 'PERMERROR', mechanism: term };
        hit = false;
        break;
      default:
        return { result: 'PERMERROR', mechanism: term };
    }
    if (hit) return { result: qualifier, mechanism: term };
  }
  if (redirect) {
    if (dnsTerm()) return { result: 'PERMERROR', mechanism: `redirect=${redirect}` };
    const next = spfRecordOf(lookup(redirect.toLowerCase(), 'TXT'));
    if (next === undefined || next === 'PERMERROR') return { result: 'PERMERROR', mechanism: `redirect=${redirect}` };
    return evaluate(next, redirect.toLowerCase(), ip, lookup, state);
  }
  // RFC 7208 §4.7: no match and no redirect gives "neutral".
  return { result: 'NEUTRAL' };
}

/** The result of checking `ip` against one SPF record of `domain`, and the mechanism that decided it. */
export function checkSpf(record: string, domain: string, ip: string, lookup: SpfLookup): { result: SpfResult; mechanism?: string } {
  if (record.length > 2048) return { result: 'PERMERROR' };
  return evaluate(record, domain, ip, lookup, { lookups: 0 });
}
