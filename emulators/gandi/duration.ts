/**
 * Product durations as the doc writes them: '1m' for a month, '1y' for a
 * year (seed 001, hosting_account_product_add). inferred: any whole number
 * of months or years from 1 to 10 years' worth.
 */
const DURATION = /^([1-9]\d{0,2})([my])$/;

/** Whole months in a duration, or undefined when it is not one. */
export function durationMonths(duration: string): number | undefined {
  const m = DURATION.exec(duration);
  if (!m) return undefined;
  const months = Number(m[1]) * (m[2] === 'y' ? 12 : 1);
  return months <= 120 ? months : undefined;
}

/** `seconds` plus a number of calendar months (UTC), in seconds. */
export function addMonths(seconds: number, months: number): number {
  const d = new Date(seconds * 1000);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // The 31st plus a month lands on the last day of a shorter month, not in the month after.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return Math.floor(d.getTime() / 1000);
}

/**
 * Calendar months (rounded up) from `from` to `to`, both in seconds: the
 * smallest n with addMonths(from, n) ≥ to. Products are bought by calendar
 * month (addMonths), so the months left on one are counted the same way; a
 * fixed 30-day month would charge a 31-day month twice.
 */
export function monthsUntil(from: number, to: number): number {
  if (to <= from) return 0;
  const a = new Date(from * 1000);
  const b = new Date(to * 1000);
  // Start one below the calendar difference; the loop then runs at most twice.
  let n = Math.max(0, (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() - 1);
  while (addMonths(from, n) < to) n++;
  return n;
}
