import { MAX_HINTED_NAME_LENGTH } from './bounds.js';

/** Edit distance, for "did you mean" hints on unknown methods. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The closest of `candidates` to `name`, when it is close enough to be a likely typo or dialect difference. */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  // Edit distance costs length × length: a name no documented method comes near gets no hint, not a long search.
  if (name.length > MAX_HINTED_NAME_LENGTH) return undefined;
  const lower = name.toLowerCase().replace(/[.]/g, '_');
  const allowed = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    // The distance is at least the difference in length.
    if (Math.abs(c.length - lower.length) > allowed) continue;
    const score = distance(lower, c.toLowerCase());
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best !== undefined && bestScore <= allowed ? best : undefined;
}
