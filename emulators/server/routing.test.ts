import { describe, expect, it } from 'vitest';
import { route } from './routing.js';

const shared = { kind: 'shared' } as const;

describe('URL scheme', () => {
  it('maps panel prefixes on the shared port to real paths in the default world', () => {
    expect(route('/webfaction/', undefined, undefined, shared)).toEqual({ kind: 'panel', panel: 'webfaction', path: '/', query: '', world: 'default' });
    expect(route('/webfaction', undefined, undefined, shared)).toMatchObject({ panel: 'webfaction', path: '/' });
    expect(route('/gandi/hosting/', undefined, undefined, shared)).toMatchObject({ panel: 'gandi', path: '/hosting/' });
    expect(route('/gandi/xmlrpc/', undefined, undefined, shared)).toMatchObject({ panel: 'gandi', path: '/xmlrpc/' });
    expect(route('/ispconfig/remote/index.php', undefined, undefined, shared)).toMatchObject({ panel: 'ispconfig', path: '/remote/index.php' });
    expect(route('/ispconfig/remote/json.php?login', undefined, undefined, shared)).toMatchObject({ path: '/remote/json.php', query: 'login' });
    expect(route('/whm/json-api/listaccts?api.version=1', undefined, undefined, shared)).toMatchObject({
      panel: 'whm',
      path: '/json-api/listaccts',
      query: 'api.version=1',
    });
  });

  it('chooses the world by /_w/<world> prefix, then by header', () => {
    expect(route('/_w/w1/whm/json-api/version', undefined, undefined, shared)).toMatchObject({ panel: 'whm', world: 'w1', path: '/json-api/version' });
    expect(route('/whm/json-api/version', undefined, 'w2', shared)).toMatchObject({ world: 'w2' });
    expect(route('/_w/w1/whm/json-api/version', undefined, 'w2', shared)).toMatchObject({ world: 'w1' });
    expect(route('/_w/a%20b/webfaction/', undefined, undefined, shared)).toMatchObject({ world: 'a b' });
  });

  it('routes the real hostnames to their panels at the real paths', () => {
    expect(route('/', 'api.webfaction.com', undefined, shared)).toMatchObject({ panel: 'webfaction', path: '/' });
    expect(route('/xmlrpc/', 'API.Gandi.net:443', undefined, shared)).toMatchObject({ panel: 'gandi', path: '/xmlrpc/' });
  });

  it('serves real paths unprefixed on a panel listener', () => {
    const l = { kind: 'panel', panel: 'ispconfig' } as const;
    expect(route('/remote/index.php', 'host:8080', undefined, l)).toMatchObject({ panel: 'ispconfig', path: '/remote/index.php' });
    expect(route('/_w/t/remote/index.php', undefined, undefined, l)).toMatchObject({ world: 't', path: '/remote/index.php' });
    expect(route('/_admin/health', undefined, undefined, l)).toMatchObject({ kind: 'panel' });
  });

  it('sends /_admin to the admin API, / to the index, and the rest nowhere', () => {
    expect(route('/_admin/health', undefined, undefined, shared)).toEqual({ kind: 'admin' });
    expect(route('/', undefined, undefined, shared)).toEqual({ kind: 'index' });
    expect(route('/nope', undefined, undefined, shared)).toEqual({ kind: 'none', path: '/nope' });
    expect(route('/_w/x/_admin/health', undefined, undefined, shared)).toMatchObject({ kind: 'none' });
  });
});
