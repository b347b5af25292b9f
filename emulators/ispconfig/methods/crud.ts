import type { Contract, MethodContract } from '../../../contracts/contract.js';
import { defineMethods, type MethodTable } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { SCHEMA } from '../schema/index.js';
import { deleteRecord, getRecord, insertRecord, updateRecord } from '../store/records.js';

/**
 * Method families whose form is not named after them (remote.d loads
 * `../<module>/form/<form>.tform.php`). Every other family uses the form of
 * its own name, without a `sites_` prefix: `dns_mx` → dns_mx,
 * `sites_cron` → cron, `mail_transport` → mail_transport.
 */
const FORM_OF: Record<string, string> = {
  client: 'client',
  dns_zone: 'dns_soa',
  domains_domain: 'domain',
  mail_catchall: 'mail_domain_catchall',
  mail_fetchmail: 'mail_get',
  mail_filter: 'mail_content_filter',
  mail_policy: 'spamfilter_policy',
  mail_spamfilter_blacklist: 'spamfilter_blacklist',
  mail_spamfilter_user: 'spamfilter_users',
  mail_spamfilter_whitelist: 'spamfilter_whitelist',
  sites_web_domain: 'web_vhost_domain',
  sites_web_vhost_aliasdomain: 'web_vhost_domain',
  sites_web_vhost_subdomain: 'web_vhost_domain',
  sites_web_aliasdomain: 'web_childdomain',
  sites_web_subdomain: 'web_childdomain',
};

export type CrudOp = 'get' | 'add' | 'update' | 'delete';

/** The family, operation and form of a form-backed CRUD method, or undefined when the method is something else. */
export function crudShape(method: MethodContract): { family: string; op: CrudOp; form: string } | undefined {
  const m = /^(.+)_(get|add|update|delete)$/.exec(method.name);
  if (!m || !method.table) return undefined;
  const family = m[1];
  const form = FORM_OF[family] ?? family.replace(/^sites_/, '');
  if (!SCHEMA.forms[form] || SCHEMA.forms[form].table !== method.table) return undefined;
  return { family, op: m[2] as CrudOp, form };
}

/**
 * The generic method of a plain CRUD operation. remote.d's wrappers all
 * share one calling shape: get(session, id), add(session, client_id,
 * params), update(session, client_id, id, params), delete(session, id); the
 * arguments are read by position because their names vary (primary_id,
 * cron_id, vm_id…).
 */
function crudRun(op: CrudOp, form: string): (call: IspCall) => unknown {
  switch (op) {
    case 'get':
      return (call) => getRecord(call, form, call.args[1]);
    case 'add':
      return (call) => insertRecord(call, form, call.args[1], call.args[2]).returned;
    case 'update':
      return (call) => updateRecord(call, form, call.args[1], call.args[2], call.args[3]);
    case 'delete':
      return (call) => deleteRecord(call, form, call.args[1]);
  }
}

/** Every form-backed `*_get/_add/_update/_delete` of the contract, served by the generic record store. */
export function crudMethods(contract: Contract): MethodTable<IspCall> {
  const table: MethodTable<IspCall> = {};
  for (const method of contract.methods) {
    if (method.tags?.includes('private')) continue;
    const shape = crudShape(method);
    if (shape) table[method.name] = { run: crudRun(shape.op, shape.form) };
  }
  return defineMethods<IspCall>(table);
}
