import type { DB } from '../../../state/database.js';
import { readList, writeList } from './stored-settings.js';

/*
 * The server's script hooks registry (seed 004, "Integrations / Scripts
 * Hooks"; cPanel keeps it as one YAML file per category and event,
 * Cpanel::Hooks::Manage). Kept as one bounded list.
 */

export interface Hook {
  id: string;
  category: string;
  event: string;
  stage: string;
  hook: string;
  exectype: 'script' | 'module';
  weight: number;
  disabled: 0 | 1;
  escalateprivs: 0 | 1;
  description: string | null;
  check: string | null;
  rollback: string | null;
  notes?: string;
}

const HOOKS = 'hooks';

/**
 * A fresh server's hooks (inferred): the list_hooks sample's RPM::Versions
 * MariaDB-server post stage, holding the two hooks whose IDs the reference's
 * edit_hook, delete_hook and reorder_hooks examples name.
 */
const SEEDED: Hook[] = [
  {
    id: 'HzEpGvT6QGUYwxuX3hWB8AUq',
    category: 'RPM::Versions',
    event: 'MariaDB-server',
    stage: 'post',
    hook: '/scripts/postcourier-authlibup',
    exectype: 'script',
    weight: 100,
    disabled: 0,
    escalateprivs: 0,
    description: 'My hook script.',
    check: null,
    rollback: null,
  },
  {
    id: 'UNs8a8IbbAVf5oi_hXbcEw5a',
    category: 'RPM::Versions',
    event: 'MariaDB-server',
    stage: 'post',
    hook: '/usr/local/cpanel/scripts/restartsrv_mysql',
    exectype: 'script',
    weight: 200,
    disabled: 0,
    escalateprivs: 0,
    description: null,
    check: null,
    rollback: null,
  },
];

export const hooks = (db: DB): Hook[] => readList<Hook[]>(db, HOOKS, SEEDED);

export function saveHooks(db: DB, list: Hook[]): void {
  writeList(db, HOOKS, list);
}
