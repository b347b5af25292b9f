import type { ApsPackage } from './aps-catalogue.js';
import type { Row } from '../store/datalog.js';
import { htmlentities, htmlspecialchars, isPhpArray, str } from './php.js';

// What ApsGUIController makes of a package's metadata for the remote API: getPackageDetails and getPackageSettings
// (interface/lib/classes/aps_guicontroller.inc.php, aps_base.inc.php convertSize; ISPConfig 3.2.11,
// AVENTER-UG/ispconfig3@3.2.11), and the utf8_encode the remote methods run over the result.

/** The remote door's PHP_SELF directory: SOAP (index.php) and JSON (json.php) both live in /remote. */
const REMOTE_DIR = '/remote';

/** utf8_encode(), which the remote methods run over every value: the text is taken as ISO-8859-1, so UTF-8 is encoded twice. */
function utf8Encode(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export function utf8EncodeAll(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(utf8EncodeAll);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, utf8EncodeAll(v)]));
  if (isPhpArray(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, utf8EncodeAll(v)]));
  return utf8Encode(str(value));
}

/** ApsBase::convertSize: `round(v / 1024^floor(log(v, 1024)), 2) . ' ' . unit`. */
function convertSize(bytes: number): string {
  const units = ['Bytes', 'KB', 'MB', 'GB', 'TB'];
  const i = Math.floor(Math.log(bytes) / Math.log(1024));
  const value = Math.round((bytes / 1024 ** i) * 100) / 100;
  return `${str(value)} ${units[i] ?? ''}`;
}

/** getPackageDetails: the aps_packages row and what APP-META.xml says, before the remote method's encoding. */
export function packageDetails(row: Row, meta: ApsPackage): Record<string, unknown> {
  const files = `${REMOTE_DIR}/aps_meta_packages/${str(row.path)}`;
  const base = (p: string) => p.split('/').pop() ?? '';
  const php = meta.php ?? {};
  const phpSettings: { PHPSettingName: string; PHPSettingValue: string }[] = [];
  for (const option of ['allow-url-fopen', 'file-uploads', 'magic-quotes-gpc', 'register-globals', 'safe-mode', 'short-open-tag']) {
    const value = php.flags?.[option];
    if (value) phpSettings.push({ PHPSettingName: option.replace(/-/g, '_'), PHPSettingValue: value.replace('false', 'off').replace('true', 'on') });
  }
  if (php.memoryLimit) phpSettings.push({ PHPSettingName: 'memory_limit', PHPSettingValue: convertSize(php.memoryLimit) });
  if (php.maxExecutionTime) phpSettings.push({ PHPSettingName: 'max-execution-time', PHPSettingValue: str(php.maxExecutionTime) });
  if (php.postMaxSize) phpSettings.push({ PHPSettingName: 'post_max_size', PHPSettingValue: convertSize(php.postMaxSize) });
  // Only a maximum prints '< ' and the (empty) minimum: the source concatenates the wrong variable.
  const versions =
    php.minVersion && php.maxNotIncluding
      ? `${php.minVersion} - ${php.maxNotIncluding}`
      : php.minVersion
        ? `> ${php.minVersion}`
        : php.maxNotIncluding
          ? '< '
          : '';
  const db = meta.database;
  const dbType = db ? db.serverType.replace('postgresql', 'PostgreSQL').replace('microsoft:sqlserver', 'MSSQL').replace('mysql', 'MySQL') : '';
  const licenseUrl = meta.license?.url ?? '';
  return {
    ...row,
    Summary: htmlspecialchars(meta.summary ?? ''),
    Homepage: meta.homepage ?? '',
    Description: htmlspecialchars((meta.description ?? '').trim()).replace(/(\r\n|\n|\r)/g, '<br />$1'),
    'Config script': (meta.configScriptLanguage ?? '').toUpperCase(),
    'Installed Size': meta.installedSize ? convertSize(Math.trunc(meta.installedSize)) : '',
    'License need agree': meta.license?.mustAccept === undefined ? '' : String(meta.license.mustAccept),
    'License name': meta.license?.name ?? '',
    'License type': licenseUrl ? 'url' : 'file',
    'License content': licenseUrl ? htmlspecialchars(licenseUrl) : htmlentities(meta.license?.text ?? '', 'ISO-8859-1'),
    Languages: (meta.languages ?? []).join(' '),
    Icon: meta.icon ? `${files}/${base(meta.icon)}` : '',
    Screenshots: meta.screenshots?.length
      ? meta.screenshots.map((s) => ({ ScreenPath: `${files}/${base(s.path)}`, ScreenDescription: htmlspecialchars((s.description ?? '').trim()) }))
      : '',
    Changelog: meta.changelog?.length
      ? meta.changelog.map((c) => ({ ChangelogVersion: c.version, ChangelogDescription: c.entries.map((e) => htmlspecialchars(e.trim())).join('<br />') }))
      : '',
    'Requirements PHP extensions': (php.extensions ?? []).filter((e) => e.toLowerCase() !== 'php').join(' '),
    'Requirements PHP settings': phpSettings,
    'Requirements Supported PHP versions': versions,
    'Requirements Database': db ? dbType + (db.minVersion ? ` > ${db.minVersion}` : '') : '',
  };
}

/** getPackageSettings: the installer form of APP-META.xml's settings (types it does not know are left out). */
export function packageSettings(meta: ApsPackage): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const s of meta.settings ?? []) {
    const head = { SettingID: s.id, SettingName: s.name, SettingDescription: s.description ?? '' };
    const limits = { SettingRegex: s.regex ?? null, SettingMinLength: s.minLength ?? null, SettingMaxLength: s.maxLength ?? null };
    if (['string', 'email', 'integer', 'float', 'domain-name'].includes(s.type)) {
      out.push({ ...head, SettingType: s.type, SettingInputType: 'string', SettingDefaultValue: s.defaultValue ?? '', ...limits });
    } else if (s.type === 'password') {
      out.push({ ...head, SettingType: 'password', SettingInputType: 'password', SettingDefaultValue: '', ...limits });
    } else if (s.type === 'boolean') {
      out.push({ ...head, SettingType: 'boolean', SettingInputType: 'checkbox', SettingDefaultValue: s.defaultValue ?? '' });
    } else if (s.type === 'enum') {
      out.push({
        ...head,
        SettingType: 'enum',
        SettingInputType: 'select',
        SettingDefaultValue: s.defaultValue ?? '',
        SettingChoices: (s.choices ?? []).map((c) => ({ EnumID: c.id, EnumName: c.name })),
      });
    }
  }
  return out;
}
