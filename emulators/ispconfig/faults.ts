import type { MethodContract } from '../../contracts/contract.js';
import type { PanelFaults } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';

// Codes and strings: ISPConfig 3.2.11's remoting.inc.php and remote.d/*.inc.php (`throw new SoapFault(code, message)`,
// AVENTER-UG/ispconfig3@3.2.11), copied verbatim.

/** A documented ISPConfig fault: `faultcode` is the bare ISPConfig code on the SOAP wire, `message` on the JSON one. */
function ispFault(code: string, message: string, options: { keepChanges?: boolean } = {}): PanelFault {
  return new PanelFault(code, message, { httpStatus: 500, keepChanges: options.keepChanges });
}

/** What PHP's SoapServer answers when a PHP Error escapes a method (`SOAP-ENV:Server` + the PHP message). */
function phpError(message: string): PanelFault {
  return new PanelFault('SOAP-ENV:Server', message, { httpStatus: 500 });
}

/**
 * Runs `fn` after earlier writes of the same call: ISPConfig has no
 * transactions, so a fault raised now leaves those writes in place (the
 * fault still reaches the caller).
 */
export function afterWrites<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof PanelFault && !error.keepChanges) {
      throw new PanelFault(error.code, error.faultString, { httpStatus: error.httpStatus, data: error.data, origin: error.origin, keepChanges: true });
    }
    throw error;
  }
}

/** ISPConfig's install path as it appears in PHP error messages (the default install path of ISPConfig 3.2.11's installer). */
export const INSTALL_PATH = '/usr/local/ispconfig';

export const faults = {
  loginFailed: () => ispFault('login_failed', 'The login failed. Username or password wrong.', { keepChanges: true }),
  loginNotAllowed: (ip: string) => ispFault('login_failed', `The login is not allowed from ${ip}`),
  loginUsernameEmpty: () => ispFault('login_username_empty', 'The login username is empty.'),
  loginPasswordEmpty: () => ispFault('login_password_empty', 'The login password is empty.'),
  loginFailureLimit: () => ispFault('login_failure_limit', 'The login failure limit has been reached.'),
  clientLoginFailed: (keepChanges = false) => ispFault('client_login_failed', 'The login failed. Username or password wrong.', { keepChanges }),
  clientLoginBlocked: () => ispFault('client_login_failed', 'The login failed. User is blocked.'),
  clientLoginNoApi: () => ispFault('client_login_failed', 'The login failed. Client may not use api.'),
  maintenance: () =>
    ispFault('maintenance_mode', 'This ISPConfig installation is currently under maintenance. We should be back shortly. Thank you for your patience.'),
  sessionIdEmpty: () => ispFault('session_id_empty', 'The SessionID is empty.'),
  sessionIdNoString: () => ispFault('session_id_nostring', 'Wrong SessionID datatype.'),
  sessionFailureLimit: () => ispFault('session_failure_limit', 'The Session failure limit has been reached.'),
  sessionDoesNotExist: () => ispFault('session_does_not_exist', 'The Session is expired or does not exist.', { keepChanges: true }),
  sessionIpMismatch: () => ispFault('session_ip_mismatch', 'Session IP mismatch.'),
  permissionDenied: () => ispFault('permission_denied', 'You do not have the permissions to access this function.'),
  invalidId: () => ispFault('invalid_id', 'The ID has to be > 0 or -1.'),
  dataProcessing: (message: string) => ispFault('data_processing_error', message),
  database: (mysqlError: string, sql: string) => ispFault('database_error', `${mysqlError} ${sql}`),
  statusUndefined: () => ispFault('status_undefined', 'The status is not available'),
  invalidFunctionParameter: () => ispFault('invalid_function_parameter', 'Invalid function parameter.'),
  // PHP 8 refuses SoapFault's one-argument form, which client_template_additional_* use (remote.d/client.inc.php).
  oneArgumentSoapFault: () => phpError('SoapFault::__construct() expects at least 2 arguments, 1 given'),
  // PHP Errors other methods raise on PHP 8.
  /** An untyped SOAP struct reaches the write helpers as a stdClass (PHP ext/soap's SoapServer decoding). */
  stdClassAsArray: () => phpError('Cannot use object of type stdClass as array'),
  /** dns_templatezone_get_all's permission failure calls a method on an undefined property (remote.d/dns.inc.php). */
  faultOnNull: () => phpError('Call to a member function fault() on null'),
  /** `preg_match('/^[0-9]+$/', $id)` with an array id (aps_guicontroller.inc.php). */
  pregMatchArray: () => phpError('preg_match(): Argument #2 ($subject) must be of type string, array given'),

  // Clients (remote.d/client.inc.php)
  noClientFound: (message: string) => ispFault('no_client_found', message),
  noGroupFound: (message: string) => ispFault('no_group_found', message),
  invalidReseller: (message: 'Selected client is not a reseller.' | 'Reseller cannot be client of another reseller.') => ispFault('Invalid reseller', message),
  noCustomerNumber: () => ispFault('permission_denied', 'There was no customer number specified.'),
  /** client_delete_everything's second permission check comes after its sweep, which stays done. */
  permissionDeniedAfterWrites: () => ispFault('permission_denied', 'You do not have the permissions to access this function.', { keepChanges: true }),
  userRegex: () => ispFault('user_regex_error', 'Username contains invalid characters.'),
  passwordLength: () => ispFault('password_length_error', 'Invalid password length or no password provided.'),
  tooManyLogins: () => ispFault('error_user_too_many_logins', 'Too many failed logins.'),
  panelLoginFailed: () => ispFault('login_failed', 'Login failed.'),

  // DNS (remote.d/dns.inc.php)
  noDomainFound: (message: 'Invalid domain name.' | 'There is no domain ID with informed domain name.') => ispFault('no_domain_found', message),
  invalidDnssecAlgo: () => ispFault('permission_denied', 'You are not using a valid algorithm for this function.'),
  dnsWizard: (errors: string) => ispFault('dns_wizard_error', errors),

  // Mail (remote.d/mail.inc.php)
  mailDomainNotPrimary: (domain: string) => ispFault('mail_domain_does_not_exist', `Mail domain - ${domain} - does not exist as primary.`),
  mailboxExists: () => ispFault('duplicate', 'There is already a mailbox with this email address.'),

  // Sites and backups (remote.d/sites.inc.php, mail.inc.php)
  databaseNameTaken: () => ispFault('database_name_error_unique', 'There is already a database with that name on the same server.'),
  invalidBackupId: (id: string) => ispFault('invalid_backup_id', `Invalid or non existant backup_id ${id}`),
  invalidAction: (action: string) => ispFault('invalid_action', `Invalid action_type ${action}`),
  duplicateAction: (action: string) => ispFault('duplicate_action', `There is already a pending ${action} action`),

  // Servers and the panel's config (remote.d/server.inc.php, admin.inc.php)
  fieldEmpty: (withValue: boolean) =>
    ispFault('field_empty_error', withValue ? 'Group, name, and value parameter may not be empty.' : 'Group and name parameter may not be empty.'),
  recordNotUnique: () => ispFault('record_unique_error', 'Group plus name field combination is not unique.'),
  recordMissing: () => ispFault('record_nonexist_error', 'There is no record with this group plus name field combination.'),
  invalidDatalogId: () => ispFault('invalid_datalog_id', 'The ID passed to the function must be > 0'),
  invalidParameters: (message: string) => ispFault('invalid parameters', message),

  // OpenVZ (remote.d/openvz.inc.php)
  noFreeIp: () => ispFault('no_free_ip', 'There is no free IP available.'),
  templateId: (message: 'Template ID must be > 0.' | 'Template does not exist.') => ispFault('template_id_error', message),
  ostemplateId: (message: 'OSTemplate ID must be > 0.' | 'OSTemplate does not exist.') => ispFault('ostemplate_id_error', message),
  vmIp: () => ispFault('vm_ip_error', 'Unable to get a free VM IP.'),
  actionPending: (message: 'No VM with this ID available.' | 'VM is not in active state.' | 'There is already a action pending for this VM.') =>
    ispFault('action_pending', message),

  // APS (remote.d/aps.inc.php, aps_guicontroller.inc.php)
  packageError: (message: string) => ispFault('package_error', message),
  instanceError: () => ispFault('instance_error', 'No valid instance id given.'),
};

/** `remoting_<file>`: the class PHP names in errors; login/logout/get_function_list and server_get(_all) live in the base classes. */
function phpClass(method: MethodContract): string {
  if (['login', 'logout', 'get_function_list'].includes(method.name)) return 'remoting';
  if (['server_get', 'server_get_all'].includes(method.name)) return 'remoting_sites'; // soap_handler.inc.php (3.2.11): dispatched to remoting_sites
  return `remoting_${method.section ?? method.name.split('_')[0]}`;
}

/** The panel-level answers the dispatcher asks for. */
export const ispconfigFaults: PanelFaults = {
  unknownMethod: (method) => ispFault('invalid_method', `Method ${method} does not exist`),
  badArguments(method, problem) {
    // PHP checks only the count: too few → ArgumentCountError (soap_handler.inc.php calls the method with the arguments as sent); the wire never carries a type problem here.
    const missing = /missing required argument "([^"]+)"/.exec(problem)?.[1];
    const index = missing ? method.params.findIndex((p) => p.name === missing) : -1;
    const required = method.params.filter((p) => p.required).length;
    const exactly = required === method.params.length ? 'exactly' : 'at least';
    if (index >= 0) {
      return phpError(
        `Too few arguments to function ${phpClass(method)}::${method.name}(), ${index} passed in ${INSTALL_PATH}/interface/lib/classes/soap_handler.inc.php on line 49 and ${exactly} ${required} expected`,
      );
    }
    return phpError(problem);
  },
  protocol: (detail) => new PanelFault('SOAP-ENV:Client', detail, { httpStatus: 500, origin: 'protocol' }),
  internal: (detail) => new PanelFault('SOAP-ENV:Server', detail, { httpStatus: 500, origin: 'mockpanel' }),
  // Injected faults in the panel's own words. inferred: a rate limit reads as the session guard's lockout.
  sessionExpired: () => ispFault('session_does_not_exist', 'The Session is expired or does not exist.'),
  rateLimited: () => ispFault('session_failure_limit', 'The Session failure limit has been reached.'),
  notImplemented: (method) =>
    new PanelFault('mockpanel_not_implemented', `mockpanel does not emulate ${method}: it needs something outside the panel`, {
      httpStatus: 500,
      origin: 'mockpanel',
    }),
};
