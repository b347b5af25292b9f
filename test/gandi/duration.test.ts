import { describe, expect, it } from 'vitest';
import { addMonths, monthsUntil } from '../../emulators/gandi/duration.js';

const s = (iso: string) => Date.parse(iso) / 1000;

describe('Gandi product months are calendar months', () => {
  it("adds months the way a calendar does, the 31st landing on a shorter month's last day", () => {
    expect(addMonths(s('2027-01-31T23:59:40Z'), 1)).toBe(s('2027-02-28T23:59:40Z'));
    expect(addMonths(s('2028-01-31T12:00:00Z'), 1)).toBe(s('2028-02-29T12:00:00Z'));
    expect(addMonths(s('2027-12-31T23:59:30Z'), 1)).toBe(s('2028-01-31T23:59:30Z'));
    expect(addMonths(s('2028-02-29T12:00:00Z'), 12)).toBe(s('2029-02-28T12:00:00Z'));
  });

  it('counts the months left, rounded up, as the inverse of addMonths', () => {
    for (const from of ['2026-12-06T03:50:00Z', '2027-01-31T23:59:40Z', '2028-02-29T12:00:00Z', '2031-06-30T23:59:50Z']) {
      for (const n of [1, 2, 11, 12, 13, 120]) {
        expect(monthsUntil(s(from), addMonths(s(from), n))).toBe(n);
        // One second past n months is part of month n + 1.
        expect(monthsUntil(s(from), addMonths(s(from), n) + 1)).toBe(n + 1);
      }
    }
    expect(monthsUntil(s('2027-01-01T00:00:00Z'), s('2027-01-01T00:00:00Z'))).toBe(0);
    expect(monthsUntil(s('2027-01-02T00:00:00Z'), s('2027-01-01T00:00:00Z'))).toBe(0);
  });
});
