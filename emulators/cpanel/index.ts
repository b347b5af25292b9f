import { loadContract, type MethodContract } from '../../contracts/contract.js';
import type { PanelModule } from '../core/panel.js';
import { createCpanelCodec, isCpanelPath } from '../protocol/cpanel/codec.js';
import { authenticate } from './auth.js';
import { CpanelCall, cpanelContext } from './call.js';
import { cpanelFaults, KNOWN_MODULES } from './faults.js';
import { custInfoMethods } from './methods/cust-info.js';
import { dnsMethods } from './methods/dns.js';
import { emailMethods } from './methods/email.js';
import { mysqlMethods } from './methods/mysql.js';
import { sslMethods } from './methods/ssl.js';
import { ftpMethods } from './methods/ftp.js';
import { cronMethods } from './methods/cron.js';
import { usageMethods } from './methods/usage.js';
import { domainMethods } from './methods/domains.js';
import { loginMethods } from './methods/login.js';
import { tokenMethods } from './methods/tokens.js';
import { zoneEditMethods } from './methods/zone-edit.js';
import { cpanelMigrations } from './schema.js';

const contract = loadContract('cpanel');
const codec = createCpanelCodec();
for (const m of contract.methods) {
  const parts = m.name.split('::');
  if (parts.length > 1) KNOWN_MODULES.add(parts[0] === 'API2' ? parts[1] : parts[0]);
}

const relaxed = new Map<string, MethodContract>();

/** cPanel reads every argument as a string and checks it in the function, so parameters bind as `any` (required ones stay required). */
function contractForCall(method: MethodContract): MethodContract {
  let loose = relaxed.get(method.name);
  if (!loose) {
    loose = { ...method, params: method.params.map((p) => ({ ...p, type: 'any' as const })) };
    relaxed.set(method.name, loose);
  }
  return loose;
}

/**
 * cPanel's account-level APIs on the cPanel port (cpsrvd 2083/2082): UAPI at
 * `/execute/<Module>/<function>`, cPanel API 2 at `/json-api/cpanel`, over
 * WHM's state (an account made by createacct logs in here; its zones are
 * the rows WHM's dumpzone reads).
 */
export const cpanelPanel: PanelModule = {
  id: 'cpanel',
  title: 'cPanel account APIs (UAPI, API 2)',
  contract,
  paths: ['/execute/<Module>/<function>', '/json-api/cpanel', '/login'],
  route: (path) => (isCpanelPath(path) ? codec : undefined),
  migrations: cpanelMigrations,
  // The accounts are WHM's (createacct, or WHM's seed): nothing of its own to seed.
  seed: () => {},
  describeSeed: () => ['log in as any account WHM made: Basic user:password, or Authorization: cpanel user:TOKEN (UAPI Tokens::create_full_access)'],
  methods: {
    ...loginMethods,
    ...tokenMethods,
    ...custInfoMethods,
    ...dnsMethods,
    ...zoneEditMethods,
    ...domainMethods,
    ...emailMethods,
    ...mysqlMethods,
    ...sslMethods,
    ...ftpMethods,
    ...cronMethods,
    ...usageMethods,
  },
  newCall: (ctx) => new CpanelCall(cpanelContext(ctx)),
  faults: cpanelFaults,
  authenticate,
  contractForCall,
};
