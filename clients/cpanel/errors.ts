/** Stable codes for what went wrong calling a cPanel account API. */
export type CpanelErrorCode =
  /** The function answered `status: 0` (UAPI) or `event.result: 0` / `error` (API 2). */
  | 'api_failure'
  /** cpsrvd refused the login (HTTP 401) or the caller's access (HTTP 403). */
  | 'access_denied'
  /** Another HTTP error status. */
  | 'http_error'
  /** The body was not the JSON cPanel answers. */
  | 'bad_response'
  /** The server could not be reached. */
  | 'transport_error';

/** Any failure of a cPanel call, with a stable {@link CpanelErrorCode}. */
export class CpanelError extends Error {
  readonly code: CpanelErrorCode;
  /** `Module::function` called. */
  readonly fn: string;
  readonly status?: number;
  /** UAPI `errors` or the API 2 `error`, when the function refused. */
  readonly errors: string[];
  /** The whole answer body, when it was JSON. */
  readonly body?: unknown;

  constructor(code: CpanelErrorCode, fn: string, message: string, options: { status?: number; errors?: string[]; body?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CpanelError';
    this.code = code;
    this.fn = fn;
    this.status = options.status;
    this.errors = options.errors ?? [];
    this.body = options.body;
  }
}
