/**
 * How long hostile input may take before a test calls it a hang. Tests never
 * assert speed (DESIGN.md: figures live in bench/); this bound only catches
 * work that grows with a hostile input (entity expansion, runaway nesting),
 * and is loose enough that a GC pause on a busy 2-core CI machine never trips
 * it. The goal for an answer is 100 ms.
 */
export const HANG_BOUND_MS = 1000;
