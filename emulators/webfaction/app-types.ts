/**
 * The seeded `list_app_types` catalogue. Type names are the ones the seed and
 * public clients used (seed `static`, `django102_mp331_25`; fabfiles `custom_app_with_port`,
 * `symlink_static_only`, `symlink54`; Ansible EXAMPLES `mod_wsgi35-python27`;
 * dart-webfaction-api `django-2.0.5_mod_wsgi-4.6.4_python-3.6`; mezzanine-webf
 * `git`; unattributed hits `static_only`, `static_php54`, `static_php56`,
 * `wordpress_380`).
 *
 * inferred: labels, descriptions, which types listen on a port and which use
 * autostart.cgi are ours: the control panel's App types page was never
 * captured. Types that run their own server process get a port; types served
 * by the machine's shared Apache get port 0.
 */
export interface AppTypeSeed {
  name: string;
  label: string;
  description: string;
  /** Real servers sent the string 'applicable' or '' (dart-webfaction-api: "Webfaction returns a string here"). */
  autostart: 'applicable' | '';
  /** What `extra_info` means for this type, in words ('' when unused). */
  extraInfo: string;
  /** How `create_app` checks `extra_info`. */
  extraInfoKind: 'ignored' | 'absolute-path' | 'password';
  /** Gets a port allocated by `create_app`. */
  listens: boolean;
}

export const APP_TYPES: readonly AppTypeSeed[] = [
  {
    name: 'static',
    label: 'Static/CGI/PHP',
    description: 'Static files, CGI scripts and PHP served by the shared Apache',
    autostart: '',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: false,
  },
  {
    name: 'static_only',
    label: 'Static only (no .htaccess)',
    description: 'Static files served by the front-end nginx',
    autostart: '',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: false,
  },
  {
    name: 'static_php54',
    label: 'Static/CGI/PHP-5.4',
    description: 'Static files, CGI and PHP 5.4',
    autostart: '',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: false,
  },
  {
    name: 'static_php56',
    label: 'Static/CGI/PHP-5.6',
    description: 'Static files, CGI and PHP 5.6',
    autostart: '',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: false,
  },
  {
    name: 'symlink_static_only',
    label: 'Symbolic link to static-only app',
    description: 'Serves a directory elsewhere in your home as static files',
    autostart: '',
    extraInfo: 'Absolute path to the directory to serve',
    extraInfoKind: 'absolute-path',
    listens: false,
  },
  {
    name: 'symlink54',
    label: 'Symbolic link to static/cgi/php54 app',
    description: 'Serves a directory elsewhere in your home with CGI and PHP 5.4',
    autostart: '',
    extraInfo: 'Absolute path to the directory to serve',
    extraInfoKind: 'absolute-path',
    listens: false,
  },
  {
    name: 'custom_app_with_port',
    label: 'Custom app (listening on port)',
    description: 'Any server you run yourself, reachable on the port allocated to it',
    autostart: 'applicable',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: true,
  },
  {
    name: 'django102_mp331_25',
    label: 'Django 1.0.2 (mod_python 3.3.1/Python 2.5)',
    description: 'Django 1.0.2 on its own Apache with mod_python 3.3.1 and Python 2.5',
    autostart: 'applicable',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: true,
  },
  {
    name: 'mod_wsgi35-python27',
    label: 'mod_wsgi 3.5/Python 2.7',
    description: 'An Apache with mod_wsgi 3.5 for any WSGI application on Python 2.7',
    autostart: 'applicable',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: true,
  },
  {
    name: 'django-2.0.5_mod_wsgi-4.6.4_python-3.6',
    label: 'Django 2.0.5 (mod_wsgi 4.6.4/Python 3.6)',
    description: 'Django 2.0.5 on its own Apache with mod_wsgi 4.6.4 and Python 3.6',
    autostart: 'applicable',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: true,
  },
  {
    name: 'wordpress_380',
    label: 'WordPress 3.8',
    description: 'WordPress 3.8 on the shared Apache with PHP',
    autostart: '',
    extraInfo: '',
    extraInfoKind: 'ignored',
    listens: false,
  },
  {
    name: 'git',
    label: 'Git',
    description: 'Git repositories served over HTTP',
    autostart: '',
    extraInfo: 'Password for the git web user',
    extraInfoKind: 'password',
    listens: false,
  },
];
