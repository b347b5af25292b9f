import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { faults } from '../faults.js';
import { hooks, saveHooks, type Hook } from '../store/hooks.js';

/*
 * Script hooks (seed 004, "Integrations / Scripts Hooks"; the behaviour of
 * cPanel's Cpanel::Hooks::Manage, [cpanel] in faults.ts): list_hooks shows
 * the registry by category, event and stage; edit_hook, delete_hook and
 * reorder_hooks change it.
 */

/** The stages of an event in the order they run (Cpanel::Hooks::Metadata::get_stage_order for the common events). */
const STAGE_ORDER = ['pre', 'post'];
const MAX_TEXT = 1024;

function list_hooks(call: WhmCall): unknown {
  const all = hooks(call.db);
  const categories = [...new Set(all.map((h) => h.category))].sort();
  return {
    categories: categories.map((category) => {
      const inCategory = all.filter((h) => h.category === category);
      const events = [...new Set(inCategory.map((h) => h.event))];
      return {
        category,
        events: events.map((event) => {
          const inEvent = inCategory.filter((h) => h.event === event);
          const stages = [...STAGE_ORDER, ...[...new Set(inEvent.map((h) => h.stage))].filter((s) => !STAGE_ORDER.includes(s)).sort()];
          return {
            event,
            stage_order: STAGE_ORDER,
            stages: stages
              .map((stage) => ({ stage, actions: inEvent.filter((h) => h.stage === stage).sort((a, b) => a.weight - b.weight) }))
              .filter((s) => s.actions.length)
              .map(({ stage, actions }) => ({
                actions: actions.map(action),
                attributes: { blocking: 0, escalateprivs: 0 },
                // inferred: the stage's description (Cpanel::Hooks::Metadata) is its first hook's, as in the sample.
                description: actions[0]!.description,
                stage,
              })),
          };
        }),
      };
    }),
  };
}

/** One hook as list_hooks shows it: `disabled` becomes `enabled`, the stage's blocking attribute is copied in. */
function action(h: Hook): Record<string, unknown> {
  const { disabled, notes, ...rest } = h;
  return { ...rest, blocking: 0, enabled: disabled ? 0 : 1, ...(notes !== undefined ? { notes } : {}) };
}

function text(call: WhmCall, name: string): string | undefined {
  const v = call.str(name);
  if (v !== undefined && v.length > MAX_TEXT) throw faults.invalidParameter(name, `${v.slice(0, 40)}…`, `at most ${MAX_TEXT} characters`);
  return v;
}

function edit_hook(call: WhmCall): unknown {
  const id = call.required('id');
  const all = hooks(call.db);
  const found = all.find((h) => h.id === id);
  if (!found) throw faults.noSuchHook(id.slice(0, 100));
  const changes: Partial<Hook> = {};
  for (const name of ['hook', 'check', 'rollback', 'description', 'notes'] as const) {
    const v = text(call, name);
    if (v !== undefined) changes[name] = v;
  }
  const stage = call.str('stage');
  if (stage !== undefined) {
    if (!STAGE_ORDER.includes(stage)) throw faults.invalidParameter('stage', stage.slice(0, 40), 'pre or post');
    changes.stage = stage;
  }
  const exectype = call.str('exectype');
  if (exectype !== undefined) {
    if (exectype !== 'script' && exectype !== 'module') throw faults.invalidParameter('exectype', exectype.slice(0, 40), 'script or module');
    changes.exectype = exectype;
  }
  const weight = call.int('weight');
  if (weight !== undefined) {
    if (weight < 1) throw faults.invalidParameter('weight', weight, 'a whole number of at least 1');
    changes.weight = weight;
  }
  if (call.sent('enabled')) changes.disabled = call.bool('enabled') ? 0 : 1;
  if (call.sent('escalateprivs')) changes.escalateprivs = call.bool('escalateprivs') ? 1 : 0;
  if (!Object.keys(changes).length) throw faults.hookEditEmpty();
  saveHooks(
    call.db,
    all.map((h) => (h.id === id ? { ...h, ...changes } : h)),
  );
  return undefined;
}

function delete_hook(call: WhmCall): unknown {
  const id = call.required('id');
  const all = hooks(call.db);
  if (!all.some((h) => h.id === id)) throw faults.noSuchHook(id.slice(0, 100));
  saveHooks(
    call.db,
    all.filter((h) => h.id !== id),
  );
  return undefined;
}

/** reorder_hooks: the hooks of one category, event and stage get weights 100, 200… in the order given (Cpanel::Hooks::Manage::reorder_hooks). */
function reorder_hooks(call: WhmCall): unknown {
  const ids = [
    ...new Set(
      call
        .required('ids')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, 1000);
  const all = hooks(call.db);
  const chosen = ids.map((id) => all.find((h) => h.id === id));
  if (chosen.some((h) => !h)) throw faults.hookReorderMissing();
  const places = new Set(chosen.map((h) => `${h!.category}\u0000${h!.event}\u0000${h!.stage}`));
  if (places.size !== 1) throw faults.hookReorderMixed();
  const weight = new Map(ids.map((id, i) => [id, (i + 1) * 100]));
  saveHooks(
    call.db,
    all.map((h) => (weight.has(h.id) ? { ...h, weight: weight.get(h.id)! } : h)),
  );
  return { hook_order: ids.map((id) => ({ id, weight: weight.get(id)! })) };
}

export const hookMethods = defineMethods<WhmCall>({
  list_hooks: { acl: 'root', run: list_hooks },
  edit_hook: { acl: 'root', run: edit_hook },
  delete_hook: { acl: 'root', run: delete_hook },
  reorder_hooks: { acl: 'root', run: reorder_hooks },
});
