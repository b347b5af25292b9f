import { empty, isPhpArray, str, type PhpArray } from './php.js';

// The APS package catalogue a world's panel crawls (apscatalog.com in ISPConfig, aps_crawler.inc.php): what each
// package's APP-META.xml, LICENSE, PKG_URL and image files say, already read. A world sets its own with
// `ispconfig.apsCatalogue`; unset, the default below. The descriptions are mockpanel's own words; the names,
// versions and requirements follow the public APS packages of these applications.

/** One `<setting>` of APP-META.xml's `//settings/group`. */
export interface ApsSetting {
  id: string;
  type: 'string' | 'email' | 'integer' | 'float' | 'domain-name' | 'password' | 'boolean' | 'enum';
  name: string;
  description?: string;
  defaultValue?: string;
  regex?: string;
  minLength?: number;
  maxLength?: number;
  /** enum choices: `<choice id><name>`. */
  choices?: { id: string; name: string }[];
}

/** A package as its metadata describes it. The file on disk is `<name>-<version>-<release>.app.zip`. */
export interface ApsPackage {
  name: string;
  version: string;
  release: number | string;
  category: string;
  /** PKG_URL; a package without one is not registered (parseFolderToDB). */
  packageUrl: string;
  summary?: string;
  homepage?: string;
  description?: string;
  configScriptLanguage?: string;
  /** Bytes. */
  installedSize?: number;
  license?: { mustAccept?: boolean; name?: string; url?: string; text?: string };
  languages?: string[];
  /** File name (a key of `files`). */
  icon?: string;
  screenshots?: { path: string; description?: string }[];
  changelog?: { version: string; entries: string[] }[];
  php?: {
    extensions?: string[];
    /** allow-url-fopen, file-uploads, magic-quotes-gpc, register-globals, safe-mode, short-open-tag: 'true' | 'false'. */
    flags?: Record<string, 'true' | 'false'>;
    memoryLimit?: number;
    maxExecutionTime?: number;
    postMaxSize?: number;
    minVersion?: string;
    maxNotIncluding?: string;
  };
  /** `//db:id`, `//db:server-type`, `//db:server-min-version`: the installer creates a database when present. */
  database?: { id: string; serverType: string; minVersion?: string };
  settings?: ApsSetting[];
  /** The package's image files, base64. */
  files?: Record<string, string>;
}

export function packagePath(pkg: ApsPackage): string {
  return `${pkg.name}-${pkg.version}-${pkg.release}.app.zip`;
}

// A 1×1 PNG, enough for the icon and screenshot files the API hands out.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg==';

const wordpressSettings: ApsSetting[] = [
  { id: 'admin_name', type: 'string', name: 'Administrator login', defaultValue: 'admin', regex: '^[a-zA-Z0-9_.-]+$', minLength: 1, maxLength: 32 },
  { id: 'admin_password', type: 'password', name: 'Administrator password', minLength: 8 },
  { id: 'admin_email', type: 'email', name: 'Administrator e-mail' },
  { id: 'title', type: 'string', name: 'Site title', defaultValue: 'My blog', maxLength: 100 },
  {
    id: 'locale',
    type: 'enum',
    name: 'Language',
    defaultValue: 'en-US',
    choices: [
      { id: 'en-US', name: 'English' },
      { id: 'de-DE', name: 'Deutsch' },
    ],
  },
];

function wordpress(version: string, release: number, changes: string[]): ApsPackage {
  return {
    name: 'WordPress',
    version,
    release,
    category: 'Web/Blog',
    packageUrl: `https://apscatalog.com/1/wordpress.org/WordPress/${version}-${release}`,
    summary: 'Blog and website publishing platform',
    homepage: 'https://wordpress.org/',
    description: 'A publishing platform for blogs and websites.\nThemes and plugins extend it.',
    configScriptLanguage: 'php',
    installedSize: 68157440,
    license: { mustAccept: true, name: 'GPLv2', url: 'https://www.gnu.org/licenses/gpl-2.0.html' },
    languages: ['en', 'de'],
    icon: 'icon.png',
    screenshots: [{ path: 'screenshot-1.png', description: 'The dashboard' }],
    changelog: [{ version: `${version}-${release}`, entries: changes }],
    php: { extensions: ['php', 'mysql'], flags: { 'file-uploads': 'true' }, memoryLimit: 67108864, minVersion: '7.0' },
    database: { id: 'main', serverType: 'mysql', minVersion: '5.0' },
    settings: wordpressSettings,
    files: { 'icon.png': PIXEL, 'screenshot-1.png': PIXEL },
  };
}

/** The catalogue a world's panel sees unless `ispconfig.apsCatalogue` replaces it. */
export const DEFAULT_APS_CATALOGUE: ApsPackage[] = [
  wordpress('6.3.1', 1, ['Security and maintenance release']),
  wordpress('6.4.2', 1, ['Maintenance release', 'Fixes a plugin update problem']),
  {
    name: 'DokuWiki',
    version: '2023.04.04',
    release: 2,
    category: 'Collaboration/Wiki',
    packageUrl: 'https://apscatalog.com/1/dokuwiki.org/DokuWiki/2023.04.04-2',
    summary: 'Wiki that stores its pages in plain files',
    homepage: 'https://www.dokuwiki.org/',
    description: 'A wiki without a database: pages are text files.',
    configScriptLanguage: 'php',
    installedSize: 15728640,
    license: { mustAccept: true, name: 'GPLv2', text: 'This package is distributed under the GNU General Public License, version 2.\n' },
    languages: ['en'],
    icon: 'icon.png',
    php: { extensions: ['php'], minVersion: '7.2', maxNotIncluding: '8.3' },
    settings: [
      { id: 'admin_name', type: 'string', name: 'Wiki administrator', defaultValue: 'admin', minLength: 1, maxLength: 32 },
      { id: 'admin_password', type: 'password', name: 'Administrator password', minLength: 8 },
      { id: 'acl', type: 'boolean', name: 'Enable access control', defaultValue: 'true' },
      {
        id: 'policy',
        type: 'enum',
        name: 'Initial policy',
        defaultValue: 'open',
        choices: [
          { id: 'open', name: 'Open wiki' },
          { id: 'closed', name: 'Closed wiki' },
        ],
      },
    ],
    files: { 'icon.png': PIXEL },
  },
];

// aps_base.inc.php
export const PACKAGE_LOCKED = 1;
export const PACKAGE_ENABLED = 2;
export const PACKAGE_OUTDATED = 3;
export const PACKAGE_ERROR_NOMETA = 4;
export const INSTANCE_PENDING = 0;
export const INSTANCE_INSTALL = 1;
export const INSTANCE_ERROR = 2;
export const INSTANCE_SUCCESS = 3;
export const INSTANCE_REMOVE = 4;

const listOf = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const maybe = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : str(v));
const numberOrUndefined = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A catalogue entry as a test wrote it, with every field the type it is read as (a wrong shape never crashes a call). */
function normalize(p: PhpArray): ApsPackage {
  const php = isPhpArray(p.php) ? p.php : undefined;
  const license = isPhpArray(p.license) ? p.license : undefined;
  const db = isPhpArray(p.database) && !empty(p.database.id) ? p.database : undefined;
  return {
    name: str(p.name),
    version: str(p.version),
    release: str(p.release),
    category: str(p.category),
    packageUrl: str(p.packageUrl),
    summary: maybe(p.summary),
    homepage: maybe(p.homepage),
    description: maybe(p.description),
    configScriptLanguage: maybe(p.configScriptLanguage),
    installedSize: numberOrUndefined(p.installedSize),
    license: license && {
      mustAccept: typeof license.mustAccept === 'boolean' ? license.mustAccept : undefined,
      name: maybe(license.name),
      url: maybe(license.url),
      text: maybe(license.text),
    },
    languages: listOf(p.languages)?.map(str),
    icon: maybe(p.icon),
    screenshots: listOf(p.screenshots)
      ?.filter(isPhpArray)
      .map((x) => ({ path: str(x.path), description: maybe(x.description) })),
    changelog: listOf(p.changelog)
      ?.filter(isPhpArray)
      .map((x) => ({ version: str(x.version), entries: (listOf(x.entries) ?? []).map(str) })),
    php: php && {
      extensions: listOf(php.extensions)?.map(str),
      flags: isPhpArray(php.flags)
        ? (Object.fromEntries(Object.entries(php.flags).map(([k, v]) => [k, str(v) === 'false' ? 'false' : 'true'])) as Record<string, 'true' | 'false'>)
        : undefined,
      memoryLimit: numberOrUndefined(php.memoryLimit),
      maxExecutionTime: numberOrUndefined(php.maxExecutionTime),
      postMaxSize: numberOrUndefined(php.postMaxSize),
      minVersion: maybe(php.minVersion),
      maxNotIncluding: maybe(php.maxNotIncluding),
    },
    database: db && { id: str(db.id), serverType: str(db.serverType), minVersion: maybe(db.minVersion) },
    settings: listOf(p.settings)
      ?.filter(isPhpArray)
      .map((x) => ({
        id: str(x.id),
        type: str(x.type) as ApsSetting['type'],
        name: str(x.name),
        description: maybe(x.description),
        defaultValue: maybe(x.defaultValue),
        regex: maybe(x.regex),
        minLength: numberOrUndefined(x.minLength),
        maxLength: numberOrUndefined(x.maxLength),
        choices: listOf(x.choices)
          ?.filter(isPhpArray)
          .map((c) => ({ id: str(c.id), name: str(c.name) })),
      })),
    files: isPhpArray(p.files) ? Object.fromEntries(Object.entries(p.files).map(([k, v]) => [k, str(v)])) : undefined,
  };
}

/** The catalogue of `ispconfig.apsCatalogue` as a world set it (entries read field by field), or the default. */
export function catalogueFrom(setting: unknown): ApsPackage[] {
  return Array.isArray(setting) ? setting.filter(isPhpArray).map(normalize) : DEFAULT_APS_CATALOGUE;
}
