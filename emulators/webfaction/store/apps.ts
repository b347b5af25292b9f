import { prepare, type DB } from '../../../state/database.js';

export interface AppRow {
  id: number;
  name: string;
  type: string;
  autostart: number;
  port: number;
  extra_info: string;
  machine: string;
  open_port: number;
}

export interface AppTypeRow {
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

export function findApp(db: DB, accountId: number, name: string): AppRow | undefined {
  return prepare<[number, string], AppRow>(db, `${APP_SELECT} WHERE a.account_id = ? AND a.name = ?`).get(accountId, name);
}

export function listApps(db: DB, accountId: number): AppRow[] {
  return prepare<[number], AppRow>(db, `${APP_SELECT} WHERE a.account_id = ? ORDER BY a.id`).all(accountId);
}

/** The app's id and machine, for a website's site apps. */
export function appPlacement(db: DB, accountId: number, name: string): { id: number; machine_id: number } | undefined {
  return prepare<[number, string], { id: number; machine_id: number }>(db, 'SELECT id, machine_id FROM wf_app WHERE account_id = ? AND name = ?').get(
    accountId,
    name,
  );
}

/** Ports the machine's apps listen on. */
export function usedPorts(db: DB, machineId: number): Set<number> {
  return new Set(
    prepare<[number], { port: number }>(db, 'SELECT port FROM wf_app WHERE machine_id = ? AND port > 0')
      .all(machineId)
      .map((r) => r.port),
  );
}

export function insertApp(
  db: DB,
  app: {
    accountId: number;
    machineId: number;
    name: string;
    type: string;
    autostart: boolean;
    extraInfo: string;
    port: number;
    openPort: boolean;
    scriptCode: string;
  },
): void {
  prepare(
    db,
    'INSERT INTO wf_app (account_id, machine_id, name, type, autostart, extra_info, port, open_port, script_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(app.accountId, app.machineId, app.name, app.type, app.autostart ? 1 : 0, app.extraInfo, app.port, app.openPort ? 1 : 0, app.scriptCode);
}

export function deleteApp(db: DB, id: number): void {
  prepare(db, 'DELETE FROM wf_app WHERE id = ?').run(id);
}

/** A website that serves the app, if any. */
export function websiteUsingApp(db: DB, appId: number): string | undefined {
  return prepare<[number], { name: string }>(db, 'SELECT w.name FROM wf_site_app sa JOIN wf_website w ON w.id = sa.website_id WHERE sa.app_id = ?').get(appId)
    ?.name;
}

export function appType(db: DB, name: string): AppTypeRow | undefined {
  return prepare<[string], AppTypeRow>(db, 'SELECT * FROM wf_app_type WHERE name = ?').get(name);
}

export function listAppTypes(db: DB): AppTypeRow[] {
  return prepare<[], AppTypeRow>(db, 'SELECT * FROM wf_app_type ORDER BY position').all();
}

/** Seeds an app type at its place in the list_app_types catalogue. */
export function insertAppType(db: DB, type: Omit<AppTypeRow, 'listens'> & { listens: boolean }, position: number): void {
  prepare(
    db,
    'INSERT INTO wf_app_type (name, label, description, autostart, extra_info, extra_info_kind, listens, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(type.name, type.label, type.description, type.autostart, type.extra_info, type.extra_info_kind, type.listens ? 1 : 0, position);
}
