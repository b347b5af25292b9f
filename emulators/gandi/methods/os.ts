import { prepare } from '../../../state/database.js';
import type { Handler } from '../../core/panel.js';

/** Seed 001 § OS methods. inferred members: the successor API's image fields (research/webfaction-gandi/realworld.md §2.4). */
export const osMethods: Record<string, Handler> = {
  os_list: (ctx) =>
    prepare<[], { id: number; label: string; os_arch: string; date_created: number }>(ctx.db, 'SELECT * FROM gandi_os ORDER BY id')
      .all()
      .map((os) => ({ id: os.id, label: os.label, os_arch: os.os_arch, date_created: new Date(os.date_created * 1000) })),
};
