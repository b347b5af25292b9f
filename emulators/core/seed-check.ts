import { MockpanelError } from '../../kernel/mockpanel-error.js';

/**
 * Checks one list of a seed section before anything is inserted, so a
 * missing field is reported by its path (`whm.resellers[0].password`)
 * instead of surfacing as a database constraint error.
 *
 * @param path where the list sits in the seed file, e.g. `whm.accounts`
 * @param list the list as read (undefined: nothing to check)
 * @param required fields each member must hold as a non-empty string
 */
export function checkSeedList(path: string, list: unknown, required: readonly string[]): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new MockpanelError('bad_seed', `seed file: ${path} must be a list.`);
  list.forEach((member, i) => {
    if (!member || typeof member !== 'object' || Array.isArray(member)) throw new MockpanelError('bad_seed', `seed file: ${path}[${i}] must be an object.`);
    for (const field of required) {
      const value = (member as Record<string, unknown>)[field];
      if (typeof value !== 'string' || value === '') {
        throw new MockpanelError(
          'bad_seed',
          `seed file: ${path}[${i}].${field} is ${value === undefined ? 'missing' : 'not a non-empty string'} (required: ${required.join(', ')}).`,
        );
      }
    }
  });
}
