import { PanelFault } from '../../core/panel-fault.js';
import type { PanelResponse } from '../../core/types.js';

/** The PanelFault code that makes the WHM codec answer with {@link whmAccessDenied} instead of an envelope. */
export const WHM_ACCESS_DENIED = 'whm_access_denied';

/**
 * cpsrvd's refusal of a WHM API call it cannot authenticate. It never
 * reaches the API layer, so it is not a `metadata.result = 0` envelope but
 * an HTTP error: 401 when the credentials are missing or wrong, 403 when
 * they are valid but not allowed here (a token's IP whitelist, an ACL).
 * cPanel's own code: Cpanel/Server/Auth/HTTP.pm ("Always send HTTP error
 * codes with token authentication") and Cpanel/Server/Downloads/Base.pm
 * (cpsrvd's send_401: "HTTP 401 Access Denied"). The body text is inferred (no capture of a real refusal
 * is known publicly): a short plain-text line, which JSON clients fail to
 * parse, as they would against a real server (cpanel-lib reports
 * 'Format request not valid', axios-based clients throw on the status).
 */
export function whmAccessDenied(options: { status?: 401 | 403; reason?: string } = {}): PanelResponse {
  const status = options.status ?? 401;
  const reason = options.reason ?? (status === 403 ? 'Forbidden' : 'Access denied');
  return {
    status,
    headers: { 'content-type': 'text/plain; charset="utf-8"' },
    body: `${reason}\n`,
  };
}

/** A fault a WHM handler or authenticate hook throws to get {@link whmAccessDenied} on the wire. */
export function whmAccessDeniedFault(reason = 'Access denied', status: 401 | 403 = 401): PanelFault {
  return new PanelFault(WHM_ACCESS_DENIED, reason, { httpStatus: status, origin: 'documented' });
}
