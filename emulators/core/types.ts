import type { PanelId } from '../../kernel/panel-id.js';

/**
 * A wire request reduced to what a panel needs, independent of the transport
 * (node:http, msw, the replayer). `path` is the path the real panel would see
 * (`/`, `/hosting/`, `/remote/index.php`, `/json-api/listaccts`), already
 * stripped of mockpanel's own prefixes.
 */
export interface PanelRequest {
  panel: PanelId;
  world: string;
  httpMethod: string;
  path: string;
  /** Raw query string without the leading `?` ('' when none). */
  query: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  remoteAddress: string;
}

/** What a transport should do besides (or instead of) writing the body. */
export type TransportEffect = { kind: 'reset' } | { kind: 'truncate'; bytes: number };

export interface PanelResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** Milliseconds to wait before answering (injected latency). */
  delayMs?: number;
  transport?: TransportEffect;
}
