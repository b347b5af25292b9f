// DOM and admin-API helpers of the dashboard. Plain ES modules, no dependencies: nodes are built with
// createElement/textContent only (never innerHTML), so nothing a client sent can become markup.

const TOKEN_KEY = 'mockpanel-admin-token';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** An element: attributes (on* are listeners), then children (strings, nodes, arrays, null). */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:') ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's children. */
export function render(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let statusTimer;
/** A line in the status bar (read by screen readers); errors stay until the next message. */
export function say(message, kind = 'info') {
  const el = document.getElementById('status');
  el.textContent = message;
  el.className = kind === 'error' ? 'error' : '';
  clearTimeout(statusTimer);
  if (kind !== 'error' && message) statusTimer = setTimeout(() => (el.textContent = ''), 4000);
}

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

let asking;
/** Asks for the admin token once (a form, not a prompt) and keeps it for the tab. */
function askToken() {
  asking ??= new Promise((resolve) => {
    const dialog = document.getElementById('token-dialog');
    const input = document.getElementById('token-input');
    const form = document.getElementById('token-form');
    form.addEventListener(
      'submit',
      () => {
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        asking = undefined;
        resolve();
      },
      { once: true },
    );
    dialog.showModal();
    input.focus();
  });
  return asking;
}

/** One admin API call: JSON in and out, the tab's token when it has one, the token asked for on 401. */
export async function api(method, path, body, format = 'json') {
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers = {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`/_admin${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      await askToken();
      continue;
    }
    const text = await res.text();
    if (!res.ok) {
      let error;
      try {
        error = JSON.parse(text).error;
      } catch {
        error = undefined;
      }
      throw new ApiError(error?.message ?? `${res.status} ${res.statusText}`, error?.code, res.status);
    }
    return format === 'json' ? (text ? JSON.parse(text) : {}) : text;
  }
  throw new ApiError('The admin token was refused.', 'admin_unauthorized', 401);
}

/** A value for a table cell: objects as compact JSON, null as an empty cell. */
export function cell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A time shown to people: changes with the clock, so marked volatile for the screenshot check. */
export function time(iso) {
  return h('time', { datetime: iso, 'data-volatile': '' }, iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');
}

/** Stacked bars like the conformance report's coverage chart (same colours), as inline SVG. */
export function coverageBars(panel, rows) {
  const W = 420,
    X = 170,
    BW = 180,
    RH = 34;
  const height = rows.length * RH + 6;
  const summary = rows.map((r) => `${r.title} ${r.shown}/${r.of}`).join('; ');
  const svg = h('svg:svg', {
    class: 'coverage-chart',
    'data-panel': panel,
    width: W,
    height,
    viewBox: `0 0 ${W} ${height}`,
    role: 'img',
    'aria-label': `${panel}: ${summary}`,
    'font-family': 'sans-serif',
  });
  rows.forEach((row, i) => {
    const y = 6 + i * RH;
    svg.append(h('svg:text', { x: 0, y: y + 13, 'font-size': 12 }, row.title));
    svg.append(h('svg:rect', { x: X, y, width: BW, height: 16, fill: '#f5f5f5', stroke: '#9e9e9e', 'stroke-width': 0.5 }));
    let x = X;
    for (const part of row.parts) {
      if (!row.of || !part.value) continue;
      const w = (part.value / row.of) * BW;
      svg.append(h('svg:rect', { x: x.toFixed(2), y, width: w.toFixed(2), height: 16, fill: part.color }, h('svg:title', {}, `${part.label}: ${part.value}`)));
      x += w;
    }
    svg.append(h('svg:text', { x: X + BW + 8, y: y + 13, 'font-size': 12 }, row.of ? `${row.shown}/${row.of}` : 'none'));
    svg.append(h('svg:text', { x: X, y: y + 28, 'font-size': 10, fill: '#555' }, row.parts.map((p) => `${p.label} ${p.value}`).join(' · ')));
  });
  return svg;
}
