import { prepare } from '../../../state/database.js';
import { bit, bool, sessionHandlers, str, treeOf, type WfCall, type WfHandler } from '../call.js';
import { alreadyExists, dataError, invalid, notFound } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { setCwd } from '../session.js';
import { LOWER_WORD, name } from '../validate.js';

interface AppRow {
  id: number;
  name: string;
  type: string;
  autostart: number;
  port: number;
  extra_info: string;
  machine: string;
  open_port: number;
}

interface AppTypeRow {
  name: string;
  label: string;
  description: string;
  autostart: string;
  extra_info: string;
  extra_info_kind: 'ignored' | 'absolute-path' | 'password';
  listens: number;
}

const APP_SELECT = `SELECT a.id, a.name, a.type, a.autostart, a.port, a.extra_info, m.name AS machine, a.open_port
  FROM wf_app a JOIN wf_machine m ON m.id = a.machine_id`;

/** inferred: the range real ports came from is unknown; the lowest free port from 10000 up, per machine. */
const FIRST_PORT = 10000;

export function appDirectory(username: string, app: string): string {
  return `${homeOf(username)}/webapps/${app}`;
}

function appStruct(c: WfCall, row: AppRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    type: row.type,
    autostart: !!row.autostart,
    // Seed § list_apps: "contains 0 otherwise".
    port: row.port,
    extra_info: row.extra_info,
    machine: row.machine,
  };
  // Later servers add open_port per app (brmc/dart-webfaction-api App.fromMap, realworld.md §1.4).
  if (c.session.version >= 2) out.open_port = !!row.open_port;
  return out;
}

function findApp(c: WfCall, app: string): AppRow {
  const row = prepare<[number, string], AppRow>(c.db, `${APP_SELECT} WHERE a.account_id = ? AND a.name = ?`).get(c.session.accountId, app);
  if (!row) throw notFound('App', 'name', app);
  return row;
}

function allocatePort(c: WfCall): number {
  const used = new Set(
    prepare<[number], { port: number }>(c.db, 'SELECT port FROM wf_app WHERE machine_id = ? AND port > 0')
      .all(c.session.machineId)
      .map((r) => r.port),
  );
  let port = FIRST_PORT;
  while (used.has(port)) port++;
  return port;
}

const handlers: Record<string, WfHandler> = {
  create_app(c) {
    // inferred: app names become directory names under ~/webapps; lowercase letters, digits and '_' as the control panel showed.
    const app = name('name', str(c.p.name), LOWER_WORD);
    if (prepare(c.db, 'SELECT 1 FROM wf_app WHERE account_id = ? AND name = ?').get(c.session.accountId, app)) throw alreadyExists('App', 'Name');
    const typeName = str(c.p.type);
    const type = prepare<[string], AppTypeRow>(c.db, 'SELECT * FROM wf_app_type WHERE name = ?').get(typeName);
    if (!type) throw invalid('type', `"${typeName}" is not an app type (list_app_types)`);

    // Seed: the 6th argument is script_code (a string); every later client sends open_port (a boolean) there (realworld.md §1.4).
    const sixth = c.p.script_code;
    const openPort = typeof sixth === 'boolean' ? sixth : false;
    const scriptCode = typeof sixth === 'string' ? sixth : '';
    if (openPort && !type.listens) throw invalid('open_port', `app type "${type.name}" does not listen on a port`);

    // Seed § create_app: extra_info "is ignored" where the type does not use it.
    let extraInfo = str(c.p.extra_info);
    if (type.extra_info_kind === 'absolute-path' && !extraInfo.startsWith('/')) throw invalid('extra_info', `app type "${type.name}" needs an absolute path`);
    if (type.extra_info_kind === 'password' && !extraInfo) throw invalid('extra_info', `app type "${type.name}" needs a password`);
    if (type.extra_info_kind === 'ignored') extraInfo = '';

    const port = type.listens ? allocatePort(c) : 0;
    const dir = appDirectory(c.session.username, app);
    const tree = treeOf(c);
    if (tree.get(dir)) throw dataError(`name: ${dir} already exists; remove it or choose another name`);
    tree.mkdir(dir, true);
    prepare(
      c.db,
      'INSERT INTO wf_app (account_id, machine_id, name, type, autostart, extra_info, port, open_port, script_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(c.session.accountId, c.session.machineId, app, type.name, bit(c.p.autostart), extraInfo, port, bit(openPort), scriptCode);
    // Seed § system(): later commands in this session run in the new app's directory (write_file too: realworld.md §1.4).
    setCwd(c.ctx, dir);
    return appStruct(c, findApp(c, app));
  },

  delete_app(c) {
    const row = findApp(c, str(c.p.name));
    const site = prepare<[number], { name: string }>(c.db, 'SELECT w.name FROM wf_site_app sa JOIN wf_website w ON w.id = sa.website_id WHERE sa.app_id = ?').get(row.id);
    // inferred: a website may not point at a missing app, so an app in use is not deleted.
    if (site) throw dataError(`name: app "${row.name}" is used by website "${site.name}"; remove it from the website first`);
    const dir = appDirectory(c.session.username, row.name);
    const tree = treeOf(c);
    if (tree.get(dir)) tree.remove(dir, true);
    prepare(c.db, 'DELETE FROM wf_app WHERE id = ?').run(row.id);
    if (c.session.cwd === dir || c.session.cwd.startsWith(`${dir}/`)) setCwd(c.ctx, homeOf(c.session.username));
    // Undocumented return: a struct for Ansible's result.update() (realworld.md §1.4).
    return {};
  },

  list_apps(c) {
    return prepare<[number], AppRow>(c.db, `${APP_SELECT} WHERE a.account_id = ? ORDER BY a.id`)
      .all(c.session.accountId)
      .map((row) => appStruct(c, row));
  },

  list_app_types(c) {
    return prepare<[], AppTypeRow>(c.db, 'SELECT * FROM wf_app_type ORDER BY position')
      .all()
      .map((t) => {
        // autostart is the string 'applicable' or '' (seed § list_app_types; dart-webfaction-api: "Webfaction returns a string here").
        const out: Record<string, unknown> = { name: t.name, description: t.description, autostart: t.autostart, extra_info: t.extra_info };
        // Later servers add label and open_port (dart-webfaction-api AppType, realworld.md §1.4).
        if (c.session.version >= 2) Object.assign(out, { label: t.label, open_port: bool(t.listens) });
        return out;
      });
  },
};

export const applicationHandlers = sessionHandlers(handlers);
