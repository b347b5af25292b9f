import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { PER_TYPE_PARAMS, perTypeRequired } from '../per-type-params.js';
import { DESTINATION_TYPES, destinations, getDestination, MAX_DESTINATIONS, saveDestinations, type Destination } from '../store/backup-destinations.js';
import { isoDay, pruneTransports, transports } from '../store/backups.js';
import { randomAlnum } from '../store/operations.js';

/*
 * Backup destinations (seed 004, "Backups / Backup Destination") and what
 * was sent to them (backup_list_transported, backup_get_transport_status,
 * "Backups / Backup or Restore"): archives made while a destination is
 * enabled are uploaded to it (store/backups.ts).
 */

/*
 * The optional parameters "only valid for" some types (seed 004,
 * backup_destination_add, each parameter's note); the required ones are
 * per-type-params.ts's.
 */
const OPTIONAL_FOR: Record<string, readonly string[]> = {
  folder: ['AmazonS3', 'GoogleDrive', 'S3Compatible'],
  mount: ['Local'],
  no_mount_fail: ['Local'],
  passive: ['FTP'],
  passphrase: ['SFTP', 'Rsync'],
  privatekey: ['SFTP', 'Rsync'],
  path: ['Backblaze', 'Custom', 'Local', 'FTP', 'SFTP', 'Rsync', 'WebDAV'],
  port: ['FTP', 'SFTP', 'Rsync', 'WebDAV'],
  ssl: ['WebDAV'],
  timeout: DESTINATION_TYPES.filter((t) => t !== 'Local'),
};
/** Parameters of every type. */
const COMMON = ['only_used_for_logs', 'upload_system_backup'];
const FLAGS = new Set(['mount', 'no_mount_fail', 'passive', 'ssl', 'only_used_for_logs', 'upload_system_backup']);
/** Shown as '' unless 1 (Whostmgr::API::1::Backup backup_destination_list, "@binary_params"). */
const BINARY_SHOWN = ['ssl', 'mount', 'no_mount_fail'];
const SECRETS = ['password', 'passphrase'];
const MAX_VALUE = 1024;

function validFor(param: string, type: string): boolean {
  if (COMMON.includes(param)) return true;
  const types = perTypeRequired('backup_destination_add', param) ?? OPTIONAL_FOR[param];
  return types !== undefined && types.includes(type);
}

const listAnd = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** Every parameter some destination type takes besides name, type and disabled (seed 004, backup_destination_add). */
const TYPE_PARAMS = [...new Set([...PER_TYPE_PARAMS, ...Object.keys(OPTIONAL_FOR), ...COMMON])];

/**
 * Reads `names` from the call into `dest` for its type, each checked as
 * backup_destination_add checks it; parameters of other types are left
 * out (Cpanel::Transport::Files::sanitize_parameters, asmrdevelop/cpanel).
 * Answers the names whose values are invalid.
 */
function readTypeParams(call: WhmCall, dest: Destination, names: readonly string[]): string[] {
  const invalid: string[] = [];
  const disabled = call.str('disabled');
  if (disabled !== undefined && disabled !== '0' && disabled !== '1') invalid.push('disabled');
  else if (disabled !== undefined) dest.disabled = Number(disabled);
  for (const param of names) {
    if (['name', 'type', 'disabled'].includes(param) || !call.sent(param) || !validFor(param, dest.type)) continue;
    const value = call.str(param) ?? '';
    if (value.length > MAX_VALUE) invalid.push(param);
    else if (FLAGS.has(param)) {
      if (value !== '0' && value !== '1') invalid.push(param);
      else dest[param] = Number(value);
    } else if (param === 'port' || param === 'timeout') {
      const n = Number(value);
      if (!/^\d+$/.test(value) || (param === 'port' && (n < 1 || n > 65535))) invalid.push(param);
      else dest[param] = n;
    } else if (param === 'authtype' && value !== 'password' && value !== 'key') invalid.push(param);
    else dest[param] = value;
  }
  return invalid;
}

function checkType(type: string): void {
  if (!(DESTINATION_TYPES as readonly string[]).includes(type)) throw faults.destinationTypeInvalid(type.slice(0, 100));
}

function backup_destination_add(call: WhmCall): unknown {
  const name = call.required('name');
  const type = call.required('type');
  checkType(type);
  const dest: Destination = { id: randomAlnum(24), name: name.slice(0, 255), type, disabled: 0 };
  const invalid = readTypeParams(
    call,
    dest,
    call.ctx.method.params.map((p) => p.name),
  );
  if (invalid.length) throw faults.destinationParamsInvalid(listAnd(invalid));
  const list = destinations(call.db);
  if (list.length >= MAX_DESTINATIONS) throw faults.listFull(MAX_DESTINATIONS, 'backup destinations');
  saveDestinations(call.db, [...list, dest]);
  return { id: dest.id };
}

function destinationArg(call: WhmCall): Destination {
  const id = call.required('id');
  const dest = getDestination(call.db, id);
  if (!dest) throw faults.noSuchDestination(id.slice(0, 100));
  return dest;
}

function backup_destination_delete(call: WhmCall): unknown {
  const dest = destinationArg(call);
  saveDestinations(
    call.db,
    destinations(call.db).filter((d) => d.id !== dest.id),
  );
  pruneTransports(call.db, dest.id);
  return undefined;
}

function backup_destination_list(call: WhmCall): unknown {
  return {
    destination_list: destinations(call.db).map((d) => {
      const shown: Record<string, unknown> = Object.fromEntries(Object.entries(d).filter(([k]) => !SECRETS.includes(k)));
      for (const p of BINARY_SHOWN) if (p in shown && shown[p] !== 1) shown[p] = '';
      return shown;
    }),
  };
}

/**
 * Checks a stored destination. The remote ones are taken to answer
 * (inferred: mockpanel reaches no remote host); a Local one needs an
 * absolute path to write its test file in. A failure with disableonfail=1
 * disables the destination with the reason, which backup_destination_list shows.
 */
function backup_destination_validate(call: WhmCall): unknown {
  const disableOnFail = call.required('disableonfail');
  if (disableOnFail !== '0' && disableOnFail !== '1') throw faults.disableOnFailInvalid(disableOnFail.slice(0, 100));
  const dest = destinationArg(call);
  const path = typeof dest.path === 'string' ? dest.path : '';
  if (dest.type === 'Local' && !path.startsWith('/')) {
    const why = `Could not upload test file: ${path ? `“${path}” is not an absolute path` : 'no path is set'}`;
    if (disableOnFail === '1') {
      saveDestinations(
        call.db,
        destinations(call.db).map((d) => (d.id === dest.id ? { ...d, disabled: 1, disable_reason: why } : d)),
      );
    }
    throw faults.destinationValidationFailed(dest.name, why).with({ keepChanges: true });
  }
  return { id: dest.id };
}

/** A destination's settings without its secrets (seed 004, backup_destination_get; "Make sure no passwords are returned", Whostmgr::API::1::Backup). */
function backup_destination_get(call: WhmCall): unknown {
  return Object.fromEntries(Object.entries(destinationArg(call)).filter(([k]) => !SECRETS.includes(k)));
}

/**
 * backup_destination_set: the call's values over the stored destination's
 * ("If you do not set this parameter, the system retains the current
 * setting", seed 004), then the same checks as backup_destination_add for
 * the resulting type: its required parameters present, every value valid.
 * A new type drops the old type's parameters (sanitize_parameters,
 * Whostmgr::API::1::Backup backup_destination_set, asmrdevelop/cpanel).
 */
function backup_destination_set(call: WhmCall): unknown {
  const stored = destinationArg(call);
  const type = call.str('type') || stored.type;
  checkType(type);
  const dest: Destination = { id: stored.id, name: stored.name, type, disabled: stored.disabled };
  for (const [k, v] of Object.entries(stored)) if (!(k in dest) && (k === 'disable_reason' || validFor(k, type))) dest[k] = v;
  const name = call.str('name');
  if (name) dest.name = name.slice(0, 255);
  const reason = call.str('disable_reason');
  if (reason !== undefined) dest.disable_reason = reason.slice(0, MAX_VALUE);
  const invalid = readTypeParams(call, dest, TYPE_PARAMS);
  const missing = PER_TYPE_PARAMS.filter((p) => perTypeRequired('backup_destination_add', p)!.includes(type) && (dest[p] === undefined || dest[p] === ''));
  if (missing.length) throw faults.destinationParamsMissing(missing.join(' '));
  if (invalid.length) throw faults.destinationParamsInvalid(listAnd(invalid));
  saveDestinations(
    call.db,
    destinations(call.db).map((d) => (d.id === dest.id ? dest : d)),
  );
  return undefined;
}

function backup_list_transported(call: WhmCall): unknown {
  const now = call.now();
  const remote: Record<string, Record<string, string[]>> = {};
  for (const t of transports(call.db, call.str('transport') || undefined)) {
    if (t.ends > now) continue;
    ((remote[t.transport] ??= {})[t.user] ??= []).push(isoDay(t.date));
  }
  return { remote_backups: remote };
}

const iso = (unix: number) => new Date(unix * 1000).toISOString();

function backup_get_transport_status(call: WhmCall): unknown {
  const state = call.str('state');
  if (state && !['completed', 'failed', 'pending', 'running'].includes(state))
    throw faults.invalidParameter('state', state.slice(0, 100), 'completed, failed, pending or running');
  const now = call.now();
  const rows = transports(call.db, call.str('transport_id') || undefined).map((t) => ({
    date: isoDay(t.date),
    end_timestamp: iso(t.ends),
    start_timestamp: iso(t.started),
    status: t.ends > now ? 'running' : 'completed',
    transport: t.transport,
    user: t.user,
  }));
  return { pages: 1, transport_status: rows.filter((r) => !state || r.status === state) };
}

export const backupDestinationMethods = defineMethods<WhmCall>({
  backup_destination_add: { acl: 'root', run: backup_destination_add },
  backup_destination_delete: { acl: 'root', run: backup_destination_delete },
  backup_destination_list: { acl: 'root', run: backup_destination_list },
  backup_destination_validate: { acl: 'root', run: backup_destination_validate },
  backup_destination_get: { acl: 'root', run: backup_destination_get },
  backup_destination_set: { acl: 'root', run: backup_destination_set },
  backup_list_transported: { acl: 'root', run: backup_list_transported },
  backup_get_transport_status: { acl: 'root', run: backup_get_transport_status },
});
