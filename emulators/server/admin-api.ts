import express, { type NextFunction, type Request, type Response } from 'express';
import type { Core } from '../core/dispatcher.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import type { JournalQuery } from '../../state/journal-store.js';
import { validateRule } from '../../state/fault-rules.js';
import { clockChange } from '../../state/clock.js';
import { buildClientReport } from '../core/client-report.js';
import { renderClientReport, REPORT_FORMATS, type ReportFormat } from '../core/client-report-formats.js';
import { dashboardJournalFilters, mountDashboardApi } from './admin-dashboard.js';

const REPORT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  junit: 'application/xml; charset=utf-8',
};

export interface AdminOptions {
  /** When set, every admin call needs `Authorization: Bearer <token>`; when not, only loopback callers are answered. */
  token?: string;
  maxBody: number;
}

/** True for 127.0.0.0/8 and ::1, also in their IPv4-mapped IPv6 forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * The admin API (JSON): worlds, snapshots, clock, settings and journal.
 * Described in admin-api.openapi.json beside this file.
 */
export function createAdminApp(core: Core, options: AdminOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, _res, next) => {
    if (options.token) {
      const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
      if (given !== options.token)
        return next(
          new MockpanelError('admin_unauthorized', 'The admin API needs "Authorization: Bearer <token>" with the token given to --admin-token.', 401),
        );
    } else if (!isLoopback(req.socket.remoteAddress)) {
      return next(
        new MockpanelError('admin_forbidden', 'The admin API answers loopback callers only; start mockpanel with --admin-token to allow others.', 403),
      );
    }
    next();
  });
  app.use(express.json({ limit: options.maxBody, strict: false }));

  const worlds = core.worlds;
  const body = (req: Request): Record<string, unknown> => (req.body && typeof req.body === 'object' ? req.body : {});
  const str = (v: unknown, field: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new MockpanelError('bad_request', `"${field}" must be a string.`);
    return v;
  };

  const clockState = (clock: { now(): Date; frozen: boolean }) => ({ now: clock.now().toISOString(), frozen: clock.frozen });
  app.get('/_admin/health', (_req, res) => {
    res.json({ ok: true, panels: [...core.panels.keys()], worlds: worlds.list().length });
  });
  app.get('/_admin/worlds', (_req, res) => {
    res.json({ worlds: worlds.list() });
  });
  app.post('/_admin/worlds', (req, res) => {
    const clock = body(req).clock;
    if (clock !== undefined && (clock === null || typeof clock !== 'object' || Array.isArray(clock))) {
      throw new MockpanelError('bad_request', '"clock" is an object: {"at": "2027-01-31T23:59:40Z", "frozen": true}.');
    }
    const c = clock as Record<string, unknown> | undefined;
    const world = worlds.create(
      str(body(req).id, 'id'),
      str(body(req).from, 'from'),
      c && { at: str(c.at, 'clock.at'), frozen: bool(c.frozen, 'clock.frozen') },
    );
    res.status(201).json({ id: world.id, ...clockState(world.clock) });
  });
  app.delete('/_admin/worlds/:id', (req, res) => {
    worlds.delete(req.params.id);
    res.json({ deleted: req.params.id });
  });
  app.post('/_admin/worlds/:id/reset', (req, res) => {
    const world = worlds.reset(req.params.id);
    res.json({ id: world.id, ...clockState(world.clock) });
  });
  app.post('/_admin/worlds/:id/snapshots', (req, res) => {
    const name = str(body(req).name, 'name');
    if (!name) throw new MockpanelError('bad_request', 'Give the snapshot a name: {"name": "before-test"}.');
    worlds.saveSnapshot(req.params.id, name);
    res.status(201).json({ name });
  });
  app.post('/_admin/worlds/:id/snapshots/:name/restore', (req, res) => {
    const world = worlds.restoreSnapshot(req.params.id, req.params.name);
    res.json({ id: world.id, snapshot: req.params.name, ...clockState(world.clock) });
  });
  app.get('/_admin/snapshots', (_req, res) => {
    res.json({ snapshots: worlds.snapshotNames() });
  });
  app.delete('/_admin/snapshots/:name', (req, res) => {
    worlds.deleteSnapshot(req.params.name);
    res.json({ deleted: req.params.name });
  });
  app.get('/_admin/worlds/:id/clock', (req, res) => {
    res.json(clockState(worlds.require(req.params.id).clock));
  });
  // One call moves the clock forward ({advanceSeconds}), or sets its instant ({at}), and may freeze or free it ({frozen}).
  app.post('/_admin/worlds/:id/clock', (req, res) => {
    const { advanceSeconds: seconds, at, frozen } = body(req);
    if (seconds === undefined && at === undefined && frozen === undefined) {
      throw new MockpanelError(
        'bad_request',
        'Give {"advanceSeconds": 3600}, {"at": "2027-01-31T23:59:40Z"} or {"frozen": true} (at and frozen may go together).',
      );
    }
    if (seconds !== undefined && at !== undefined) throw new MockpanelError('bad_request', 'Give "advanceSeconds" or "at", not both.');
    if (seconds !== undefined && (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0 || seconds > 1e12)) {
      throw new MockpanelError('bad_request', '"advanceSeconds" must be a number of seconds ≥ 0 (it moves the clock forward; use "at" to set any instant).');
    }
    const change = clockChange({ at: str(at, 'at'), frozen: bool(frozen, 'frozen') });
    const clock = core.world(req.params.id).clock;
    if (seconds !== undefined) clock.advance(seconds as number);
    if (change.atMs !== undefined || change.frozen !== undefined) clock.configure(change);
    res.json(clockState(clock));
  });
  app.get('/_admin/worlds/:id/settings', (req, res) => {
    res.json({ settings: worlds.require(req.params.id).settings() });
  });
  // Settings, clock and fault rules may come before a world's first panel call: the world is created as a panel call would.
  app.patch('/_admin/worlds/:id/settings', (req, res) => {
    const world = core.world(req.params.id);
    for (const [k, v] of Object.entries(body(req))) world.setSetting(k, v);
    res.json({ settings: world.settings() });
  });
  app.get('/_admin/worlds/:id/journal', (req, res) => {
    const world = worlds.require(req.params.id);
    const q = req.query as Record<string, string | undefined>;
    const status = q.status ?? q.outcome;
    if (status !== undefined && status !== 'ok' && status !== 'fault') throw new MockpanelError('bad_request', '"status" is ok or fault.');
    const query: JournalQuery = {
      panel: q.panel,
      method: q.method,
      outcome: status as JournalQuery['outcome'],
      since: q.since,
      sinceId: q.sinceId === undefined ? undefined : intParam(q.sinceId, 'sinceId'),
      limit: q.limit === undefined ? undefined : intParam(q.limit, 'limit'),
      ...dashboardJournalFilters(q),
    };
    const entries = world.journal.query(query);
    // ?count=1 answers the count alone, for tests that only assert how often something was called.
    if (q.count === '1' || q.count === 'true') res.json({ count: entries.length });
    else res.json({ count: entries.length, entries });
  });
  app.get('/_admin/worlds/:id/report', (req, res) => {
    const report = buildClientReport(worlds.require(req.params.id), core.panels.values());
    const format = (req.query.format as string | undefined) ?? 'json';
    if (format === 'json') res.json(report);
    else if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new MockpanelError('bad_request', `"format" is ${REPORT_FORMATS.join(', ')}.`);
    else res.type(REPORT_TYPES[format as ReportFormat]).send(renderClientReport(report, format as ReportFormat));
  });
  app.delete('/_admin/worlds/:id/journal', (req, res) => {
    worlds.require(req.params.id).journal.clear();
    res.json({ cleared: true });
  });

  app.post('/_admin/worlds/:id/faults', (req, res) => {
    const rule = core.world(req.params.id).faults.add(validateRule(req.body));
    res.status(201).json(rule);
  });
  app.get('/_admin/worlds/:id/faults', (req, res) => {
    res.json({ rules: worlds.require(req.params.id).faults.list() });
  });
  app.delete('/_admin/worlds/:id/faults', (req, res) => {
    worlds.require(req.params.id).faults.clear();
    res.json({ cleared: true });
  });
  app.delete('/_admin/worlds/:id/faults/:rule', (req, res) => {
    const id = intParam(req.params.rule, 'rule');
    if (!worlds.require(req.params.id).faults.remove(id))
      throw new MockpanelError('fault_rule_not_found', `No fault rule ${id} in world "${req.params.id}"; GET …/faults lists them.`, 404);
    res.json({ deleted: id });
  });

  mountDashboardApi(app, core);
  app.use((req, _res, next) =>
    next(new MockpanelError('unknown_admin_route', `No admin route ${req.method} ${req.path}; see the admin API in the README.`, 404)),
  );
  // Errors leave as JSON with a stable code: never express's HTML page, never a stack trace.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof MockpanelError) {
      res.status(error.httpStatus).json({ error: { code: error.code, message: error.message } });
      return;
    }
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      const type = (error as { type?: string }).type;
      const code = type === 'entity.too.large' ? 'body_too_large' : type === 'entity.parse.failed' ? 'bad_json' : 'bad_request';
      res.status(status).json({ error: { code, message: code === 'bad_json' ? 'The body is not valid JSON.' : String((error as Error).message) } });
      return;
    }
    console.error('[mockpanel] admin API error:', error);
    res.status(500).json({ error: { code: 'internal', message: 'mockpanel failed on this admin call; the server log has the details.' } });
  });
  return app;
}

function bool(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new MockpanelError('bad_request', `"${name}" must be true or false.`);
  return value;
}

export function intParam(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new MockpanelError('bad_request', `"${name}" must be a whole number ≥ 0.`);
  return n;
}
