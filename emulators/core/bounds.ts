/**
 * The bounds that keep one call cheap. mockpanel serves every world on one
 * event loop, so no single request may cost more than a few milliseconds:
 * each input that feeds work growing faster than its length (password
 * hashing, regular expressions, edit distance, recursive walks) is bounded
 * here, once, and every panel refuses what is over the bound with its own
 * fault. Where the real panel has a limit of its own, the panel's code uses
 * that one and cites it; these are the generous defaults otherwise.
 */

/**
 * Longest password, in bytes, mockpanel will crypt(). SHA-crypt's cost grows
 * with the square of the password length (the P-sequence hashes the password
 * once per byte); at 512 bytes a crypt costs about what a short one does.
 * 512 is libxcrypt's CRYPT_MAX_PASSPHRASE_SIZE, the system crypt's own cap
 * (PHP's bundled SHA-crypt has none: inferred that no real client sends more).
 */
export const MAX_HASHED_PASSWORD_BYTES = 512;

/** Longest method name the "did you mean" search looks at: the longest documented name is under 64 characters. */
export const MAX_HINTED_NAME_LENGTH = 128;

/** Longest user-supplied regular expression a panel compiles (see linear-regex.ts), in characters. */
export const MAX_PATTERN_LENGTH = 4096;

/**
 * True when `value` holds arrays or objects nested deeper than `limit`
 * levels (the value itself is level 1). Iterative, so a 100,000-deep value
 * costs no stack; decoders call it before anything recursive sees the value.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
