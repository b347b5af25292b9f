import type { Contract } from '../../../contracts/contract.js';
import type { MethodTable } from '../../core/define-methods.js';
import type { WhmCall } from '../call.js';
import { sampleReply } from '../sample.js';
import { batchMethods, detectBatches } from './batch.js';
import { collectionMethods, type ReadStep } from './collection.js';
import { detectFamilies, type Families } from './detect.js';
import { pairMethods } from './pair.js';
import { toggleMethods } from './toggle.js';

/**
 * The methods of every tier-3 family in the contract whose functions have
 * no hand-written handler (`handled`): the writes of each family, and each
 * read answering its documented sample with the state of every family it
 * reads (modsec_get_rules lists the added rules, then shows the disabled
 * ones as disabled).
 */
export function familyMethods(contract: Contract, handled: (name: string) => boolean): { methods: MethodTable<WhmCall>; families: Families } {
  const families = detectFamilies(contract, handled);
  const methods: MethodTable<WhmCall> = {};
  const steps = new Map<string, ReadStep[]>();
  for (const part of [...families.pairs.map(pairMethods), ...families.collections.map(collectionMethods), ...families.toggles.map(toggleMethods)]) {
    Object.assign(methods, part.writes);
    for (const [name, step] of Object.entries(part.reads)) steps.set(name, [...(steps.get(name) ?? []), step]);
  }
  for (const [name, readSteps] of steps) {
    methods[name] = {
      acl: 'root',
      run: (call) =>
        sampleReply(
          call,
          readSteps.reduce((data, step) => step(data, call), sampleReply(call).options.data),
        ),
    };
  }
  for (const batch of detectBatches(
    contract,
    (name) => handled(name) || name in methods,
    (name) => handled(name) || name in methods,
  )) {
    Object.assign(methods, batchMethods(batch));
    families.batches.push(batch);
  }
  return { methods, families };
}
