import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dataFileUrl } from '../../kernel/data-file.js';
import { isLoopback } from './admin-api.js';

// Data files of the package (scripts/data-files.json), found from its data root, so the bundled CLI finds them too.
const UI_DIR = 'emulators/server/ui/';
const TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'view.js': 'text/javascript; charset=utf-8',
  'wire-view.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};
const cache = new Map<string, Buffer>();

/** Whether a shared-port path belongs to the dashboard page (`/_admin/ui`, `/_admin/ui/…`). */
export function isDashboardPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/_admin/ui' || path.startsWith('/_admin/ui/');
}

/**
 * Serves the dashboard's static files (a fixed list, read once): no data is
 * in them, so with an admin token they are served to anyone and the page asks
 * for the token before its first admin call; without one, like the admin API,
 * to loopback callers only.
 */
export function serveDashboard(req: IncomingMessage, res: ServerResponse, adminToken: string | undefined): void {
  const path = (req.url ?? '/').split('?')[0];
  if (!adminToken && !isLoopback(req.socket.remoteAddress)) {
    return send(
      res,
      403,
      'application/json',
      JSON.stringify({
        error: { code: 'admin_forbidden', message: 'The dashboard answers loopback callers only; start mockpanel with --admin-token to allow others.' },
      }),
    );
  }
  if (path === '/_admin/ui') {
    res.writeHead(308, { location: '/_admin/ui/', 'content-length': '0' });
    res.end();
    return;
  }
  const name = path === '/_admin/ui/' ? 'index.html' : path.slice('/_admin/ui/'.length);
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n');
  if (!TYPES[name])
    return send(res, 404, 'application/json', JSON.stringify({ error: { code: 'unknown_admin_route', message: `No dashboard file ${name}.` } }));
  let body = cache.get(name);
  if (!body) cache.set(name, (body = readFileSync(dataFileUrl(UI_DIR + name))));
  send(res, 200, TYPES[name], req.method === 'HEAD' ? Buffer.alloc(0) : body, body.length);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, length = Buffer.byteLength(body)): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(length),
    'cache-control': 'no-cache',
    // The page loads nothing from elsewhere: no CDN, no inline script.
    'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-src 'self'",
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
