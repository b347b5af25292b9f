/**
 * Where and how every reference client connects: the same shape for all four
 * (`{ url, username, password | token, headers, world }`).
 */
export interface ConnectionOptions {
  /** The endpoint the client speaks to (each client's own documentation says which URL). */
  url: string;
  /** Extra HTTP headers. Copied: the client never writes to the object it is given. */
  headers?: Record<string, string>;
  /** A mockpanel world to act in, sent as `X-Mockpanel-World` (instead of a `/_w/<world>/` URL). */
  world?: string;
}

/** The headers a client sends besides its own: a fresh object each time, so the caller's stays untouched. */
export function connectionHeaders(options: Pick<ConnectionOptions, 'headers' | 'world'>): Record<string, string> {
  return { ...options.headers, ...(options.world === undefined ? {} : { 'X-Mockpanel-World': options.world }) };
}
