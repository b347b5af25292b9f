/** Something the dispatcher noticed about a call, measured against the contract. */
export interface Finding {
  /** Stable kind: unknown-method, argument-count, argument-type, missing-required, value-not-allowed, or a panel footgun id. */
  kind: string;
  message: string;
  /** The closest documented method or signature, for unknown methods and argument mismatches. */
  hint?: string;
  param?: string;
  /** Why it matters to a client author (panel footguns carry their own; the report explains the generic kinds). */
  why?: string;
}

export interface JournalEntry {
  id: number;
  worldTime: string;
  wallTime: string;
  panel: string;
  method: string;
  args: unknown;
  outcome: 'ok' | 'fault';
  result?: unknown;
  fault?: { code: string; string: string };
  durationMs: number;
  injected?: string;
  findings: Finding[];
  remoteAddress?: string;
}
