import type { MethodContract } from '../../contracts/contract.js';
import { perlString } from '../protocol/whm/perl-scalars.js';

interface PerTypeRule {
  /** The parameter whose value decides which others apply. */
  selector: string;
  /** Parameter → the selector values it is required for; for any other value it is optional. */
  requiredFor: Record<string, readonly string[]>;
  /**
   * The function completes a stored object, whose own values may supply
   * these parameters: the contract requires none of them and the function
   * checks what is missing once the stored values are merged in.
   */
  merged?: boolean;
}

const S3 = ['AmazonS3', 'S3Compatible'];
const REMOTE_LOGIN = ['Custom', 'FTP', 'SFTP', 'Rsync', 'WebDAV'];

/*
 * Functions whose reference marks parameters "required" that are "only valid
 * for" some values of another parameter. Facts from seed 004, "Add a backup
 * destination" (backup_destination_add), each parameter's note.
 */
const DESTINATION_PARAMS: Record<string, readonly string[]> = {
  application_key: ['Backblaze'],
  application_key_id: ['Backblaze'],
  bucket_id: ['Backblaze'],
  bucket_name: ['Backblaze'],
  authtype: ['SFTP', 'Rsync'],
  aws_access_key_id: S3,
  bucket: S3,
  client_id: ['GoogleDrive'],
  client_secret: ['GoogleDrive'],
  host: [...REMOTE_LOGIN, 'S3Compatible'],
  password: ['AmazonS3', ...REMOTE_LOGIN, 'S3Compatible'],
  script: ['Custom'],
  username: REMOTE_LOGIN,
  // "This parameter is required for the Local backup type."
  path: ['Local'],
};

const RULES: Record<string, PerTypeRule> = {
  backup_destination_add: { selector: 'type', requiredFor: DESTINATION_PARAMS },
  // backup_destination_set merges the call into the stored destination, then checks the type's parameters (Whostmgr::API::1::Backup, asmrdevelop/cpanel).
  backup_destination_set: { selector: 'type', requiredFor: DESTINATION_PARAMS, merged: true },
};

/** The parameters some backup destination type requires. */
export const PER_TYPE_PARAMS = Object.keys(DESTINATION_PARAMS);

/** The selector values (e.g. backup destination types) for which `fn`'s parameter `param` is required, or undefined when it is not per-type. */
export function perTypeRequired(fn: string, param: string): readonly string[] | undefined {
  return RULES[fn]?.requiredFor[param];
}

/** Per contract object (the loose contracts are cached too), per selector value: the adjusted contract. */
const bound = new WeakMap<MethodContract, Map<string, MethodContract>>();

/**
 * The method's contract with each per-type parameter required only for the
 * types it belongs to, when the call names a known type; none of them for
 * an unknown type; the contract as given (every such parameter required,
 * as documented) when the call names no type.
 */
export function withPerTypeParams(method: MethodContract, named: Record<string, unknown>): MethodContract {
  const rule = RULES[method.name];
  if (!rule) return method;
  if (rule.merged) return optionalPerType(method, rule);
  const value = perlString(named[rule.selector]);
  if (value === undefined || value === '') return method;
  const known = Object.values(rule.requiredFor).some((types) => types.includes(value));
  // An unknown value needs none of them: the function refuses the value itself before it reads them
  // (backup_destination_add: Cpanel::Backup::Transport::validate_common checks the type first, asmrdevelop/cpanel).
  const key = known ? value : '';
  let byValue = bound.get(method);
  if (!byValue) bound.set(method, (byValue = new Map()));
  let out = byValue.get(key);
  if (!out) {
    out = { ...method, params: method.params.map((p) => (p.name in rule.requiredFor ? { ...p, required: rule.requiredFor[p.name].includes(key) } : p)) };
    byValue.set(key, out);
  }
  return out;
}

const unrequired = new WeakMap<MethodContract, MethodContract>();

/** The contract with none of the rule's per-type parameters required. */
function optionalPerType(method: MethodContract, rule: PerTypeRule): MethodContract {
  let out = unrequired.get(method);
  if (!out) {
    out = { ...method, params: method.params.map((p) => (p.name in rule.requiredFor ? { ...p, required: false } : p)) };
    unrequired.set(method, out);
  }
  return out;
}
