import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults, reasons } from '../faults.js';
import { inRange, normaliseWhitelistEntry } from '../ip.js';
import { MAX_LIST_ENTRIES, readList, writeList } from '../store/stored-settings.js';

/*
 * cPHulk's white and black lists (seed 004, "Login Security (cPHulk) / Management"): create_cphulk_record
 * and delete_cphulk_record write, read_cphulk_records shows them. The
 * answers keep the documented samples' keys; wording marked inferred is ours.
 */

const tooMany = (what: string) => faults.listFull(MAX_LIST_ENTRIES, what);

const LISTS = ['white', 'black'];

function listName(call: WhmCall): string {
  const name = call.required('list_name');
  if (!LISTS.includes(name)) throw faults.invalidParameter('list_name', name.slice(0, 100), '“white” or “black”');
  return name;
}

const cphulkList = (call: WhmCall, name: string) => readList<Record<string, string>>(call.db, `cphulk:${name}`, {});

/** The requester facts every cPHulk list answer carries (samples): its address and whether the white list holds it. */
function requester(call: WhmCall): { requester_ip: string; requester_ip_is_whitelisted: 0 | 1 } {
  const ip = call.ctx.request.remoteAddress;
  const white = Object.keys(cphulkList(call, 'white'));
  return { requester_ip: ip, requester_ip_is_whitelisted: white.some((entry) => inRange(ip, entry)) ? 1 : 0 };
}

function create_cphulk_record(call: WhmCall): unknown {
  const name = listName(call);
  const comment = call.str('comment') ?? '';
  const list = cphulkList(call, name);
  const added: string[] = [];
  const failed: Record<string, string> = {};
  for (const raw of call.list('ip').slice(0, MAX_LIST_ENTRIES)) {
    const entry = normaliseWhitelistEntry(raw);
    if (!entry) failed[raw] = reasons.cphulkInvalidIp(raw);
    else {
      if (!(entry in list) && Object.keys(list).length >= MAX_LIST_ENTRIES) throw tooMany('cPHulk entries per list');
      list[entry] = comment;
      added.push(entry);
    }
  }
  writeList(call.db, `cphulk:${name}`, list);
  return { comment, ip_blocks_removed: 0, ips_added: added, ips_failed: failed, iptable_bans_removed: 0, list_name: name, ...requester(call) };
}

function read_cphulk_records(call: WhmCall): unknown {
  const name = listName(call);
  const who = requester(call);
  return {
    ips_in_list: cphulkList(call, name),
    list_name: name,
    ...who,
    // The sample's warning when the requester is not on the white list (inferred: shown only then).
    ...(who.requester_ip_is_whitelisted ? {} : { warning_ip: 'The IP address is not on the white list.' }),
  };
}

function delete_cphulk_record(call: WhmCall): unknown {
  const name = listName(call);
  const list = cphulkList(call, name);
  const removed: string[] = [];
  const failed: Record<string, string> = {};
  for (const raw of call.list('ip').slice(0, MAX_LIST_ENTRIES)) {
    const entry = normaliseWhitelistEntry(raw) ?? raw;
    if (entry in list) {
      delete list[entry];
      removed.push(entry);
    } else failed[raw] = reasons.notOnCphulkList(raw, name);
  }
  writeList(call.db, `cphulk:${name}`, list);
  return { ips_failed: failed, ips_removed: removed, list_name: name, ...requester(call) };
}

export const cphulkMethods = defineMethods<WhmCall>({
  create_cphulk_record: { acl: 'root', run: create_cphulk_record },
  read_cphulk_records: { acl: 'root', run: read_cphulk_records },
  delete_cphulk_record: { acl: 'root', run: delete_cphulk_record },
});
