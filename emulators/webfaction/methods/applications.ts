import { defineMethods } from '../../core/define-methods.js';
import { bool, type WfCall } from '../call.js';
import { faults } from '../faults.js';
import { homeOf } from '../home-tree.js';
import { appType, deleteApp, findApp, insertApp, listApps, listAppTypes, usedPorts, websiteUsingApp, type AppRow } from '../store/apps.js';
import { LOWER_WORD, name } from '../validate.js';

/** inferred: the range real ports came from is unknown; the lowest free port from 10000 up, per machine. */
const FIRST_PORT = 10000;

function appDirectory(username: string, app: string): string {
  return `${homeOf(username)}/webapps/${app}`;
}

function appStruct(call: WfCall, row: AppRow): Record<string, unknown> {
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
  // Later servers add open_port per app (brmc/dart-webfaction-api lib/src/api/object/app.dart).
  if (call.session.version >= 2) out.open_port = !!row.open_port;
  return out;
}

function requireApp(call: WfCall, app: string): AppRow {
  const row = findApp(call.db, call.session.accountId, app);
  if (!row) throw faults.notFound('App', 'name', app);
  return row;
}

function allocatePort(call: WfCall): number {
  const used = usedPorts(call.db, call.session.machineId);
  let port = FIRST_PORT;
  while (used.has(port)) port++;
  return port;
}

/** Seed § Applications. */
export const applicationMethods = defineMethods<WfCall>({
  create_app: {
    run(call) {
      const { accountId, machineId, username } = call.session;
      // inferred: app names become directory names under ~/webapps; lowercase letters, digits and '_' as the control panel showed.
      const app = name('name', call.str('name'), LOWER_WORD);
      if (findApp(call.db, accountId, app)) throw faults.alreadyExists('App', 'Name');
      const typeName = call.str('type');
      const type = appType(call.db, typeName);
      if (!type) throw faults.invalid('type', `"${typeName}" is not an app type (list_app_types)`);

      // Seed: the 6th argument is script_code (a string); every later client sends open_port (a boolean) there
      // (community.general webfaction_app.py, fortytwostudio/webfaction-php, dariosky/wfcli, dart-webfaction-api).
      const sixth = call.param('script_code');
      const openPort = typeof sixth === 'boolean' ? sixth : false;
      const scriptCode = typeof sixth === 'string' ? sixth : '';
      if (openPort && !type.listens) throw faults.invalid('open_port', `app type "${type.name}" does not listen on a port`);

      // Seed § create_app: extra_info "is ignored" where the type does not use it.
      let extraInfo = call.str('extra_info');
      if (type.extra_info_kind === 'absolute-path' && !extraInfo.startsWith('/'))
        throw faults.invalid('extra_info', `app type "${type.name}" needs an absolute path`);
      if (type.extra_info_kind === 'password' && !extraInfo) throw faults.invalid('extra_info', `app type "${type.name}" needs a password`);
      if (type.extra_info_kind === 'ignored') extraInfo = '';

      const port = type.listens ? allocatePort(call) : 0;
      const dir = appDirectory(username, app);
      const tree = call.tree();
      if (tree.get(dir)) throw faults.appDirectoryExists(dir);
      tree.mkdir(dir, true);
      insertApp(call.db, { accountId, machineId, name: app, type: type.name, autostart: call.bool('autostart'), extraInfo, port, openPort, scriptCode });
      // Seed § system(): later commands in this session run in the new app's directory (write_file too: daisylb/webfaction-installers).
      call.setCwd(dir);
      return appStruct(call, requireApp(call, app));
    },
  },

  delete_app: {
    run(call) {
      const row = requireApp(call, call.str('name'));
      const site = websiteUsingApp(call.db, row.id);
      // inferred: a website may not point at a missing app, so an app in use is not deleted.
      if (site) throw faults.appInUse(row.name, site);
      const dir = appDirectory(call.session.username, row.name);
      const tree = call.tree();
      if (tree.get(dir)) tree.remove(dir, true);
      deleteApp(call.db, row.id);
      if (call.session.cwd === dir || call.session.cwd.startsWith(`${dir}/`)) call.setCwd(homeOf(call.session.username));
      // Undocumented return: a struct for Ansible's result.update() (community.general webfaction_app.py).
      return {};
    },
  },

  list_apps: {
    run(call) {
      return listApps(call.db, call.session.accountId).map((row) => appStruct(call, row));
    },
  },

  list_app_types: {
    run(call) {
      return listAppTypes(call.db).map((t) => {
        // autostart is the string 'applicable' or '' (seed § list_app_types; dart-webfaction-api: "Webfaction returns a string here").
        const out: Record<string, unknown> = { name: t.name, description: t.description, autostart: t.autostart, extra_info: t.extra_info };
        // Later servers add label and open_port (dart-webfaction-api lib/src/api/object/app.dart, AppType).
        if (call.session.version >= 2) Object.assign(out, { label: t.label, open_port: bool(t.listens) });
        return out;
      });
    },
  },
});
