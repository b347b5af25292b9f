/** What a WHM method may return besides plain data. */
export interface WhmReplyOptions {
  /** The `data` member; leave undefined for functions that answer with metadata only (suspendacct, killdns…). */
  data?: unknown;
  /** `metadata.reason` on success; WHM's wording varies by function ("Account Creation Ok"). Default 'OK'. */
  reason?: string;
  /** Extra metadata such as `output: {raw}` or `warnings`. `command`, `result` and `version` are always the envelope's. */
  metadata?: Record<string, unknown>;
  /**
   * The whole body whatever the API version, with no envelope: the `cpanel`
   * passthrough answers in the called cPanel API's own format
   * (`{cpanelresult: …}`, UAPI `{result: …}`), which cpanel-rest-api reads
   * even though it sends api.version=1.
   */
  body?: unknown;
  /**
   * Which array inside `data` the api.filter/sort/chunk/columns options
   * apply to (WHM's `payload_name` hint). Without it, a `data` with a single
   * key holding an array is the list, as in WHM.
   */
  listKey?: string;
}

/**
 * A method's answer when plain data is not enough. A method may return
 * plain data (it becomes `data`), undefined (metadata only) or a WhmReply.
 */
export class WhmReply {
  constructor(readonly options: WhmReplyOptions) {}
}

/** Shorthand for `new WhmReply(options)`. */
export function whmReply(options: WhmReplyOptions): WhmReply {
  return new WhmReply(options);
}

/** The reply a method's return value stands for. */
export function replyOf(value: unknown): WhmReplyOptions {
  return value instanceof WhmReply ? value.options : { data: value };
}
