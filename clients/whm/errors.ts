/** Stable codes for what went wrong calling WHM. */
export type WhmErrorCode =
  /** WHM answered `metadata.result: 0`: the function refused (the reason says why). */
  | 'api_failure'
  /** cpsrvd refused the credentials (HTTP 401) or the caller's access (HTTP 403). */
  | 'access_denied'
  /** Another HTTP error status. */
  | 'http_error'
  /** The body was not the JSON WHM answers (an HTML error page, a truncated body). */
  | 'bad_response'
  /** The server could not be reached. */
  | 'transport_error';

/** Any failure of a WHM call, with a stable {@link WhmErrorCode}. */
export class WhmError extends Error {
  readonly code: WhmErrorCode;
  /** The WHM function called. */
  readonly fn: string;
  /** HTTP status, when the server answered. */
  readonly status?: number;

  constructor(code: WhmErrorCode, fn: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WhmError';
    this.code = code;
    this.fn = fn;
    this.status = options.status;
  }
}

/** `metadata.result: 0`: the reason, the whole metadata and any `data` WHM sent beside the failure. */
export class WhmApiError extends WhmError {
  readonly reason: string;
  readonly metadata: Record<string, unknown>;
  readonly data: unknown;

  constructor(fn: string, metadata: Record<string, unknown>, data: unknown) {
    const reason = typeof metadata.reason === 'string' ? metadata.reason : 'WHM reported a failure without a reason';
    super('api_failure', fn, `${fn}: ${reason}`, { status: 200 });
    this.name = 'WhmApiError';
    this.reason = reason;
    this.metadata = metadata;
    this.data = data;
  }
}
