import type { PanelId } from '../kernel/panel-id.js';

/**
 * The seeded default world's logins: the documents' own example credentials,
 * so their samples run unmodified.
 *
 * @example
 * const { username, password } = seededCredentials('webfaction'); // widgetsco / widgetsrock
 */
export function seededCredentials(panel: PanelId): { username: string; password: string; token?: string } {
  switch (panel) {
    case 'webfaction':
      return { username: 'widgetsco', password: 'widgetsrock' };
    case 'gandi':
      return { username: 'AA1234-GANDI', password: 'mypassword' };
    case 'ispconfig':
      return { username: 'admin', password: 'admin' };
    case 'whm':
      return { username: 'root', password: 'rootpw', token: 'MOCKPANELROOTTOKEN00000000000000' };
    case 'cpanel':
      // An account of WHM's built-in seed (emulators/whm/seed.ts): the cPanel door logs in account users.
      return { username: 'carol', password: 'carolpw' };
  }
}
