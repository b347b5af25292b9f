import type { Handler } from '../../core/panel.js';
import type { IspCall } from '../engine/context.js';
import { cryptPassword, verifyPassword } from '../engine/crypt.js';
import { arrayParams, deleteRecord, encodeForm, executeInsert, getDataRecord, updateRecord } from '../engine/crud.js';
import { mysqlDateTime } from '../engine/mysql-values.js';
import { sshKeygenRsa } from '../engine/ssh-keygen.js';
import { empty, intval, isNumeric, isPhpArray, looseEquals, str, type PhpArray } from '../engine/php.js';
import { loadProfile } from '../engine/profile.js';
import { exec, queryAll, queryOne } from '../engine/query.js';
import { datalogSave, type Row } from '../engine/datalog.js';
import { faults, ispFault } from '../faults.js';
import { form as formDef, SCHEMA, sqlName as t } from '../schema/index.js';
import { ispCall, mayCall } from '../session.js';

// Clients, their panel logins and template assignments (research/ispconfig/core-tables.md §2).

/** The modules a new client's panel login gets when params name none ($conf['interface_modules_enabled'], evidence: client_get_by_username). */
const DEFAULT_MODULES = 'dashboard,mail,sites,dns,tools,help';

/** client_add and client_update pick the reseller form when params carry a limit_client other than 0. */
function clientForm(params: PhpArray): 'client' | 'reseller' {
  return params.limit_client !== undefined && params.limit_client !== null && !looseEquals(params.limit_client, 0) ? 'reseller' : 'client';
}

/** client_get's extra: a row whose template_additional is empty shows its assignments as `assigned:template/…`. */
function withTemplates(call: IspCall, row: Row): Row {
  if (row.template_additional !== '' && row.template_additional !== null) return row;
  const items = queryAll(call, `SELECT assigned_template_id, client_template_id FROM ${t('client_template_assigned')} WHERE client_id = ? ORDER BY assigned_template_id`, row.client_id);
  return { ...row, template_additional: items.map((i) => `${i.assigned_template_id}:${i.client_template_id}`).join('/') };
}

function clientGet(call: IspCall, clientId: unknown): unknown {
  const data = getDataRecord(call, formDef('client'), clientId, loadProfile(call, 0));
  if (Array.isArray(data)) return data.map((r) => withTemplates(call, r));
  return data ? withTemplates(call, data) : data;
}

/** The parent-reseller rules shared by add and update; returns the parent_client_id to store. */
function checkReseller(call: IspCall, params: PhpArray, resellerId: unknown, onUpdate: boolean): void {
  if (params.parent_client_id === undefined || params.parent_client_id === null || looseEquals(params.parent_client_id, 0)) params.parent_client_id = resellerId;
  if (empty(params.parent_client_id)) return;
  const parent = queryOne(call, `SELECT limit_client FROM ${t('client')} WHERE client_id = ?`, intval(params.parent_client_id));
  const notReseller = looseEquals(parent?.limit_client ?? null, 0);
  const isReseller = params.limit_client !== undefined && params.limit_client !== null && !looseEquals(params.limit_client, 0);
  if (onUpdate) {
    if (notReseller) throw ispFault('Invalid reseller', 'Selected client is not a reseller.');
    if (isReseller) throw ispFault('Invalid reseller', 'Reseller cannot be client of another reseller.');
  } else if (notReseller) params.parent_client_id = 0;
  else if (isReseller) throw ispFault('Invalid reseller', 'Reseller cannot be client of another reseller.');
}

function addGroupToUser(call: IspCall, userid: number, groupid: number): void {
  if (userid <= 0 || groupid <= 0) return;
  const user = queryOne(call, `SELECT groups FROM ${t('sys_user')} WHERE userid = ?`, userid);
  const groups = str(user?.groups).split(',');
  if (!groups.includes(String(groupid))) groups.push(String(groupid));
  exec(call, `UPDATE ${t('sys_user')} SET groups = ? WHERE userid = ?`, groups.join(','), userid);
}

/** auth->remove_group_from_user: a group not in the list removes the first entry instead (array_search false → index 0). */
function removeGroupFromUser(call: IspCall, userid: number, groupid: number): void {
  if (userid <= 0 || groupid <= 0) return;
  const user = queryOne(call, `SELECT groups FROM ${t('sys_user')} WHERE userid = ?`, userid);
  const groups = str(user?.groups).split(',');
  const at = groups.indexOf(String(groupid));
  groups.splice(at >= 0 ? at : 0, 1);
  exec(call, `UPDATE ${t('sys_user')} SET groups = ? WHERE userid = ?`, groups.join(','), userid);
}

/** `klientadd`: the client row, then its sys_group and sys_user (panel login), then the reseller link. */
const clientAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, resellerId, rawParams] = ctx.args;
  const params = arrayParams(rawParams);
  checkReseller(call, params, resellerId, false);
  const form = formDef(clientForm(params));
  const profile = loadProfile(call, resellerId);
  const { values, errors } = encodeForm(call, form, params, 'INSERT', 0, profile);
  const taken = queryOne(call, `SELECT count(userid) AS n FROM ${t('sys_user')} WHERE username = ?`, str(params.username));
  // klientadd appends this after the form's own messages, with ISPConfig's other line ending.
  const message = errors + (Number(taken?.n) > 0 ? 'Duplicate username<br />' : '');
  if (message !== '') throw faults.dataProcessing(message);
  const { id } = executeInsert(call, form, profile, values, params);
  // functions->generate_ssh_key: ssh-keygen -C '<username>-rsa-key-<time()>' (interface/lib/classes/functions.inc.php:495, 3.2.11).
  const key = sshKeygenRsa(`${str(params.username)}-rsa-key-${call.now}`);
  exec(call, `UPDATE ${t('client')} SET created_at = ?, id_rsa = ?, ssh_rsa = ? WHERE client_id = ?`, call.now, key.privateKey, key.publicKey, id);
  const groupid = insertSysRow(call, 'sys_group', 'groupid', { name: str(params.username), description: '', client_id: String(id) });
  const modules = (params.modules !== undefined ? str(params.modules) : DEFAULT_MODULES) + (clientForm(params) === 'reseller' ? ',client' : '');
  let startmodule = params.startmodule !== undefined ? str(params.startmodule) : 'dashboard';
  if (params.startmodule !== undefined && !modules.includes(startmodule)) startmodule = modules.split(',')[0];
  const password = intval(params._ispconfig_pw_crypted) === 1 ? str(params.password) : cryptPassword(str(params.password));
  insertSysRow(call, 'sys_user', 'userid', {
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
  }, false); // ispconfig_sysuser_add writes the login with a plain query: no sys_datalog entry (evidence: sys_datalog_get_by_tstamp)
  if (!empty(resellerId)) {
    const reseller = queryOne(call, `SELECT userid FROM ${t('sys_user')} WHERE client_id = ?`, intval(resellerId));
    addGroupToUser(call, intval(reseller?.userid), groupid);
    exec(call, `UPDATE ${t('client')} SET parent_client_id = ? WHERE client_id = ?`, intval(resellerId), id);
  }
  return params._primary_id !== undefined && params._primary_id !== null ? params._primary_id : String(id);
};

/** A row written with $app->db->datalogInsert (no form, no validation), or with a plain INSERT and no change queued. */
export function insertSysRow(call: IspCall, table: string, pk: string, row: Record<string, string | null>, datalog = true): number {
  const names = Object.keys(row);
  const info = call.db
    .prepare(`INSERT INTO ${t(table)} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
    .run(...names.map((n) => row[n]));
  const id = Number(info.lastInsertRowid);
  if (datalog) datalogSave(call, table, 'i', pk, id, undefined, queryOne(call, `SELECT * FROM ${t(table)} WHERE "${pk}" = ?`, id), 'admin');
  return id;
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
  const inDb = queryAll(call, `SELECT assigned_template_id, client_template_id FROM ${t('client_template_assigned')} WHERE client_id = ?`, clientId);
  if (oldStyle) {
    for (const row of inDb) needed.set(str(row.client_template_id), (needed.get(str(row.client_template_id)) ?? 0) - 1);
    for (const [tpl, count] of needed) {
      for (let i = count; i > 0; i--) exec(call, `INSERT INTO ${t('client_template_assigned')} (client_id, client_template_id) VALUES (?, ?)`, clientId, tpl);
      for (let i = count; i < 0; i++) {
        exec(
          call,
          `DELETE FROM ${t('client_template_assigned')} WHERE assigned_template_id = (SELECT assigned_template_id FROM ${t('client_template_assigned')} WHERE client_id = ? AND client_template_id = ? LIMIT 1)`,
          clientId,
          tpl,
        );
      }
    }
    return;
  }
  for (const row of inDb) {
    if (!usedAssigned.includes(str(row.assigned_template_id))) exec(call, `DELETE FROM ${t('client_template_assigned')} WHERE assigned_template_id = ?`, row.assigned_template_id);
  }
  for (const [tpl, count] of needed) {
    const have = queryAll(call, `SELECT assigned_template_id FROM ${t('client_template_assigned')} WHERE client_id = ? AND client_template_id = ?`, clientId, tpl).length;
    for (let i = have; i < count; i++) exec(call, `INSERT INTO ${t('client_template_assigned')} (client_id, client_template_id) VALUES (?, ?)`, clientId, tpl);
  }
}

/**
 * client_update(session, client_id, reseller_id, params): the stored row is
 * merged under params before the generic update, so a stored password hash
 * travels along and is hashed again unless params say `password: ''` —
 * the panel login then stops working (core-tables.md §1.3, verified).
 */
const clientUpdate: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, resellerId, rawParams] = ctx.args;
  const input = arrayParams(rawParams);
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
  const sets = ['username = ?'];
  const values: unknown[] = [str(params.username)];
  if (!empty(params.password)) {
    sets.push('passwort = ?');
    values.push(intval(params._ispconfig_pw_crypted) === 1 ? str(params.password) : cryptPassword(str(params.password)));
  }
  if (!empty(params.language)) (sets.push('language = ?'), values.push(str(params.language)));
  if (!empty(params.modules)) (sets.push('modules = ?'), values.push(str(params.modules)));
  exec(call, `UPDATE ${t('sys_user')} SET ${sets.join(', ')} WHERE client_id = ?`, ...values, id);
  // inferred: func_client_lock/cancel also (de)activate the client's sites and mailboxes; mockpanel switches only the panel login.
  if (!empty(params.locked) || !empty(params.canceled)) {
    const off = str(params.locked) === 'y' || str(params.canceled) === 'y';
    exec(call, `UPDATE ${t('sys_user')} SET active = ? WHERE client_id = ?`, off ? '0' : '1', id);
  }
  return affected;
};

/** client_delete: the client row, then its panel login and group (sites, mail, DNS stay). */
const clientDelete: Handler = (ctx) => {
  const call = ispCall(ctx);
  const affected = deleteRecord(call, 'client', ctx.args[1]);
  const id = intval(ctx.args[1]);
  exec(call, `DELETE FROM ${t('sys_user')} WHERE client_id = ?`, id);
  exec(call, `DELETE FROM ${t('sys_group')} WHERE client_id = ?`, id);
  return affected;
};

/** The tables client_delete_everything sweeps by the client's group (remote.d/client.inc.php, 3.2.11). */
const OWNED_TABLES = [
  'cron', 'dns_rr', 'dns_soa', 'dns_slave', 'ftp_user', 'mail_access', 'mail_content_filter', 'mail_forwarding', 'mail_get', 'mail_user',
  'mail_user_filter', 'shell_user', 'spamfilter_users', 'mail_domain', 'support_message', 'web_database', 'web_database_user', 'web_domain',
  'web_traffic', 'domain', 'mail_mailinglist', 'client', 'spamfilter_wblist',
];

const clientDeleteEverything: Handler = (ctx) => {
  const call = ispCall(ctx);
  const clientId = intval(ctx.args[1]);
  if (clientId > 0) {
    // $this->dataRecord is not loaded here, so the "parent" is client 0: the admin login loses a group (see removeGroupFromUser).
    const parentUser = queryOne(call, `SELECT userid FROM ${t('sys_user')} WHERE client_id = 0`);
    const group = queryOne(call, `SELECT groupid FROM ${t('sys_group')} WHERE client_id = ?`, clientId);
    removeGroupFromUser(call, intval(parentUser?.userid), intval(group?.groupid));
    exec(call, `DELETE FROM ${t('sys_group')} WHERE client_id = ?`, clientId);
    exec(call, `DELETE FROM ${t('sys_user')} WHERE client_id = ?`, clientId);
    const groupId = intval(group?.groupid);
    if (groupId > 1) {
      for (const table of OWNED_TABLES) {
        const pk = primaryKeyOrNone(table);
        if (!pk) continue;
        for (const row of queryAll(call, `SELECT * FROM ${t(table)} WHERE sys_groupid = ?`, groupId)) {
          exec(call, `DELETE FROM ${t(table)} WHERE "${pk}" = ?`, row[pk]);
          datalogSave(call, table, 'd', pk, str(row[pk]), row, undefined, 'admin');
          if (table === 'web_domain') exec(call, `DELETE FROM ${t('web_traffic')} WHERE hostname = ?`, row.domain);
          if (table === 'mail_user') exec(call, `DELETE FROM ${t('mail_traffic')} WHERE mailuser_id = ?`, row.mailuser_id);
        }
      }
    }
  }
  // The second permission check comes after the sweep, which stays done (the real code has no transaction).
  if (!mayCall(ispCall(ctx).session!, 'client_delete')) throw ispFault('permission_denied', 'You do not have the permissions to access this function.', { keepChanges: true });
  return deleteRecord(call, 'client', ctx.args[1]);
};

/** The primary key tableInfo() would find; tables without one are skipped, as in PHP. */
function primaryKeyOrNone(table: string): string | undefined {
  return SCHEMA.tables[table]?.primaryKey[0];
}

const clientGetId: Handler = (ctx) => {
  const call = ispCall(ctx);
  const row = queryOne(call, `SELECT client_id FROM ${t('sys_user')} WHERE userid = ?`, intval(ctx.args[1]));
  if (!row) throw ispFault('no_client_found', 'There is no sys_user account with this userid.');
  return intval(row.client_id);
};

const clientGetEmailcontact: Handler = (ctx) => {
  const call = ispCall(ctx);
  const row = queryOne(call, `SELECT company_name, contact_name, gender, email, language FROM ${t('client')} WHERE client_id = ?`, intval(ctx.args[1]));
  if (!row) throw ispFault('no_client_found', 'There is no client with this client ID.');
  return row;
};

const clientGetGroupid: Handler = (ctx) => {
  const call = ispCall(ctx);
  const row = queryOne(call, `SELECT groupid FROM ${t('sys_group')} WHERE client_id = ?`, intval(ctx.args[1]));
  if (!row) throw ispFault('no_group_found', 'There is no group for this client ID.');
  return intval(row.groupid);
};

const clientGetByGroupid: Handler = (ctx) => {
  const call = ispCall(ctx);
  const row = queryOne(call, `SELECT client_id FROM ${t('sys_group')} WHERE groupid = ?`, intval(ctx.args[1]));
  if (!row) throw ispFault('no_group_found', 'There is no client for this group ID.');
  return clientGet(call, intval(row.client_id));
};

/** The sys_user row, password hash included (core-tables.md §2). */
const clientGetByUsername: Handler = (ctx) => {
  const row = queryOne(ispCall(ctx), `SELECT * FROM ${t('sys_user')} WHERE username = ?`, str(ctx.args[1]));
  if (!row) throw ispFault('no_client_found', 'There is no user account for this user name.');
  return row;
};

const clientGetByCustomerNo: Handler = (ctx) => {
  const customerNo = str(ctx.args[1]).trim();
  if (customerNo === '') throw ispFault('permission_denied', 'There was no customer number specified.');
  const row = queryOne(ispCall(ctx), `SELECT * FROM ${t('client')} WHERE customer_no = ?`, customerNo);
  if (!row) throw ispFault('no_client_found', 'There is no user account for this customer number.');
  return row;
};

/** Every client id as a string; false (not an empty list) when there are none. */
const clientGetAll: Handler = (ctx) => {
  const rows = queryAll(ispCall(ctx), `SELECT client_id FROM ${t('client')} ORDER BY client_id`);
  return rows.length ? rows.map((r) => r.client_id) : false;
};

const clientChangePassword: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, newPassword] = ctx.args;
  const row = queryOne(call, `SELECT client_id FROM ${t('client')} WHERE client_id = ?`, str(clientId));
  if (!(intval(row?.client_id) > 0)) throw ispFault('no_client_found', 'There is no user account for this client_id');
  const hash = cryptPassword(str(newPassword));
  exec(call, `UPDATE ${t('client')} SET password = ? WHERE client_id = ?`, hash, str(clientId));
  exec(call, `UPDATE ${t('sys_user')} SET passwort = ? WHERE client_id = ?`, hash, str(clientId));
  return true;
};

const clientTemplatesGetAll: Handler = (ctx) => queryAll(ispCall(ctx), `SELECT * FROM ${t('client_template')} ORDER BY template_id`);

/** client_login_get: checks a panel login (sys_user, or a client by e-mail) with its own one-minute guard keyed on remote_ip. */
const clientLoginGet: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, username, password, remoteIp] = ctx.args;
  const user = str(username);
  if (!/^[\w.\-_@]{1,128}$/.test(user)) throw ispFault('user_regex_error', 'Username contains invalid characters.');
  if (!/^.{1,64}$/s.test(str(password))) throw ispFault('password_length_error', 'Invalid password length or no password provided.');
  const ip = str(remoteIp);
  const failed = queryOne(call, `SELECT rowid, times FROM ${t('attempts_login')} WHERE ip = ? AND login_time > ? LIMIT 1`, ip, mysqlDateTime(call.now - 60));
  if (intval(failed?.times) > 5) throw ispFault('error_user_too_many_logins', 'Too many failed logins.');
  let result: unknown = undefined;
  let wrong = false;
  if (user.includes('@')) {
    const client = queryOne(call, `SELECT * FROM ${t('client')} WHERE email = ?`, user);
    if (client && verifyPassword(str(password), str(client.password))) {
      result = { username: client.username, type: 'user', client_id: client.client_id, language: client.language, country: client.country };
    } else if (client) wrong = true;
  } else {
    const sysUser = queryOne(call, `SELECT * FROM ${t('sys_user')} WHERE username = ?`, user);
    if (!sysUser || !verifyPassword(str(password), str(sysUser.passwort))) {
      if (sysUser) exec(call, `INSERT INTO ${t('attempts_login')} (ip, times, login_time) VALUES (?, '1', ?)`, ip, mysqlDateTime(call.now));
      throw ispFault('login_failed', 'Login failed.');
    }
    // ISPConfig hard-codes the country of panel users.
    result = { username: sysUser.username, type: sysUser.typ, client_id: sysUser.client_id, language: sysUser.language, country: 'de' };
  }
  if (wrong) {
    if (!intval(failed?.times)) exec(call, `INSERT INTO ${t('attempts_login')} (ip, times, login_time) VALUES (?, '1', ?)`, ip, mysqlDateTime(call.now));
    else exec(call, `UPDATE ${t('attempts_login')} SET times = CAST(times AS INTEGER) + 1, login_time = ? WHERE rowid = ?`, mysqlDateTime(call.now), failed!.rowid);
    return false;
  }
  // $returnval is never initialised: an unknown e-mail address returns nothing (nil).
  return result ?? null;
};

/** client_template_additional_*: their one-argument SoapFaults are PHP errors on PHP 8 (summary.md finding 10). */
const templateAdditionalGet: Handler = (ctx) => {
  if (!isNumeric(ctx.args[1])) throw faults.oneArgumentSoapFault();
  return queryAll(ispCall(ctx), `SELECT * FROM ${t('client_template_assigned')} WHERE client_id = ? ORDER BY assigned_template_id`, str(ctx.args[1]));
};

const templateAdditionalAdd: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, templateId] = ctx.args;
  if (!isNumeric(clientId) || !isNumeric(templateId)) throw faults.oneArgumentSoapFault();
  if (!queryOne(call, `SELECT client_id FROM ${t('client')} WHERE client_id = ?`, str(clientId))) throw faults.oneArgumentSoapFault();
  if (!queryOne(call, `SELECT template_id FROM ${t('client_template')} WHERE template_id = ?`, str(templateId))) throw faults.oneArgumentSoapFault();
  const info = call.db.prepare(`INSERT INTO ${t('client_template_assigned')} (client_id, client_template_id) VALUES (?, ?)`).run(str(clientId), str(templateId));
  return String(info.lastInsertRowid);
};

const templateAdditionalDelete: Handler = (ctx) => {
  const call = ispCall(ctx);
  const [, clientId, templateId] = ctx.args;
  if (!isNumeric(clientId) || !isNumeric(templateId)) throw faults.oneArgumentSoapFault();
  if (!queryOne(call, `SELECT client_id FROM ${t('client')} WHERE client_id = ?`, str(clientId))) throw faults.oneArgumentSoapFault();
  // The third argument is matched against client_template_id, despite its name (inventory: "matched by client_template_id").
  const hit = queryOne(call, `SELECT assigned_template_id FROM ${t('client_template_assigned')} WHERE client_id = ? AND client_template_id = ?`, str(clientId), str(templateId));
  if (!hit) throw faults.oneArgumentSoapFault();
  return exec(call, `DELETE FROM ${t('client_template_assigned')} WHERE assigned_template_id = ? AND client_id = ?`, hit.assigned_template_id, str(clientId));
};

/** Websites (vhosts) readable by a user id or any of a comma list of group ids. */
const clientGetSitesByUser: Handler = (ctx) => {
  const [, sysUserid, sysGroupid] = ctx.args;
  const groups = str(sysGroupid).split(',').map((g) => intval(g));
  return queryAll(
    ispCall(ctx),
    `SELECT domain, domain_id, document_root, active FROM ${t('web_domain')} WHERE ((sys_userid = ? AND sys_perm_user LIKE '%r%') OR (sys_groupid IN (${groups.map(() => '?').join(', ')}) AND sys_perm_group LIKE '%r%') OR sys_perm_other LIKE '%r%') AND type = 'vhost' ORDER BY domain_id`,
    intval(sysUserid),
    ...groups,
  );
};

export const clientHandlers: Record<string, Handler> = {
  client_get: (ctx) => clientGet(ispCall(ctx), ctx.args[1]),
  client_add: clientAdd,
  client_update: clientUpdate,
  client_delete: clientDelete,
  client_delete_everything: clientDeleteEverything,
  client_get_id: clientGetId,
  client_get_emailcontact: clientGetEmailcontact,
  client_get_groupid: clientGetGroupid,
  client_get_by_groupid: clientGetByGroupid,
  client_get_by_username: clientGetByUsername,
  client_get_by_customer_no: clientGetByCustomerNo,
  client_get_all: clientGetAll,
  client_change_password: clientChangePassword,
  client_templates_get_all: clientTemplatesGetAll,
  client_login_get: clientLoginGet,
  client_template_additional_get: templateAdditionalGet,
  client_template_additional_add: templateAdditionalAdd,
  client_template_additional_delete: templateAdditionalDelete,
  client_get_sites_by_user: clientGetSitesByUser,
};
