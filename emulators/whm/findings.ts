import type { CallContext } from '../core/panel.js';
import { whmContext } from './call.js';
import type { Finding } from '../../kernel/journal-entry.js';

/** The WHM habits a call shows that the client report should point out. */
export function inspectWhm(ctx: CallContext): Finding[] {
  const out: Finding[] = [];
  if (whmContext(ctx).call.wire.apiVersion === 0) {
    out.push({
      kind: 'whm.no-api-version',
      message: `${ctx.method.name} called without api.version=1`,
      why: 'Without api.version=1 WHM answers in the legacy API 0 shape: no metadata envelope, other key names, and errors that do not set result 0. Code written against the API 1 reference misreads these answers.',
    });
  }
  if (ctx.call.credentials?.scheme === 'accesshash') {
    out.push({
      kind: 'whm.access-hash',
      message: 'authenticated with a remote access hash',
      why: 'cPanel deprecated access hashes in favour of API tokens, which can be limited to some functions and IP addresses and can expire.',
    });
  }
  return out;
}
