import type { Contract } from '../../../contracts/contract.js';
import type { MethodTable } from '../../core/define-methods.js';
import type { WhmCall } from '../call.js';
import { replyOf } from '../envelope/reply.js';
import { faults } from '../faults.js';
import { sampleReply } from '../sample.js';
import { isObject } from './write-over.js';

/*
 * batch_create_X: create_X once per record of `records`, each as a sub-call
 * through the dispatcher (so its state, checks and journal entry are the
 * single function's), with the arguments the batch shares (list_name…).
 * seed 004, batch_create_cphulk_records: `records` is a list of
 * {ip, comment} objects, each what create_cphulk_record takes. The answer
 * is the batch's documented sample with the single answers' lists joined
 * (ips_added) and their maps merged (ips_failed).
 */

/** Most records one batch runs: a call's work stays bounded. */
export const MAX_BATCH_RECORDS = 200;

export interface BatchFamily {
  kind: 'batch';
  batch: string;
  single: string;
}

/** batch_create_X whose create_X exists and has state (`stateful` says which do). */
export function detectBatches(contract: Contract, stateful: (name: string) => boolean, handled: (name: string) => boolean): BatchFamily[] {
  const names = new Set(contract.methods.map((m) => m.name));
  const out: BatchFamily[] = [];
  for (const name of names) {
    const m = /^batch_create_(.+?)s?$/.exec(name);
    const single = m ? `create_${m[1]}` : undefined;
    if (single && names.has(single) && stateful(single) && !handled(name)) out.push({ kind: 'batch', batch: name, single });
  }
  return out;
}

function recordsOf(call: WhmCall): Record<string, unknown>[] {
  let raw: unknown = call.ctx.params.records;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw faults.invalidParameter('records', raw, 'a JSON list of records');
    }
  }
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (!list.length) throw faults.missingParameter('records');
  if (list.length > MAX_BATCH_RECORDS || !list.every(isObject)) throw faults.invalidParameter('records', '…', `a list of at most ${MAX_BATCH_RECORDS} records`);
  return list as Record<string, unknown>[];
}

function merge(into: Record<string, unknown>, from: unknown): void {
  if (!isObject(from)) return;
  for (const [k, v] of Object.entries(from)) {
    const have = into[k];
    if (Array.isArray(have) && Array.isArray(v)) into[k] = [...have, ...v];
    else if (isObject(have) && isObject(v)) into[k] = { ...have, ...v };
    else if (!(k in into)) into[k] = v;
  }
}

export function batchMethods(family: BatchFamily): MethodTable<WhmCall> {
  return {
    [family.batch]: {
      acl: 'root',
      run: (call) => {
        const { call: decoded, request } = call.ctx;
        const shared = Object.entries(decoded.named ?? {}).filter(([name]) => name !== 'records');
        const data: Record<string, unknown> = {};
        const records = recordsOf(call);
        for (const record of records) {
          const named = Object.fromEntries([...shared, ...Object.entries(record).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])]);
          const outcome = call.subcall({ ...decoded, method: family.single, named }, { ...request, path: `/json-api/${family.single}` });
          if (!outcome.ok) throw outcome.fault;
          merge(data, replyOf(outcome.result).data);
        }
        const sample = sampleReply(call).options.data;
        if (!isObject(sample)) return sampleReply(call, data);
        // seed 004, batch_create_cphulk_records: original_ips_added lists the addresses as the records gave them.
        const original = 'original_ips_added' in sample ? { original_ips_added: records.map((r) => String(r.ip ?? '')) } : {};
        return sampleReply(call, { ...sample, ...data, ...original });
      },
    },
  };
}
