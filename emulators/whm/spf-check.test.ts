import { describe, expect, it } from 'vitest';
import { checkSpf, type SpfLookup } from './spf-check.js';

const zones: Record<string, Partial<Record<'A' | 'AAAA' | 'MX' | 'TXT', string[]>>> = {
  'example.com': { A: ['192.0.2.10'], MX: ['mail.example.com'], TXT: ['v=spf1 a mx -all'] },
  'mail.example.com': { A: ['192.0.2.20'] },
  'spf.example.net': { TXT: ['v=spf1 ip4:198.51.100.0/24 -all'] },
  'loop.example.org': { TXT: ['v=spf1 include:loop.example.org -all'] },
};
const lookup: SpfLookup = (name, type) => zones[name]?.[type] ?? [];

describe('SPF evaluation (RFC 7208)', () => {
  it('matches a, mx, ip4 with a prefix, and include', () => {
    expect(checkSpf('v=spf1 a -all', 'example.com', '192.0.2.10', lookup).result).toBe('PASS');
    expect(checkSpf('v=spf1 mx -all', 'example.com', '192.0.2.20', lookup).result).toBe('PASS');
    expect(checkSpf('v=spf1 ip4:192.0.2.0/28 -all', 'example.com', '192.0.2.15', lookup).result).toBe('PASS');
    expect(checkSpf('v=spf1 include:spf.example.net -all', 'example.com', '198.51.100.7', lookup).result).toBe('PASS');
  });

  it('gives the qualifier of the first matching mechanism, neutral when none matches', () => {
    expect(checkSpf('v=spf1 a ~all', 'example.com', '203.0.113.1', lookup)).toEqual({ result: 'SOFTFAIL', mechanism: '~all' });
    expect(checkSpf('v=spf1 -ip4:192.0.2.10 +all', 'example.com', '192.0.2.10', lookup).result).toBe('FAIL');
    expect(checkSpf('v=spf1 a', 'example.com', '203.0.113.1', lookup).result).toBe('NEUTRAL');
  });

  it('follows redirect=, and stops with permerror at a missing include, a bad term or the 10-lookup limit', () => {
    expect(checkSpf('v=spf1 redirect=spf.example.net', 'example.com', '198.51.100.1', lookup).result).toBe('PASS');
    expect(checkSpf('v=spf1 include:none.example -all', 'example.com', '192.0.2.10', lookup).result).toBe('PERMERROR');
    expect(checkSpf('v=spf1 bogus:x -all', 'example.com', '192.0.2.10', lookup).result).toBe('PERMERROR');
    expect(checkSpf('v=spf1 include:loop.example.org -all', 'loop.example.org', '192.0.2.10', lookup).result).toBe('PERMERROR');
  });
});
