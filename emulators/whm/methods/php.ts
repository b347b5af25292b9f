import type { WhmCall } from '../call.js';
import { defineMethods } from '../../core/define-methods.js';
import { canAccess } from '../access.js';
import { faults } from '../faults.js';
import { sampleReply } from '../sample.js';
import { getAccount } from '../store/accounts.js';
import { webVhosts } from '../store/domains.js';
import {
  INSTALLED_PHP,
  phpHandlers,
  phpIniTexts,
  phpSystemDefault,
  setPhpHandler,
  setPhpIniText,
  setPhpSystemDefault,
  vhostPhpSettings,
} from '../store/php.js';

/*
 * The server's PHP versions (seed 004, "PHP"): installed versions and the
 * system default (which every vhost without its own version runs, as
 * php_get_vhost_versions and get_domain_info show), each version's handler,
 * and its php.ini: one text per version that php_ini_get_content shows as
 * written and php_ini_get_directives reads its directives from.
 */

/** The handlers each EasyApache 4 version offers here (the php_get_handlers sample's list; mod_php's dso is not installed: inferred). */
const HANDLERS = ['cgi', 'none', 'suphp'];
/** The handler of a version nobody set one for (the php_get_handlers sample's current_handler). */
const DEFAULT_HANDLER = 'suphp';
const MAX_INI = 64 * 1024;

interface Directive {
  key: string;
  default_value: string;
  type: 'boolean' | 'integer' | 'string' | 'float';
  php_ini_mode: 'PHP_INI_SYSTEM' | 'PHP_INI_PERDIR' | 'PHP_INI_ALL';
  info: string;
}

/**
 * The directives the basic editor offers (cPanel's MultiPHP INI Editor): keys, defaults and modes are PHP's own
 * (php.net, "php.ini directives"); allow_url_fopen's info is the reference's sample, the others' are ours.
 */
const DIRECTIVES: Directive[] = [
  {
    key: 'allow_url_fopen',
    default_value: '1',
    type: 'boolean',
    php_ini_mode: 'PHP_INI_SYSTEM',
    info: 'This option enables the URL-aware fopen wrappers that enable accessing URL object like files. Default wrappers are provided for the access of remote files using the ftp or http protocol, some extensions like zlib may register additional wrappers.',
  },
  { key: 'display_errors', default_value: '1', type: 'boolean', php_ini_mode: 'PHP_INI_ALL', info: 'Whether errors are printed as part of the output.' },
  { key: 'max_execution_time', default_value: '30', type: 'integer', php_ini_mode: 'PHP_INI_ALL', info: 'The most seconds a script may run.' },
  {
    key: 'max_input_time',
    default_value: '-1',
    type: 'integer',
    php_ini_mode: 'PHP_INI_PERDIR',
    info: 'The most seconds a script may spend parsing its input.',
  },
  { key: 'max_input_vars', default_value: '1000', type: 'integer', php_ini_mode: 'PHP_INI_PERDIR', info: 'The most input variables a request may carry.' },
  { key: 'memory_limit', default_value: '128M', type: 'string', php_ini_mode: 'PHP_INI_ALL', info: 'The most memory a script may allocate.' },
  { key: 'post_max_size', default_value: '8M', type: 'string', php_ini_mode: 'PHP_INI_PERDIR', info: 'The largest POST body accepted.' },
  {
    key: 'session.gc_maxlifetime',
    default_value: '1440',
    type: 'integer',
    php_ini_mode: 'PHP_INI_ALL',
    info: 'Seconds after which session data counts as garbage.',
  },
  { key: 'upload_max_filesize', default_value: '2M', type: 'string', php_ini_mode: 'PHP_INI_PERDIR', info: 'The largest uploaded file accepted.' },
  { key: 'zlib.output_compression', default_value: '0', type: 'boolean', php_ini_mode: 'PHP_INI_ALL', info: 'Whether pages are compressed with zlib.' },
];

/** A boolean directive as php.ini spells it (On/Off), from 1/0, on/off, true/false, yes/no. */
function iniValue(d: Directive, raw: string): string | undefined {
  const v = raw.trim();
  if (d.type !== 'boolean') return v.length <= 256 && !/[\r\n]/.test(v) ? v : undefined;
  if (/^(1|on|true|yes)$/i.test(v)) return 'On';
  if (/^(0|off|false|no|none|)$/i.test(v)) return 'Off';
  return undefined;
}

function installedVersion(call: WhmCall, name = 'version'): string {
  const version = call.required(name);
  if (!INSTALLED_PHP.includes(version)) throw faults.phpVersionNotInstalled(version.slice(0, 100));
  return version;
}

/** A version's php.ini as EasyApache writes it: the [PHP] section with each directive at its default. */
function defaultIni(): string {
  return ['[PHP]', ...DIRECTIVES.map((d) => `${d.key} = ${d.type === 'boolean' ? (d.default_value === '1' ? 'On' : 'Off') : d.default_value}`), ''].join('\n');
}

const iniText = (call: WhmCall, version: string) => phpIniTexts(call.db)[version] ?? defaultIni();

/** The value a php.ini text gives a directive (its last uncommented `key = value` line), or undefined. */
function valueIn(text: string, key: string): string | undefined {
  let found: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z0-9_.]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && m[1] === key) found = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return found;
}

/** The text with the directive set: its line rewritten, or added at the end. */
function withValue(text: string, key: string, value: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^\s*([A-Za-z0-9_.]+)\s*=/.exec(line)?.[1] === key);
  if (at >= 0) lines[at] = `${key} = ${value}`;
  else lines.splice(lines[lines.length - 1] === '' ? lines.length - 1 : lines.length, 0, `${key} = ${value}`);
  return lines.join('\n');
}

// These answer with the reference's reason "Ok" (seed 004, the samples of the EA4 PHP functions), hence sampleReply.

function php_get_installed_versions(call: WhmCall): unknown {
  return sampleReply(call, { versions: INSTALLED_PHP });
}

function php_get_system_default_version(call: WhmCall): unknown {
  return sampleReply(call, { version: phpSystemDefault(call.db) });
}

function php_set_system_default_version(call: WhmCall): unknown {
  setPhpSystemDefault(call.db, installedVersion(call));
  return sampleReply(call);
}

/** The vhosts running a version: those set to it, and (for the system default) those inheriting it; `inherit`: those without their own (seed 004 lists it). */
function php_get_vhosts_by_version(call: WhmCall): unknown {
  const version = call.str('version') === 'inherit' ? 'inherit' : installedVersion(call);
  const own = vhostPhpSettings(call.db);
  const systemDefault = phpSystemDefault(call.db);
  const vhosts = webVhosts(call.db)
    .filter((row) => {
      const account = getAccount(call.db, row.user);
      return account && canAccess(call, account);
    })
    .filter((row) => (version === 'inherit' ? !own[row.domain] : (own[row.domain]?.version ?? systemDefault) === version))
    .map((row) => row.domain);
  return { vhosts };
}

function php_get_handlers(call: WhmCall): unknown {
  const versions = call.str('version') ? [installedVersion(call)] : INSTALLED_PHP;
  const set = phpHandlers(call.db);
  return { version_handlers: versions.map((version) => ({ available_handlers: HANDLERS, current_handler: set[version] ?? DEFAULT_HANDLER, version })) };
}

function php_set_handler(call: WhmCall): unknown {
  const handler = call.required('handler');
  const version = installedVersion(call);
  if (!HANDLERS.includes(handler)) throw faults.phpHandlerUnavailable(handler.slice(0, 40), version);
  setPhpHandler(call.db, version, handler);
  return undefined;
}

function php_ini_get_directives(call: WhmCall): unknown {
  const text = iniText(call, installedVersion(call));
  return sampleReply(call, { directives: DIRECTIVES.map((d) => ({ ...d, value: valueIn(text, d.key) ?? d.default_value })) });
}

/** php_ini_set_directives: each `directive` is `name:value` (seed 004: directive=allow_url_fopen:0), one of the editor's directives. */
function php_ini_set_directives(call: WhmCall): unknown {
  const version = installedVersion(call);
  const sent = call.list('directive').slice(0, DIRECTIVES.length * 4);
  if (!sent.length) throw faults.missingParameter('directive');
  let text = iniText(call, version);
  for (const item of sent) {
    const colon = item.indexOf(':');
    const d = DIRECTIVES.find((x) => x.key === item.slice(0, colon));
    const value = d && colon > 0 ? iniValue(d, item.slice(colon + 1)) : undefined;
    if (!d || value === undefined) throw faults.phpDirectiveInvalid(item.slice(0, 100));
    text = withValue(text, d.key, value);
  }
  setPhpIniText(call.db, version, text);
  return sampleReply(call, {});
}

function php_ini_get_content(call: WhmCall): unknown {
  return sampleReply(call, { content: iniText(call, installedVersion(call)) });
}

function php_ini_set_content(call: WhmCall): unknown {
  const content = call.str('content') ?? '';
  const version = installedVersion(call);
  if (content.length > MAX_INI) throw faults.invalidParameter('content', `${content.slice(0, 40)}…`, `at most ${MAX_INI} characters`);
  setPhpIniText(call.db, version, content);
  return sampleReply(call, {});
}

export const phpMethods = defineMethods<WhmCall>({
  php_get_installed_versions: { acl: 'list-accts', run: php_get_installed_versions },
  php_get_system_default_version: { acl: 'list-accts', run: php_get_system_default_version },
  php_set_system_default_version: { acl: 'root', run: php_set_system_default_version },
  php_get_vhosts_by_version: { acl: 'list-accts', run: php_get_vhosts_by_version },
  php_get_handlers: { acl: 'root', run: php_get_handlers },
  php_set_handler: { acl: 'root', run: php_set_handler },
  php_ini_get_directives: { acl: 'root', run: php_ini_get_directives },
  php_ini_set_directives: { acl: 'root', run: php_ini_set_directives },
  php_ini_get_content: { acl: 'root', run: php_ini_get_content },
  php_ini_set_content: { acl: 'root', run: php_ini_set_content },
});
