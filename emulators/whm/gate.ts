import type { Credentials } from '../protocol/codec.js';
import type { GateAnswer } from '../core/panel.js';
import { isPanelFault, type PanelFault } from '../core/panel-fault.js';
import type { PanelRequest } from '../core/types.js';
import { parseWhmCredentials } from '../protocol/whm/credentials.js';
import type { World } from '../../state/world.js';
import { authenticate } from './auth.js';
import { cpsrvdLogin, LOGIN_PATH } from './login.js';
import { faults } from './faults.js';
import { liveWhostmgrSession, SESSION_IDLE_SECONDS, touchSession } from './store/sessions.js';

const FUNCTION_IN_PATH = /^(?:\/cpsess\d+)?\/json-api\/([^/]*)/;
const SECURITY_TOKEN_IN_PATH = /^\/(cpsess\d+)\//;

/** What the journal says about the credentials a refused request carried (never the secret). */
function presented(credentials: Credentials | undefined): string {
  if (!credentials) return 'no credentials the WHM port accepts (no Authorization header of the whm or Basic scheme, no whostmgrsession cookie)';
  const who = credentials.user ? ` for “${credentials.user.slice(0, 64)}”` : '';
  switch (credentials.scheme) {
    case 'token':
      return `an API token${who}`;
    case 'accesshash':
      return `a secret${who} that is neither one of its API tokens nor its access hash`;
    case 'basic':
      return `a password${who}`;
    case 'session':
      return 'a whostmgrsession cookie';
  }
}

/**
 * cpsrvd authenticates a request before it looks at what the request asks
 * for: `/json-api/` with no function, an unknown function and a known one
 * are all refused alike (HTTP 401, emulators/protocol/whm/access-denied.ts)
 * when the credentials fail. `/login` is cpsrvd's own form (login.ts). A
 * session made by /login also needs its own `/cpsessNNNNNNNNNN` prefix:
 * cpsrvd answers a wrong security token with HTTP 401 "Invalid security
 * token" (inmotionhosting.com, "cPanel 11.38 enforces security tokens"), and
 * each call keeps the session alive for another SESSION_IDLE_SECONDS.
 */
export function whmGate(request: PanelRequest, world: World): GateAnswer | undefined {
  if (LOGIN_PATH.test(request.path)) return cpsrvdLogin(request, world);
  const method = FUNCTION_IN_PATH.exec(request.path)?.[1] ?? '';
  const credentials = parseWhmCredentials(request.headers);
  const refuse = (fault: PanelFault, why: string): GateAnswer => ({
    method,
    fault,
    findings: [
      {
        kind: 'whm.refused',
        message: `refused before routing (${fault.faultString}): ${why}`,
        why: 'cpsrvd checks the login before WHM reads the request, so a wrong token, access hash or password gets HTTP 401 whatever the function: a client that reads only the JSON envelope never sees why.',
      },
    ],
  });
  if (!credentials) return refuse(faults.accessDenied(), presented(credentials));
  const resolved: Parameters<typeof authenticate>[0] = { db: world.db, world, request, call: { method, args: [], wire: {}, credentials } };
  try {
    authenticate(resolved);
  } catch (error) {
    if (isPanelFault(error)) return refuse(error, presented(credentials));
    throw error;
  }
  if (credentials.scheme === 'session') {
    const now = world.clock.nowSeconds();
    const session = liveWhostmgrSession(world.db, credentials.secret, now);
    if (session?.security_token && SECURITY_TOKEN_IN_PATH.exec(request.path)?.[1] !== session.security_token) {
      return refuse(faults.invalidSecurityToken(), 'a whostmgrsession cookie under another security token than the one its login handed out');
    }
    if (session) touchSession(world.db, credentials.secret, now + SESSION_IDLE_SECONDS);
  }
  // The caller is known now: the call runs as this session without authenticating a second time.
  return { method, session: resolved.session };
}
