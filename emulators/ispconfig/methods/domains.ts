import { defineMethods } from '../../core/define-methods.js';
import type { IspCall } from '../call.js';
import { intval } from '../engine/php.js';
import { domainsOfGroup } from '../store/groups.js';

// The domains section beyond its form-backed CRUD (remote.d/domains.inc.php, 3.2.11).

export const domainsMethods = defineMethods<IspCall>({
  domains_get_all_by_user: { run: (call) => domainsOfGroup(call.db, intval(call.param('group_id'))) },
});
