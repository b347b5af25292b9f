import type { MethodContract } from '../../contracts/contract.js';
import type { Handler } from '../core/panel.js';
import { deleteRecord, getRecord, insertRecord, updateRecord } from './engine/crud.js';
import { SCHEMA } from './schema/index.js';
import { ispCall } from './session.js';

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
 * The generic handler of a plain CRUD method. remote.d's wrappers all share
 * one calling shape: get(session, id), add(session, client_id, params),
 * update(session, client_id, id, params), delete(session, id); the
 * parameters are taken by position (their names vary: primary_id, cron_id,
 * vm_id…).
 */
export function crudHandler(op: CrudOp, form: string): Handler {
  switch (op) {
    case 'get':
      return (ctx) => getRecord(ispCall(ctx), form, ctx.args[1]);
    case 'add':
      return (ctx) => insertRecord(ispCall(ctx), form, ctx.args[1], ctx.args[2]).returned;
    case 'update':
      return (ctx) => updateRecord(ispCall(ctx), form, ctx.args[1], ctx.args[2], ctx.args[3]);
    case 'delete':
      return (ctx) => deleteRecord(ispCall(ctx), form, ctx.args[1]);
  }
}
