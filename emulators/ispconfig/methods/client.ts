import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { cryptPassword, verifyPassword } from '../engine/crypt.js';
import { sshKeygenRsa } from '../engine/ssh-keygen.js';
import { empty, intval, isNumeric, looseEquals, str, type PhpArray } from '../engine/php.js';
import { faults } from '../faults.js';
import { form as formDef } from '../schema/index.js';
import { mayCall } from '../session.js';
import {
  adminLogin,
  assignmentsOfTemplate,
  assignTemplate,
  clientByCustomerNo,
  clientByEmail,
  clientContact,
  clientExists,
  clientIds,
  clientLimit,
  clientOfUser,
  clientTemplates,
  deleteClientLogin,
  deleteEverythingOfGroup,
  loginNamed,
  setClientKeys,
  setClientPassword,
  setParentClient,
  templateAssignmentRows,
  templateAssignments,
  templateExists,
  unassignOneOfTemplate,
  unassignTemplate,
  updateClientLogin,
  usernameCount,
} from '../store/client.js';
import { datalogInsert, type Row } from '../store/datalog.js';
import { clientOfGroup, groupOfClient, setUserGroups, userGroups, userOfClient } from '../store/groups.js';
import { loadProfile } from '../store/profile.js';
import { arrayParams, deleteRecord, encodeForm, executeInsert, getDataRecord, updateRecord } from '../store/records.js';
import { countPanelLoginFailure, recentFailures } from '../store/session.js';

// Clients, their panel logins and template assignments (remote.d/client.inc.php, 3.2.11).

/** The modules a new client's panel login gets when params name none ($conf['interface_modules_enabled'], evidence: client_get_by_username). */
const DEFAULT_MODULES = 'dashboard,mail,sites,dns,tools,help';

/** client_add and client_update pick the reseller form when params carry a limit_client other than 0. */
function clientForm(params: PhpArray): 'client' | 'reseller' {
  return params.limit_client !== undefined && params.limit_client !== null && !looseEquals(params.limit_client, 0) ? 'reseller' : 'client';
}

/** client_get's extra: a row whose template_additional is empty shows its assignments as `assigned:template/…`. */
function withTemplates(call: IspCall, row: Row): Row {
  if (row.template_additional !== '' && row.template_additional !== null) return row;
  const items = templateAssignments(call.db, row.client_id);
  // getDataRecord's rows are this call's own: set the field in place (a copy of a 129-column row cost more than the query).
  row.template_additional = items.map((i) => `${i.assigned_template_id}:${i.client_template_id}`).join('/');
  return row;
}

function clientGet(call: IspCall, clientId: unknown): unknown {
  const data = getDataRecord(call, formDef('client'), clientId, loadProfile(call, 0));
  if (Array.isArray(data)) return data.map((r) => withTemplates(call, r));
  return data ? withTemplates(call, data) : data;
}

/** The parent-reseller rules shared by add and update; sets the parent_client_id to store. */
function checkReseller(call: IspCall, params: PhpArray, resellerId: unknown, onUpdate: boolean): void {
  if (params.parent_client_id === undefined || params.parent_client_id === null || looseEquals(params.parent_client_id, 0))
    params.parent_client_id = resellerId;
  if (empty(params.parent_client_id)) return;
  const parent = clientLimit(call.db, intval(params.parent_client_id));
  const notReseller = looseEquals(parent?.limit_client ?? null, 0);
  const isReseller = params.limit_client !== undefined && params.limit_client !== null && !looseEquals(params.limit_client, 0);
  if (onUpdate) {
    if (notReseller) throw faults.invalidReseller('Selected client is not a reseller.');
    if (isReseller) throw faults.invalidReseller('Reseller cannot be client of another reseller.');
  } else if (notReseller) params.parent_client_id = 0;
  else if (isReseller) throw faults.invalidReseller('Reseller cannot be client of another reseller.');
}

function addGroupToUser(call: IspCall, userid: number, groupid: number): void {
  if (userid <= 0 || groupid <= 0) return;
  const groups = str(userGroups(call.db, userid)).split(',');
  if (!groups.includes(String(groupid))) groups.push(String(groupid));
  setUserGroups(call.db, userid, groups.join(','));
}

/** auth->remove_group_from_user: a group not in the list removes the first entry instead (array_search false → index 0). */
function removeGroupFromUser(call: IspCall, userid: number, groupid: number): void {
  if (userid <= 0 || groupid <= 0) return;
  const groups = str(userGroups(call.db, userid)).split(',');
  const at = groups.indexOf(String(groupid));
  groups.splice(at >= 0 ? at : 0, 1);
  setUserGroups(call.db, userid, groups.join(','));
}

/** `klientadd`: the client row, then its sys_group and sys_user (panel login), then the reseller link. */
function clientAdd(call: IspCall): unknown {
  const resellerId = call.param('reseller_id');
  const params = arrayParams(call.param('params'));
  checkReseller(call, params, resellerId, false);
  const form = formDef(clientForm(params));
  const profile = loadProfile(call, resellerId);
  const { values, errors } = encodeForm(call, form, params, 'INSERT', 0, profile);
  // klientadd appends this after the form's own messages, with ISPConfig's other line ending.
  const message = errors + (usernameCount(call.db, str(params.username)) > 0 ? 'Duplicate username<br />' : '');
  if (message !== '') throw faults.dataProcessing(message);
  const { id } = executeInsert(call, form, profile, values, params);
  const now = call.now();
  // functions->generate_ssh_key: ssh-keygen -C '<username>-rsa-key-<time()>' (interface/lib/classes/functions.inc.php:495, 3.2.11).
  const key = sshKeygenRsa(`${str(params.username)}-rsa-key-${now}`);
  setClientKeys(call.db, id, now, key.privateKey, key.publicKey);
  const groupid = datalogInsert(call, 'sys_group', 'groupid', { name: str(params.username), description: '', client_id: String(id) });
  const modules = (params.modules !== undefined ? str(params.modules) : DEFAULT_MODULES) + (clientForm(params) === 'reseller' ? ',client' : '');
  let startmodule = params.startmodule !== undefined ? str(params.startmodule) : 'dashboard';
  if (params.startmodule !== undefined && !modules.includes(startmodule)) startmodule = modules.split(',')[0];
  const password = intval(params._ispconfig_pw_crypted) === 1 ? str(params.password) : cryptPassword(str(params.password));
  datalogInsert(
    call,
    'sys_user',
    'userid',
    {
      username: str(params.username),
      passwort: password,
      modules,
      startmodule,
      app_theme: params.usertheme !== undefined && str(params.usertheme) !== '' ? str(params.usertheme) : 'default',
      typ: 'user',
      active: '1',
      language: str(params.language),
      groups: String(groupid),
      default_group: String(groupid),
      client_id: String(id),
    },
    false,
  ); // ispconfig_sysuser_add writes the login with a plain query: no sys_datalog entry (evidence: sys_datalog_get_by_tstamp)
  if (!empty(resellerId)) {
    addGroupToUser(call, intval(userOfClient(call.db, intval(resellerId))?.userid), groupid);
    setParentClient(call.db, id, intval(resellerId));
  }
  return params._primary_id !== undefined && params._primary_id !== null ? params._primary_id : String(id);
}

/** client_templates->update_client_templates: makes the assignments match a `/` list (old style: template ids; new: assigned:template). */
function updateClientTemplates(call: IspCall, clientId: number, items: string[]): void {
  const needed = new Map<string, number>();
  const usedAssigned: string[] = [];
  let oldStyle = true;
  for (const raw of items) {
    const item = raw.trim();
    if (item === '') continue;
    let tpl = item;
    let assigned = '0';
    if (item.includes(':')) {
      oldStyle = false;
      [assigned, tpl] = item.split(':', 2) as [string, string];
      if (assigned.startsWith('n')) assigned = '0';
    }
    needed.set(tpl, (needed.get(tpl) ?? 0) + 1);
    if (intval(assigned) > 0) usedAssigned.push(String(intval(assigned)));
  }
  const inDb = templateAssignments(call.db, clientId);
  if (oldStyle) {
    for (const row of inDb) needed.set(str(row.client_template_id), (needed.get(str(row.client_template_id)) ?? 0) - 1);
    for (const [tpl, count] of needed) {
      for (let i = count; i > 0; i--) assignTemplate(call.db, clientId, tpl);
      for (let i = count; i < 0; i++) unassignOneOfTemplate(call.db, clientId, tpl);
    }
    return;
  }
  for (const row of inDb) {
    if (!usedAssigned.includes(str(row.assigned_template_id))) unassignTemplate(call.db, row.assigned_template_id);
  }
  for (const [tpl, count] of needed) {
    const have = assignmentsOfTemplate(call.db, clientId, tpl).length;
    for (let i = have; i < count; i++) assignTemplate(call.db, clientId, tpl);
  }
}

/**
 * client_update(session, client_id, reseller_id, params): the stored row is
 * merged under params before the generic update, so a stored password hash
 * travels along and is hashed again unless params say `password: ''` —
 * the panel login then stops working (remoting.inc.php updateQuery; the recorded 3.2.11 run).
 */
function clientUpdate(call: IspCall): number {
  const clientId = call.param('client_id');
  const resellerId = call.param('reseller_id');
  const input = arrayParams(call.param('params'));
  const form = formDef(clientForm(input));
  const old = getDataRecord(call, form, clientId, loadProfile(call, 0));
  const params: PhpArray = { ...(old && !Array.isArray(old) ? old : {}), ...input };
  checkReseller(call, params, resellerId, true);
  const id = intval(clientId);
  if (params.template_additional !== undefined && params.template_additional !== null) {
    updateClientTemplates(call, id, str(params.template_additional).split('/'));
    params.template_additional = '';
  }
  const affected = updateRecord(call, clientForm(input), resellerId, clientId, params, { premerged: true });
  // remoting_lib->ispconfig_sysuser_update: username always, password/language/modules when given.
  const login: Record<string, string> = { username: str(params.username) };
  if (!empty(params.password)) login.passwort = intval(params._ispconfig_pw_crypted) === 1 ? str(params.password) : cryptPassword(str(params.password));
  if (!empty(params.language)) login.language = str(params.language);
  if (!empty(params.modules)) login.modules = str(params.modules);
  updateClientLogin(call.db, id, login);
  // inferred: func_client_lock/cancel also (de)activate the client's sites and mailboxes; mockpanel switches only the panel login.
  if (!empty(params.locked) || !empty(params.canceled)) {
    const off = str(params.locked) === 'y' || str(params.canceled) === 'y';
    updateClientLogin(call.db, id, { active: off ? '0' : '1' });
  }
  return affected;
}

function clientDeleteEverything(call: IspCall): number {
  const clientId = intval(call.param('client_id'));
  if (clientId > 0) {
    // $this->dataRecord is not loaded here, so the "parent" is client 0: the admin login loses a group (see removeGroupFromUser).
    const parentUser = adminLogin(call.db);
    const group = groupOfClient(call.db, clientId);
    removeGroupFromUser(call, intval(parentUser?.userid), intval(group?.groupid));
    deleteClientLogin(call.db, clientId);
    const groupId = intval(group?.groupid);
    if (groupId > 1) deleteEverythingOfGroup(call, groupId);
  }
  // The second permission check comes after the sweep, which stays done (the real code has no transaction).
  if (!mayCall(call.user, 'client_delete')) throw faults.permissionDeniedAfterWrites();
  return deleteRecord(call, 'client', call.param('client_id'));
}

/** client_login_get: checks a panel login (sys_user, or a client by e-mail) with its own one-minute guard keyed on remote_ip. */
function clientLoginGet(call: IspCall): unknown {
  const user = str(call.param('username'));
  const password = call.param('password');
  if (!/^[\w.\-_@]{1,128}$/.test(user)) throw faults.userRegex();
  if (!/^.{1,64}$/s.test(str(password))) throw faults.passwordLength();
  const ip = str(call.param('remote_ip'));
  const now = call.now();
  const failed = recentFailures(call.db, ip, now - 60);
  if (intval(failed?.times) > 5) throw faults.tooManyLogins();
  let result: unknown = undefined;
  let wrong = false;
  if (user.includes('@')) {
    const client = clientByEmail(call.db, user);
    if (client && verifyPassword(str(password), str(client.password))) {
      result = { username: client.username, type: 'user', client_id: client.client_id, language: client.language, country: client.country };
    } else if (client) wrong = true;
  } else {
    const sysUser = loginNamed(call.db, user);
    if (!sysUser || !verifyPassword(str(password), str(sysUser.passwort))) {
      if (sysUser) countPanelLoginFailure(call.db, ip, undefined, now);
      throw faults.panelLoginFailed();
    }
    // ISPConfig hard-codes the country of panel users.
    result = { username: sysUser.username, type: sysUser.typ, client_id: sysUser.client_id, language: sysUser.language, country: 'de' };
  }
  if (wrong) {
    countPanelLoginFailure(call.db, ip, failed, now);
    return false;
  }
  // $returnval is never initialised: an unknown e-mail address returns nothing (nil).
  return result ?? null;
}

export const clientMethods = defineMethods<IspCall>({
  client_get: { run: (call) => clientGet(call, call.param('client_id')) },
  client_add: { run: clientAdd },
  client_update: { run: clientUpdate },
  /** client_delete: the client row, then its panel login and group (sites, mail, DNS stay). */
  client_delete: {
    run(call) {
      const affected = deleteRecord(call, 'client', call.param('client_id'));
      deleteClientLogin(call.db, intval(call.param('client_id')));
      return affected;
    },
  },
  client_delete_everything: { run: clientDeleteEverything },
  client_get_id: {
    run(call) {
      const row = clientOfUser(call.db, intval(call.param('sys_userid')));
      if (!row) throw faults.noClientFound('There is no sys_user account with this userid.');
      return intval(row.client_id);
    },
  },
  client_get_emailcontact: {
    run(call) {
      const row = clientContact(call.db, intval(call.param('client_id')));
      if (!row) throw faults.noClientFound('There is no client with this client ID.');
      return row;
    },
  },
  client_get_groupid: {
    run(call) {
      const row = groupOfClient(call.db, intval(call.param('client_id')));
      if (!row) throw faults.noGroupFound('There is no group for this client ID.');
      return intval(row.groupid);
    },
  },
  client_get_by_groupid: {
    run(call) {
      const row = clientOfGroup(call.db, intval(call.param('group_id')));
      if (!row) throw faults.noGroupFound('There is no client for this group ID.');
      return clientGet(call, intval(row.client_id));
    },
  },
  /** The sys_user row, password hash included (remote.d/client.inc.php, 3.2.11). */
  client_get_by_username: {
    run(call) {
      const row = loginNamed(call.db, str(call.param('username')));
      if (!row) throw faults.noClientFound('There is no user account for this user name.');
      return row;
    },
  },
  client_get_by_customer_no: {
    run(call) {
      const customerNo = str(call.param('customer_no')).trim();
      if (customerNo === '') throw faults.noCustomerNumber();
      const row = clientByCustomerNo(call.db, customerNo);
      if (!row) throw faults.noClientFound('There is no user account for this customer number.');
      return row;
    },
  },
  /** Every client id as a string; false (not an empty list) when there are none. */
  client_get_all: {
    run(call) {
      const rows = clientIds(call.db);
      return rows.length ? rows.map((r) => r.client_id) : false;
    },
  },
  client_change_password: {
    run(call) {
      const clientId = str(call.param('client_id'));
      if (!(intval(clientExists(call.db, clientId)?.client_id) > 0)) throw faults.noClientFound('There is no user account for this client_id');
      setClientPassword(call.db, clientId, cryptPassword(str(call.param('new_password'))));
      return true;
    },
  },
  client_templates_get_all: { run: (call) => clientTemplates(call.db) },
  client_login_get: { run: clientLoginGet },
  /** client_template_additional_*: their one-argument SoapFaults are PHP errors on PHP 8 (remote.d/client.inc.php). */
  client_template_additional_get: {
    run(call) {
      const clientId = call.param('client_id');
      if (!isNumeric(clientId)) throw faults.oneArgumentSoapFault();
      return templateAssignmentRows(call.db, str(clientId));
    },
  },
  client_template_additional_add: {
    run(call) {
      const clientId = call.param('client_id');
      const templateId = call.param('template_id');
      if (!isNumeric(clientId) || !isNumeric(templateId)) throw faults.oneArgumentSoapFault();
      if (!clientExists(call.db, str(clientId))) throw faults.oneArgumentSoapFault();
      if (!templateExists(call.db, str(templateId))) throw faults.oneArgumentSoapFault();
      return assignTemplate(call.db, str(clientId), str(templateId));
    },
  },
  client_template_additional_delete: {
    run(call) {
      const clientId = call.param('client_id');
      // The third argument is matched against client_template_id, despite its name (remote.d/client.inc.php).
      const templateId = call.param('assigned_template_id');
      if (!isNumeric(clientId) || !isNumeric(templateId)) throw faults.oneArgumentSoapFault();
      if (!clientExists(call.db, str(clientId))) throw faults.oneArgumentSoapFault();
      const [hit] = assignmentsOfTemplate(call.db, str(clientId), str(templateId));
      if (!hit) throw faults.oneArgumentSoapFault();
      return unassignTemplate(call.db, hit.assigned_template_id, str(clientId));
    },
  },
});
