import { defineMethods } from '../../core/define-methods.js';
import { accountFunction } from '../account-functions.js';
import type { CpanelCall } from '../call.js';

/*
 * Email mailboxes and forwarders, UAPI and API 2, over WHM's whm_email and
 * whm_forwarder rows (what WHM's list_pops_for reads).
 *   UAPI  https://api.docs.cpanel.net/openapi/cpanel/operation/<function>/ (add_pop, list_pops…)
 *   API 2 https://api.docs.cpanel.net/cpanel-api-2/cpanel-api-2-modules-email/
 */
export const emailMethods = defineMethods<CpanelCall>({
  'Email::list_pops': accountFunction('Email', 'list_pops'),
  'Email::list_pops_with_disk': accountFunction('Email', 'list_pops_with_disk'),
  'Email::count_pops': accountFunction('Email', 'count_pops'),
  'Email::add_pop': accountFunction('Email', 'add_pop'),
  'Email::delete_pop': accountFunction('Email', 'delete_pop'),
  'Email::passwd_pop': accountFunction('Email', 'passwd_pop'),
  'Email::edit_pop_quota': accountFunction('Email', 'edit_pop_quota'),
  'Email::suspend_login': accountFunction('Email', 'suspend_login'),
  'Email::unsuspend_login': accountFunction('Email', 'unsuspend_login'),
  'Email::list_forwarders': accountFunction('Email', 'list_forwarders'),
  'Email::add_forwarder': accountFunction('Email', 'add_forwarder'),
  'Email::delete_forwarder': accountFunction('Email', 'delete_forwarder'),
  'API2::Email::listpops': accountFunction('Email', 'list_pops', { api2: true }),
  'API2::Email::listpopswithdisk': accountFunction('Email', 'list_pops_with_disk', { api2: true }),
  'API2::Email::addpop': accountFunction('Email', 'add_pop', { api2: true }),
  'API2::Email::delpop': accountFunction('Email', 'delete_pop', { api2: true }),
  'API2::Email::passwdpop': accountFunction('Email', 'passwd_pop', { api2: true }),
  'API2::Email::editquota': accountFunction('Email', 'edit_pop_quota', { api2: true }),
  'API2::Email::listforwards': accountFunction('Email', 'list_forwarders', { api2: true }),
  'API2::Email::addforward': accountFunction('Email', 'add_forwarder', { api2: true }),
  // API 2 delforward names the forwarder `email` (source) and `emaildest` (inferred from the module's naming).
  'API2::Email::delforward': accountFunction('Email', 'delete_forwarder', { api2: true, rename: (a) => ({ address: a.email, forwarder: a.emaildest }) }),
});
