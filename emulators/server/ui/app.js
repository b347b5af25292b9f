// The mockpanel dashboard: every view reads and writes through the admin API (see admin-api.openapi.json),
// so anything done here can be scripted. Routes live in the URL hash: #/, #/w/<world>/<tab>[/<panel>][?query].
import { api, cell, coverageBars, h, render, say, time } from './view.js';
import { curlCommand, messageView, valueView } from './wire-view.js';

const main = document.getElementById('main');
const crumbs = document.getElementById('crumbs');
const POLL_MS = 1000;
const TABS = [
  ['state', 'State'],
  ['journal', 'Journal'],
  ['faults', 'Faults'],
  ['clock', 'Clock'],
  ['report', 'Report'],
];

let timers = [];
let panelsInfo;
/** The panel last shown in a State tab: the tab opens on it again. */
let lastPanel = '';
/** Bumped on every navigation: a slow answer for a view that was left is dropped. */
let generation = 0;

const every = (ms, fn) => timers.push(setInterval(fn, ms));
const enc = encodeURIComponent;
const worldPath = (id) => `/worlds/${enc(id)}`;

async function panels() {
  panelsInfo ??= await api('GET', '/panels');
  return panelsInfo;
}

/** Runs an admin action, then says what happened (or why it failed) and redraws. */
async function act(what, fn, then = route) {
  try {
    await fn();
    say(what);
    await then();
  } catch (error) {
    say(`${what.replace(/\.$/, '')} failed: ${error.message}`, 'error');
  }
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

async function route() {
  for (const t of timers) clearInterval(t);
  timers = [];
  const mine = ++generation;
  const { parts, query } = parseHash();
  try {
    if (parts[0] === 'w' && parts[1]) await worldPage(parts[1], parts[2] ?? 'state', parts[3], query, mine);
    else await worldsPage(mine);
  } catch (error) {
    if (mine !== generation) return;
    render(main, h('h1', {}, 'Something went wrong'), h('p', { class: 'fault' }, error.message), h('p', {}, h('a', { href: '#/' }, 'Back to the worlds')));
  }
}

// ---------------------------------------------------------------- worlds

async function worldsPage(mine) {
  render(crumbs, h('span', {}, 'Worlds'));
  document.title = 'Worlds — mockpanel';
  const tbody = h('tbody');
  const snapshotsList = h('ul', { id: 'snapshots' });
  const fromSelect = h('select', { name: 'from', id: 'create-from' });
  const draw = async () => {
    const overview = await api('GET', '/overview');
    if (mine !== generation) return;
    render(
      tbody,
      overview.worlds.map((w) => worldRow(w, overview.snapshots)),
    );
    render(
      snapshotsList,
      overview.snapshots.length
        ? overview.snapshots.map((s) =>
            h(
              'li',
              {},
              h('code', {}, s),
              ' ',
              h('button', { class: 'danger', onclick: () => act(`Deleted snapshot ${s}.`, () => api('DELETE', `/snapshots/${enc(s)}`)) }, 'Delete'),
            ),
          )
        : h('li', { class: 'muted' }, 'none yet'),
    );
    const chosen = fromSelect.value;
    render(
      fromSelect,
      h('option', { value: '' }, 'the seed'),
      overview.snapshots.map((s) => h('option', { value: s }, `snapshot ${s}`)),
    );
    fromSelect.value = chosen;
  };
  const idInput = h('input', { name: 'id', id: 'create-id', placeholder: 'random when empty', pattern: '[A-Za-z0-9][A-Za-z0-9._-]{0,63}' });
  const create = h(
    'form',
    {
      class: 'inline',
      id: 'create-world',
      onsubmit: (e) => {
        e.preventDefault();
        const body = { ...(idInput.value ? { id: idInput.value } : {}), ...(fromSelect.value ? { from: fromSelect.value } : {}) };
        act('World created.', async () => say(`Created ${(await api('POST', '/worlds', body)).id}.`));
      },
    },
    h('label', {}, 'World id', idInput),
    h('label', {}, 'From', fromSelect),
    h('button', { type: 'submit' }, 'Create world'),
  );
  render(
    main,
    h('h1', {}, 'Worlds'),
    h(
      'p',
      { class: 'muted' },
      'Each world is an isolated copy of all four panels, with its own clock, journal and fault rules. The list refreshes every second.',
    ),
    h(
      'table',
      { class: 'worlds' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['World', 'Calls', 'Faults', 'Last call', 'Clock', 'Armed faults', 'Actions'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      tbody,
    ),
    h('h2', {}, 'New world'),
    create,
    h('h2', {}, 'Snapshots'),
    snapshotsList,
  );
  await draw();
  every(POLL_MS, () => {
    // Never redraw under a user who is typing in a row's snapshot field.
    if (!tbody.contains(document.activeElement)) draw().catch(() => undefined);
  });
}

function worldRow(w, snapshots) {
  const snapName = h('input', { 'aria-label': `Snapshot name for ${w.id}`, placeholder: 'snapshot name', size: 12 });
  const restoreFrom = h(
    'select',
    { 'aria-label': `Snapshot to restore into ${w.id}` },
    snapshots.map((s) => h('option', { value: s }, s)),
  );
  const rules = w.rules.map((r) => h('span', { class: 'chip' }, `#${r.id} ${r.panel ?? '*'}.${r.method ?? '*'} → ${r.effect.type}`));
  return h(
    'tr',
    { 'data-world': w.id },
    h('th', { scope: 'row' }, h('a', { href: `#/w/${enc(w.id)}/journal` }, w.id)),
    h('td', { class: 'num calls' }, w.calls),
    h('td', { class: 'num' }, w.faults),
    h('td', {}, w.lastCall ? time(w.lastCall.wallTime) : h('span', { class: 'muted' }, 'never')),
    h('td', { class: 'clock' }, time(w.now), w.frozen ? h('span', { class: 'frozen' }, ' (frozen)') : null),
    h('td', {}, rules.length ? rules : h('span', { class: 'muted' }, 'none')),
    h(
      'td',
      { class: 'row-actions' },
      h('button', { onclick: () => act(`Reset ${w.id}.`, () => api('POST', `${worldPath(w.id)}/reset`)) }, 'Reset'),
      h(
        'button',
        { class: 'danger', onclick: () => confirmThen(`Delete world ${w.id}?`, () => act(`Deleted ${w.id}.`, () => api('DELETE', worldPath(w.id)))) },
        'Delete',
      ),
      h(
        'form',
        {
          onsubmit: (e) => {
            e.preventDefault();
            act(`Saved snapshot ${snapName.value} of ${w.id}.`, () => api('POST', `${worldPath(w.id)}/snapshots`, { name: snapName.value }));
          },
        },
        snapName,
        h('button', { type: 'submit' }, 'Snapshot'),
      ),
      snapshots.length
        ? [
            restoreFrom,
            h(
              'button',
              {
                onclick: () =>
                  act(`Restored ${w.id} from ${restoreFrom.value}.`, () => api('POST', `${worldPath(w.id)}/snapshots/${enc(restoreFrom.value)}/restore`)),
              },
              'Restore',
            ),
          ]
        : null,
    ),
  );
}

/** Destructive actions ask first, in the page (keyboard-reachable, no browser prompt). */
function confirmThen(question, fn) {
  const dialog = h('dialog', { class: 'confirm', onclose: () => dialog.remove() }, h('p', {}, question));
  const close = () => dialog.close();
  dialog.append(
    h(
      'div',
      { class: 'row-actions' },
      h('button', { class: 'danger', onclick: () => (close(), fn()) }, 'Yes'),
      h('button', { onclick: close, autofocus: true }, 'No'),
    ),
  );
  document.body.append(dialog);
  dialog.showModal();
}

// ---------------------------------------------------------------- a world

async function worldPage(id, tab, sub, query, mine) {
  render(crumbs, h('a', { href: '#/' }, 'Worlds'), h('span', {}, '›'), h('a', { href: `#/w/${enc(id)}/state` }, id));
  document.title = `${id} — mockpanel`;
  const clockLine = h('p', { class: 'clock', id: 'world-clock' });
  const drawClock = async () => {
    const clock = await api('GET', `${worldPath(id)}/clock`);
    if (mine !== generation) return;
    render(clockLine, 'World clock: ', time(clock.now), clock.frozen ? h('span', { class: 'frozen' }, ' (frozen)') : null);
    return clock;
  };
  const body = h('section', { id: `tab-${tab}` });
  render(
    main,
    h('h1', {}, 'World ', h('code', {}, id)),
    clockLine,
    h(
      'nav',
      { class: 'tabs', 'aria-label': 'World views' },
      TABS.map(([t, label]) =>
        h('a', { href: `#/w/${enc(id)}/${t}${t === 'state' && lastPanel ? `/${lastPanel}` : ''}`, 'aria-current': t === tab ? 'page' : undefined }, label),
      ),
    ),
    body,
  );
  await drawClock();
  every(POLL_MS * 2, () => drawClock().catch(() => undefined));
  const views = { state: stateTab, journal: journalTab, faults: faultsTab, clock: clockTab, report: reportTab };
  await (views[tab] ?? stateTab)(id, body, sub, query, mine, drawClock);
}

// ---------------------------------------------------------------- state

async function stateTab(id, body, sub, _query, mine) {
  const info = await panels();
  const panel = info.panels.find((p) => p.id === sub)?.id ?? info.panels[0].id;
  lastPanel = panel;
  const content = h('div', { id: 'state-view' });
  render(
    body,
    h(
      'nav',
      { class: 'tabs', 'aria-label': 'Panels' },
      info.panels.map((p) => h('a', { href: `#/w/${enc(id)}/state/${p.id}`, 'aria-current': p.id === panel ? 'page' : undefined }, p.title)),
    ),
    content,
  );
  const draw = async () => {
    const view = await api('GET', `${worldPath(id)}/state/${panel}`);
    if (mine !== generation) return;
    render(
      content,
      h('p', { class: 'muted' }, 'Read-only, as the panel would answer now. "calls" lists the journal entries that name the object.'),
      view.sections.map((s) =>
        h(
          'section',
          { class: 'state-section', 'data-section': s.title },
          h('h2', {}, s.title, ' ', h('span', { class: 'muted' }, `(${s.total})`)),
          s.rows.length === 0
            ? h('p', { class: 'muted' }, 'none')
            : h(
                'table',
                {},
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    s.columns.map((c) => h('th', { scope: 'col' }, c)),
                    h('th', {}, 'journal'),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  s.rows.map((r) =>
                    h(
                      'tr',
                      {},
                      s.columns.map((c) => h('td', TIME_COLUMNS.has(c) ? { 'data-volatile': '' } : {}, cell(r.cells[c]))),
                      h('td', {}, r.journal ? h('a', { href: `#/w/${enc(id)}/journal?${r.journal}` }, 'calls') : ''),
                    ),
                  ),
                ),
              ),
        ),
      ),
    );
  };
  await draw();
  every(POLL_MS * 2, () => draw().catch(() => undefined));
}

const TIME_COLUMNS = new Set([
  'date_created',
  'date_updated',
  'date_create',
  'date_update',
  'run_at',
  'done_at',
  'due',
  'create_time',
  'expires_at',
  'start_time',
  'tstamp',
  'serial',
]);

// ---------------------------------------------------------------- journal

async function journalTab(id, body, _sub, query, mine) {
  const info = await panels();
  const form = h('form', { class: 'inline', id: 'journal-filters', role: 'search' });
  const panelSel = h(
    'select',
    { name: 'panel' },
    h('option', { value: '' }, 'all'),
    info.panels.map((p) => h('option', { value: p.id }, p.title)),
  );
  const methodIn = h('input', { name: 'method', list: 'method-list', size: 22 });
  const statusSel = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, 'all'),
    h('option', { value: 'ok' }, 'ok'),
    h('option', { value: 'fault' }, 'fault'),
  );
  const textIn = h('input', { name: 'text', type: 'search', size: 22 });
  panelSel.value = query.get('panel') ?? '';
  methodIn.value = query.get('method') ?? '';
  statusSel.value = query.get('status') ?? '';
  textIn.value = query.get('text') ?? '';
  const methods = h('datalist', { id: 'method-list' });
  const fillMethods = () =>
    render(
      methods,
      info.panels.filter((p) => !panelSel.value || p.id === panelSel.value).flatMap((p) => p.methods.map((m) => h('option', { value: m.name }))),
    );
  fillMethods();
  const fixed = ['member', 'rule'].filter((k) => query.get(k));
  const apply = (e) => {
    e?.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of [
      ['panel', panelSel.value],
      ['method', methodIn.value],
      ['status', statusSel.value],
      ['text', textIn.value],
    ])
      if (v) q.set(k, v);
    for (const k of fixed) q.set(k, query.get(k));
    location.hash = `#/w/${enc(id)}/journal${q.size ? `?${q}` : ''}`;
  };
  panelSel.addEventListener('change', () => (fillMethods(), apply()));
  statusSel.addEventListener('change', () => apply());
  render(
    form,
    h('label', {}, 'Panel', panelSel),
    h('label', {}, 'Method', methodIn),
    methods,
    h('label', {}, 'Status', statusSel),
    h('label', {}, 'Text', textIn),
    h('button', { type: 'submit' }, 'Filter'),
    fixed.map((k) =>
      h(
        'span',
        { class: 'chip' },
        `${k === 'rule' ? 'fired by fault rule' : 'touching'} ${query.get(k)} `,
        h('a', { href: `#/w/${enc(id)}/journal`, 'aria-label': `Remove the ${k} filter` }, '×'),
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        onclick: () => confirmThen(`Clear the journal of ${id}?`, () => act('Journal cleared.', () => api('DELETE', `${worldPath(id)}/journal`))),
      },
      'Clear journal',
    ),
  );
  form.addEventListener('submit', apply);

  const tbody = h('tbody');
  const detail = h('div', { id: 'entry-detail' });
  const count = h('p', { class: 'muted', id: 'journal-count' });
  render(
    body,
    form,
    count,
    h(
      'table',
      { class: 'journal' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['#', 'World time', 'Panel', 'Method', 'Status', 'ms', 'Injected'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      tbody,
    ),
    detail,
  );
  const filters = new URLSearchParams();
  for (const k of ['panel', 'method', 'status', 'text', 'member', 'rule']) if (query.get(k)) filters.set(k, query.get(k));
  let lastId = 0;
  let shown = 0;
  const open = async (entryId, row) => {
    for (const r of tbody.querySelectorAll('tr.selected')) r.classList.remove('selected');
    row?.classList.add('selected');
    const entry = await api('GET', `${worldPath(id)}/journal/${entryId}`);
    if (mine !== generation) return;
    render(detail, entryDetail(id, entry));
    detail.querySelector('h2')?.focus();
  };
  const poll = async () => {
    const q = new URLSearchParams(filters);
    q.set('sinceId', String(lastId));
    q.set('limit', '500');
    const page = await api('GET', `${worldPath(id)}/journal?${q}`);
    if (mine !== generation) return;
    for (const e of page.entries) {
      const row = h(
        'tr',
        { 'data-id': e.id, 'data-method': e.method },
        h('td', { class: 'num' }, e.id),
        h('td', {}, time(e.worldTime)),
        h('td', {}, e.panel),
        h(
          'td',
          {},
          h('button', { class: 'link mono', onclick: () => open(e.id, row), 'aria-label': `Open call ${e.id}, ${e.method}` }, e.method || '(undecodable)'),
        ),
        h('td', {}, e.outcome === 'ok' ? h('span', { class: 'ok' }, 'ok') : h('span', { class: 'fault' }, `fault ${e.fault?.code ?? ''}`)),
        h('td', { class: 'num', 'data-volatile': '' }, e.durationMs.toFixed(1)),
        h('td', { class: 'injected' }, e.injected ?? ''),
      );
      tbody.append(row);
      lastId = Math.max(lastId, e.id);
      shown++;
    }
    count.textContent = `${shown} call${shown === 1 ? '' : 's'}${filters.size ? ' matching' : ''}; new calls appear as they come in.`;
  };
  await poll();
  every(POLL_MS, () => poll().catch(() => undefined));
  if (query.get('open')) await open(Number(query.get('open')), tbody.querySelector(`tr[data-id="${query.get('open')}"]`));
}

function entryDetail(world, e) {
  const json = (v) => valueView(v);
  const curl = e.wire ? curlCommand(location.origin, e.wire) : undefined;
  return h(
    'article',
    { class: 'detail', 'data-entry': e.id },
    h('h2', { tabindex: -1 }, `Call ${e.id}: `, h('code', {}, e.method || '(undecodable)')),
    h(
      'dl',
      {},
      h('dt', {}, 'Panel'),
      h('dd', {}, e.panel),
      h('dt', {}, 'Status'),
      h(
        'dd',
        { class: 'status' },
        e.outcome === 'ok' ? h('span', { class: 'ok' }, 'ok') : h('span', { class: 'fault' }, `fault ${e.fault.code}: ${e.fault.string}`),
      ),
      h('dt', {}, 'World time'),
      h('dd', {}, time(e.worldTime)),
      h('dt', {}, 'Took'),
      h('dd', { 'data-volatile': '' }, `${e.durationMs.toFixed(2)} ms`),
      h('dt', {}, 'Injected fault'),
      h('dd', { class: 'injected' }, e.injected ?? 'none'),
      h('dt', {}, 'Findings'),
      h(
        'dd',
        {},
        e.findings.length
          ? h(
              'ul',
              {},
              e.findings.map((f) => h('li', {}, h('b', {}, f.kind), `: ${f.message}`, f.hint ? [' — hint: ', h('code', {}, f.hint)] : null)),
            )
          : 'none',
      ),
    ),
    e.wire
      ? [
          h(
            'div',
            { class: 'wire' },
            h('section', { class: 'request' }, h('h3', {}, 'Request'), messageView(e.wire.request, 'Request')),
            h('section', { class: 'response' }, h('h3', {}, 'Response'), messageView(e.wire.response, 'Response')),
          ),
          h(
            'p',
            { class: 'row-actions' },
            h(
              'button',
              {
                onclick: () =>
                  navigator.clipboard.writeText(curl).then(
                    () => say('curl command copied (secrets stay redacted: put yours back).'),
                    () => say('The browser refused the clipboard: select the command below.', 'error'),
                  ),
              },
              'Copy as curl',
            ),
          ),
          h('details', {}, h('summary', {}, 'curl command'), h('pre', { class: 'curl', 'data-volatile': '' }, curl)),
        ]
      : [
          h('h3', {}, e.outcome === 'ok' ? 'Result' : 'Fault'),
          json(e.result ?? e.fault),
          h('p', { class: 'muted' }, 'The wire text is kept for the newest 1000 calls only.'),
        ],
    h('details', {}, h('summary', {}, 'Arguments as the journal keeps them'), json(e.args)),
  );
}

// ---------------------------------------------------------------- faults

async function faultsTab(id, body, _sub, _query, mine) {
  const info = await panels();
  const list = h('tbody');
  const draw = async () => {
    const { rules } = await api('GET', `${worldPath(id)}/faults`);
    if (mine !== generation) return;
    render(
      list,
      rules.length
        ? rules.map((r) =>
            h(
              'tr',
              { 'data-rule': r.id },
              h('td', { class: 'num' }, r.id),
              h('td', {}, r.panel ?? '*'),
              h('td', { class: 'mono' }, r.method ?? '*'),
              h('td', { class: 'mono' }, JSON.stringify(r.effect), r.args ? h('div', { class: 'muted' }, `when ${JSON.stringify(r.args)}`) : null),
              h('td', { class: 'num' }, r.probability ?? 1),
              h('td', { class: 'num' }, r.remaining ?? '∞'),
              h('td', { class: 'num fired' }, r.fired),
              h(
                'td',
                { class: 'row-actions' },
                h('a', { href: `#/w/${enc(id)}/journal?rule=${r.id}` }, 'calls it fired on'),
                h(
                  'button',
                  { class: 'danger', onclick: () => act(`Removed rule ${r.id}.`, () => api('DELETE', `${worldPath(id)}/faults/${r.id}`), draw) },
                  'Remove',
                ),
              ),
            ),
          )
        : h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No fault rules armed.')),
    );
  };
  const panelSel = h(
    'select',
    { name: 'panel', id: 'fault-panel' },
    h('option', { value: '' }, 'any panel'),
    info.panels.map((p) => h('option', { value: p.id }, p.title)),
  );
  const methodSel = h('select', { name: 'method', id: 'fault-method' });
  const fillMethods = () => {
    const p = info.panels.find((x) => x.id === panelSel.value);
    render(
      methodSel,
      h('option', { value: '' }, 'any method'),
      p ? p.methods.map((m) => h('option', { value: m.name }, m.emulation === 'not implemented' ? `${m.name} (not implemented)` : m.name)) : null,
    );
  };
  panelSel.addEventListener('change', fillMethods);
  fillMethods();
  const effectSel = h(
    'select',
    { name: 'effect', id: 'fault-effect' },
    info.effects.map((e) => h('option', { value: e }, e)),
  );
  const extra = h('span', { class: 'effect-fields' });
  const fields = {};
  const num = (name, label, attrs) => (fields[name] = h('input', { name, type: 'number', min: 0, ...attrs })) && h('label', {}, label, fields[name]);
  const fillEffect = () => {
    for (const k of Object.keys(fields)) delete fields[k];
    const e = effectSel.value;
    render(
      extra,
      e === 'latency' ? num('ms', 'Delay (ms)', { value: 500, max: 120000, required: true }) : null,
      e === 'http'
        ? [
            num('status', 'HTTP status', { value: 503, min: 100, max: 599, required: true }),
            h('label', {}, 'Body', (fields.body = h('input', { name: 'body', size: 16 }))),
          ]
        : null,
      e === 'truncate' ? num('bytes', 'Keep bytes (half when empty)', {}) : null,
    );
  };
  effectSel.addEventListener('change', fillEffect);
  fillEffect();
  const times = h('input', { name: 'times', type: 'number', min: 1, placeholder: 'no limit', size: 6 });
  const args = h('input', { name: 'args', size: 18, placeholder: '{"user": "alice"}', 'aria-describedby': 'args-help' });
  const probability = h('input', { name: 'probability', type: 'number', min: 0, max: 1, step: 'any', value: 1, size: 5 });
  const form = h(
    'form',
    {
      class: 'inline',
      id: 'fault-form',
      onsubmit: (ev) => {
        ev.preventDefault();
        const effect = { type: effectSel.value };
        for (const [k, el] of Object.entries(fields)) if (el.value !== '') effect[k] = el.type === 'number' ? Number(el.value) : el.value;
        const rule = { effect, probability: Number(probability.value) };
        if (panelSel.value) rule.panel = panelSel.value;
        if (methodSel.value) rule.method = methodSel.value;
        if (times.value) rule.times = Number(times.value);
        if (args.value.trim()) {
          try {
            rule.args = JSON.parse(args.value);
          } catch {
            say('"Only when arguments are" must be a JSON object, e.g. {"user": "alice"}.', 'error');
            return;
          }
        }
        act('Fault rule armed.', async () => say(`Armed rule ${(await api('POST', `${worldPath(id)}/faults`, rule)).id}.`), draw);
      },
    },
    h('label', {}, 'Panel', panelSel),
    h('label', {}, 'Method', methodSel),
    h('label', {}, 'Effect', effectSel),
    extra,
    h('label', {}, 'Probability', probability),
    h('label', {}, 'Times', times),
    h('label', {}, 'Only when arguments are', args),
    h('button', { type: 'submit' }, 'Arm fault'),
  );
  render(
    body,
    h('h2', {}, 'Arm a fault'),
    h(
      'p',
      { class: 'muted', id: 'args-help' },
      'The next matching calls get the effect in the panel’s own wire format (session-expired and rate-limit use the panel’s own faults). Arguments are matched by name, with JSON equality.',
    ),
    form,
    h('h2', {}, 'Armed rules'),
    h(
      'table',
      { class: 'faults' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['#', 'Panel', 'Method', 'Effect', 'Probability', 'Left', 'Fired', ''].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      list,
    ),
    h('button', { class: 'danger', onclick: () => act('All fault rules removed.', () => api('DELETE', `${worldPath(id)}/faults`), draw) }, 'Remove all'),
  );
  await draw();
  every(POLL_MS * 2, () => {
    if (!list.contains(document.activeElement)) draw().catch(() => undefined);
  });
}

// ---------------------------------------------------------------- clock

async function clockTab(id, body, _sub, _query, _mine, drawClock) {
  const clock = await drawClock();
  const seconds = h('input', { name: 'seconds', id: 'advance-seconds', type: 'number', min: 0, value: 60, size: 8 });
  const advance = (s) => act(`Clock advanced ${s} s.`, () => api('POST', `${worldPath(id)}/clock`, { advanceSeconds: s }), drawClock);
  const at = h('input', { name: 'at', id: 'set-at', size: 26, placeholder: '2030-01-01T00:00:00Z', value: clock.now });
  render(
    body,
    h('h2', {}, 'Advance'),
    h(
      'form',
      { class: 'inline', id: 'advance-form', onsubmit: (e) => (e.preventDefault(), advance(Number(seconds.value))) },
      h('label', {}, 'Seconds', seconds),
      h('button', { type: 'submit', id: 'advance' }, 'Advance'),
      [
        [60, '+1 min'],
        [3600, '+1 h'],
        [86400, '+1 day'],
      ].map(([s, label]) => h('button', { type: 'button', onclick: () => advance(s) }, label)),
    ),
    h('h2', {}, 'Set'),
    h(
      'form',
      {
        class: 'inline',
        id: 'set-form',
        onsubmit: (e) => (e.preventDefault(), act(`Clock set to ${at.value}.`, () => api('POST', `${worldPath(id)}/clock`, { at: at.value }), drawClock)),
      },
      h('label', {}, 'ISO time', at),
      h('button', { type: 'submit' }, 'Set clock'),
    ),
    h('h2', {}, 'Freeze'),
    h('p', { class: 'muted' }, 'A frozen clock stands still between calls; advancing and setting still move it.'),
    h(
      'div',
      { class: 'row-actions' },
      h(
        'button',
        {
          id: 'freeze',
          onclick: () =>
            act(
              'Clock frozen.',
              () => api('POST', `${worldPath(id)}/clock`, { frozen: true }),
              () => clockTab(id, body, undefined, undefined, undefined, drawClock),
            ),
        },
        'Freeze',
      ),
      h(
        'button',
        {
          id: 'unfreeze',
          onclick: () =>
            act(
              'Clock running.',
              () => api('POST', `${worldPath(id)}/clock`, { frozen: false }),
              () => clockTab(id, body, undefined, undefined, undefined, drawClock),
            ),
        },
        'Let it run',
      ),
    ),
  );
}

// ---------------------------------------------------------------- report

async function reportTab(id, body, _sub, _query, mine) {
  const [report, info] = await Promise.all([api('GET', `${worldPath(id)}/report`), panels()]);
  if (mine !== generation) return;
  const pct = (a, b) => (b ? `${Math.round((a / b) * 100)}%` : '—');
  render(
    body,
    h(
      'p',
      { class: 'row-actions' },
      `${report.entries} calls read from the journal.`,
      h('button', { onclick: () => download(id, 'md') }, 'Download Markdown'),
      h('button', { onclick: () => download(id, 'html') }, 'Download HTML'),
    ),
    report.panels.length === 0 ? h('p', { class: 'muted' }, 'No panel calls were made in this world yet.') : null,
    report.panels.map((p) => {
      const c = info.panels.find((x) => x.id === p.panel)?.coverage;
      return h(
        'section',
        { class: 'report-panel', 'data-panel': p.panel },
        h('h2', {}, p.title),
        h('p', {}, `${p.calls} calls; ${p.exercised} of ${p.documented} documented methods exercised (${pct(p.exercised, p.documented)}).`),
        coverageBars(p.panel, [
          ...(c
            ? [
                {
                  title: 'methods emulated',
                  of: c.methods,
                  shown: c.stateful + c.sample,
                  parts: [
                    { label: 'stateful', value: c.stateful, color: '#1565c0' },
                    { label: 'sample', value: c.sample, color: '#64b5f6' },
                    { label: 'not implemented', value: c.notImplemented, color: '#cfd8dc' },
                  ],
                },
              ]
            : []),
          {
            title: 'exercised by this client',
            of: p.documented,
            shown: p.exercised,
            parts: [
              { label: 'exercised', value: p.exercised, color: '#6a1b9a' },
              { label: 'not exercised', value: p.documented - p.exercised, color: '#e1bee7' },
            ],
          },
        ]),
        h('h3', {}, 'Findings'),
        p.findings.length
          ? h(
              'ul',
              {},
              p.findings.map((f) =>
                h(
                  'li',
                  {},
                  h('b', {}, f.kind),
                  ` (${f.count}×): ${f.message}`,
                  f.hint ? [' — hint: ', h('code', {}, f.hint)] : null,
                  h('br'),
                  h('small', { class: 'muted' }, f.why, ' Calls: '),
                  f.calls.map((n) => [h('a', { href: `#/w/${enc(id)}/journal?open=${n}` }, `#${n}`), ' ']),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'None: every call matched the contract and no known footgun was hit.'),
        p.unknownMethods.length
          ? [
              h('h3', {}, 'Undocumented methods called'),
              h(
                'ul',
                {},
                p.unknownMethods.map((u) =>
                  h('li', {}, h('code', {}, u.method), ` (${u.calls}×)`, u.hint ? [', did you mean ', h('code', {}, u.hint), '?'] : null),
                ),
              ),
            ]
          : null,
        h('h3', {}, 'Methods called'),
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', {}, 'method'), h('th', {}, 'calls'), h('th', {}, 'faults'))),
          h(
            'tbody',
            {},
            p.methods.map((m) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: `#/w/${enc(id)}/journal?panel=${p.panel}&method=${enc(m.method)}`, class: 'mono' }, m.method)),
                h('td', { class: 'num' }, m.calls),
                h('td', { class: 'num' }, m.faults),
              ),
            ),
          ),
        ),
      );
    }),
  );
}

/** Saves the report in another format; fetched with the tab's token, so it works where a plain link would get a 401. */
async function download(id, format) {
  const text = await api('GET', `${worldPath(id)}/report?format=${format}`, undefined, 'text');
  const link = h('a', {
    href: URL.createObjectURL(new Blob([text], { type: format === 'md' ? 'text/markdown' : 'text/html' })),
    download: `${id}-report.${format}`,
  });
  link.click();
  URL.revokeObjectURL(link.href);
}

window.addEventListener('hashchange', route);
route();
