import type express from 'express';
import type { JournalQuery } from '../../state/journal-store.js';
import type { Core } from '../core/dispatcher.js';
import { emulationTotals, methodEmulations } from '../core/emulation.js';
import { FAULT_EFFECTS } from '../../state/fault-rules.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { isPanelId } from '../../kernel/panel-id.js';
import { intParam } from './admin-api.js';
import { stateView } from './state-views.js';

const MAX_TEXT = 200;

/** The journal filters the dashboard added (`text`, `rule`, `member`), read from a query string. */
export function dashboardJournalFilters(q: Record<string, string | undefined>): Pick<JournalQuery, 'text' | 'rule' | 'member'> {
  const out: Pick<JournalQuery, 'text' | 'rule' | 'member'> = {};
  if (q.text !== undefined && q.text !== '') {
    if (typeof q.text !== 'string' || q.text.length > MAX_TEXT) throw new MockpanelError('bad_request', `"text" is at most ${MAX_TEXT} characters.`);
    out.text = q.text;
  }
  if (q.rule !== undefined) out.rule = intParam(q.rule, 'rule');
  if (q.member !== undefined) {
    const m = typeof q.member === 'string' ? /^([A-Za-z0-9_.-]{1,64}):(.{1,200})$/s.exec(q.member) : null;
    if (!m) throw new MockpanelError('bad_request', '"member" is <argument name>:<value>, e.g. vm_id:12.');
    out.member = { name: m[1], value: m[2] };
  }
  return out;
}

/**
 * Admin routes the dashboard reads (and any script may): an overview of the
 * worlds, the panels' methods and fault effects, per-panel state views and
 * single journal entries with their wire text. Mounted inside the admin app,
 * so they answer under its access rule.
 */
export function mountDashboardApi(app: express.Express, core: Core): void {
  const worlds = core.worlds;

  app.get('/_admin/overview', (_req, res) => {
    res.json({
      worlds: worlds.list().map((id) => {
        const world = worlds.require(id);
        const stats = world.journal.stats();
        return {
          id,
          now: world.clock.now().toISOString(),
          frozen: world.clock.frozen,
          calls: stats.calls,
          faults: stats.faults,
          lastCall: stats.lastId === undefined ? null : { id: stats.lastId, worldTime: stats.lastWorldTime, wallTime: stats.lastWallTime },
          rules: world.faults.list(),
        };
      }),
      snapshots: worlds.snapshotNames(),
    });
  });

  app.get('/_admin/panels', (_req, res) => {
    res.json({
      panels: [...core.panels.values()].map((panel) => {
        const methods = methodEmulations(panel);
        return {
          id: panel.id,
          title: panel.title,
          coverage: emulationTotals(methods),
          methods: methods.map((m) => ({ name: m.name, emulation: m.emulation })),
        };
      }),
      effects: FAULT_EFFECTS,
    });
  });

  app.get('/_admin/worlds/:id/state/:panel', (req, res) => {
    const panel = req.params.panel;
    if (!isPanelId(panel) || !core.panels.has(panel)) {
      throw new MockpanelError('panel_not_found', `No panel "${panel}" in this server; it runs ${[...core.panels.keys()].join(', ')}.`, 404);
    }
    const world = worlds.require(req.params.id);
    res.json({ world: world.id, now: world.clock.now().toISOString(), ...stateView(world, panel) });
  });

  app.get('/_admin/worlds/:id/journal/:entry', (req, res) => {
    const world = worlds.require(req.params.id);
    const id = intParam(req.params.entry, 'entry');
    const entry = world.journal.entry(id);
    if (!entry)
      throw new MockpanelError(
        'journal_entry_not_found',
        `No journal entry ${id} in world "${world.id}" (the journal keeps the newest ${world.journal.limit}).`,
        404,
      );
    res.json(entry);
  });
}
