/** Why a call failed, grouped the way callers act on it. */
export type IspconfigErrorKind = 'auth' | 'permission' | 'not_found' | 'fault' | 'transport';

/**
 * A failed ISPConfig call. `code` is the ISPConfig faultcode (`login_failed`,
 * `no_domain_found`, `data_processing_error`, `SOAP-ENV:Server`…) — over the
 * JSON API, which drops faultcodes, the code the fault string identifies, or
 * `remote_fault` — and `faultString` the server's text.
 */
export class IspconfigError extends Error {
  readonly kind: IspconfigErrorKind = 'fault';

  constructor(
    readonly code: string,
    readonly faultString: string,
    readonly method: string,
  ) {
    super(`${method}: ${code}: ${faultString}`);
    this.name = 'IspconfigError';
  }
}

/** The login was refused, or the session is missing, expired, from another IP or locked out. */
export class AuthError extends IspconfigError {
  override readonly kind = 'auth';
  override name = 'AuthError';
}

/** The remote user lacks the function (permission) the method checks. */
export class PermissionError extends IspconfigError {
  override readonly kind = 'permission';
  override name = 'PermissionError';
}

/** A lookup found nothing: no_domain_found, no_client_found, no_group_found, mail_domain_does_not_exist, record_nonexist_error. */
export class NotFoundError extends IspconfigError {
  override readonly kind = 'not_found';
  override name = 'NotFoundError';
}

/** Any other fault: validation (data_processing_error), invalid_id, database_error, PHP errors, unknown methods. */
export class FaultError extends IspconfigError {
  override name = 'FaultError';
}

/** The server was unreachable or answered something that is neither SOAP nor the JSON API's envelope. */
export class TransportError extends IspconfigError {
  override readonly kind = 'transport';
  override name = 'TransportError';
}

const AUTH = new Set([
  'login_failed',
  'login_username_empty',
  'login_password_empty',
  'login_failure_limit',
  'client_login_failed',
  'session_id_empty',
  'session_id_nostring',
  'session_does_not_exist',
  'session_ip_mismatch',
  'session_failure_limit',
]);
const NOT_FOUND = new Set(['no_domain_found', 'no_client_found', 'no_group_found', 'mail_domain_does_not_exist', 'record_nonexist_error']);

/** The typed error for a fault code. */
export function errorFor(code: string, faultString: string, method: string): IspconfigError {
  if (AUTH.has(code)) return new AuthError(code, faultString, method);
  if (code === 'permission_denied' || code === 'permission denied') return new PermissionError(code, faultString, method);
  if (NOT_FOUND.has(code)) return new NotFoundError(code, faultString, method);
  return new FaultError(code, faultString, method);
}
