import type { MaskRule } from '../../emulators/replay/cassette.js';

/**
 * The documents' XML-RPC examples as data: each call with the arguments the
 * document gives and the answer it shows. Where a document shows only the
 * type of an answer, the value stands for that type and a `type` mask says
 * so; ids that link calls are the document's own example ids.
 */
export interface DocumentedCall {
  method: string;
  args: unknown[];
  answer: { value: unknown } | { fault: { code: number; string: string } };
  /** Which example of the document this is. */
  note: string;
}

export interface DocumentedFlow {
  name: string;
  path: string;
  source: string;
  note: string;
  /** Public sample credentials of the document: not secrets, kept in clear. */
  keep: string[];
  masks: MaskRule[];
  calls: DocumentedCall[];
}

const S = 'SECRET-session-1';

const SPAM_BEFORE = 'eggs, spam, spam, and spam.\nspam, spam, spam, and eggs.\n';
const SPAM_AFTER = 'spam, spam, spam, and spam.\nspam, spam, spam, and spam.\n';

/** WebFaction API reference (seed 000): every example that shows a call, in the order of the document. */
export const WEBFACTION_EXAMPLES: DocumentedFlow = {
  name: 'examples',
  path: '/',
  source:
    'WebFaction API reference (seeds/000_baf43031cf69dc23.txt): the Example sections of create_domain, create_website, update_website and replace_in_file',
  note: "Each example logs in as widgetsco/widgetsrock; the document never shows login's answer beyond its two parts, so the account struct is type-checked only.",
  keep: ['widgetsrock'],
  masks: [
    { method: 'login', path: '/value/1', kind: 'type' },
    { method: 'create_app', path: '/value', kind: 'any' },
    { method: 'write_file', path: '/value', kind: 'any' },
  ],
  calls: [
    { method: 'login', args: ['widgetsco', 'widgetsrock'], answer: { value: [S, {}] }, note: "session_id, account = server.login('widgetsco', 'widgetsrock')" },
    {
      method: 'create_domain',
      args: [S, 'widgetcompany.example', 'www', 'design'],
      answer: { value: { domain: 'widgetcompany.example', id: 47255, subdomains: ['www', 'design'] } },
      note: 'create_domain example',
    },
    // The create_website example's account already has the apps it names ("its new Django project"); the document does not show how they were made.
    {
      method: 'create_app',
      args: [S, 'django', 'django102_mp331_25', false, ''],
      answer: { value: {} },
      note: 'precondition of the create_website example: an app named django (type from the create_app section; answer not compared)',
    },
    {
      method: 'create_app',
      args: [S, 'wordpress', 'wordpress_380', false, ''],
      answer: { value: {} },
      note: 'precondition of the update_website example: an app named wordpress (answer not compared)',
    },
    {
      method: 'create_website',
      args: [S, 'widgets_on_the_web', '174.133.82.194', true, ['widgetcompany.example', 'www.widgetcompany.example'], ['django', '/']],
      answer: {
        value: {
          https: true,
          id: 67074,
          ip: '174.133.82.194',
          name: 'widgets_on_the_web',
          site_apps: [['django', '/']],
          subdomains: ['widgetcompany.example', 'www.widgetcompany.example'],
        },
      },
      note: 'create_website example',
    },
    {
      method: 'update_website',
      args: [S, 'widgets_on_the_web', '174.133.82.195', true, ['widgetcompany.example', 'dev.widgetcompany.example'], ['django', '/'], ['wordpress', '/blog']],
      answer: {
        value: {
          https: true,
          id: 67074,
          ip: '174.133.82.195',
          name: 'widgets_on_the_web',
          site_apps: [
            ['django', '/'],
            ['wordpress', '/blog'],
          ],
          subdomains: ['widgetcompany.example', 'dev.widgetcompany.example'],
        },
      },
      note: 'update_website example',
    },
    {
      method: 'write_file',
      args: [S, 'myfile.txt', SPAM_BEFORE],
      answer: { value: {} },
      note: 'precondition of the replace_in_file example: the file its first "$ cat myfile.txt" shows (write_file\'s answer is undocumented)',
    },
    {
      method: 'replace_in_file',
      args: [S, 'myfile.txt', ['eggs', 'spam']],
      answer: { value: '' },
      note: "replace_in_file example (the document passes 'sid'; the session is meant)",
    },
    { method: 'system', args: [S, 'cat myfile.txt'], answer: { value: SPAM_AFTER }, note: 'the second "$ cat myfile.txt" of the replace_in_file example' },
  ],
};

/**
 * Gandi Hosting API 1.0 (seed 001, endpoint /hosting/): the document's
 * examples run as one flow. Its examples use separate ids for the same kind
 * of object (VM 456, 1234, 9876; disk 123, 1928); the flow creates one VM
 * and one disk, recorded as 9876 and 1928 (the ids most examples use), and
 * uses them throughout. The document gives answers as types only.
 */
export const GANDI_FLOW: DocumentedFlow = {
  name: 'flow',
  path: '/hosting/',
  source: 'Gandi Hosting XML-RPC API 1.0 (seeds/001_884707f4c69a0302.txt): the Python example of each method',
  note: "One flow through the examples with the document's arguments; answers are the documented types (type masks), except the ids that link calls (identity-tracked) and vm_list/disk_list, which must list exactly the VM and disk created.",
  keep: ['mypassword', 'my_password'],
  masks: [
    ...[
      'account_currency',
      'account_balance',
      'hosting_account_info',
      'hosting_account_product_add',
      'vm_info',
      'disk_info',
      'disk_attach',
      'disk_detach',
      'disk_delete',
      'vm_reboot',
      'vm_stop',
      'vm_start',
      'vm_delete',
      'os_list',
      'operation_list',
      'operation_details',
    ].map((method): MaskRule => ({ method, path: '/value', kind: 'type' })),
    { method: 'vm_list', path: '/value/*', kind: 'id' },
    { method: 'disk_list', path: '/value/*', kind: 'id' },
  ],
  calls: [
    {
      method: 'login',
      args: ['AA1234-GANDI', 'mypassword', true],
      answer: { value: S },
      note: 'login: "string login(string login, string password [, boolean safe])"',
    },
    { method: 'account_currency', args: [S], answer: { value: '' }, note: 'account_currency: string' },
    { method: 'account_balance', args: [S], answer: { value: 0.5 }, note: 'account_balance: double' },
    { method: 'hosting_account_info', args: [S], answer: { value: {} }, note: 'hosting_account_info: struct' },
    { method: 'hosting_account_product_add', args: [S, 'shares', 4, '1m'], answer: { value: 0 }, note: 'hosting_account_product_add example: an operation id' },
    { method: 'vm_create', args: [S, 'vmtest1', 'my_password', 111, 4, 1, { login: 'gandi' }], answer: { value: 9876 }, note: 'vm_create example: the VM id' },
    { method: 'vm_info', args: [S, 9876], answer: { value: {} }, note: 'vm_info example (vm_id 456 in the document)' },
    { method: 'vm_list', args: [S], answer: { value: [9876] }, note: 'vm_list example: an array of VM ids' },
    {
      method: 'vm_update',
      args: [S, 9876, { shares: 5 }],
      answer: { value: 1234 },
      note: 'vm_update example (vm_id 1234 in the document): an operation id, recorded as 1234, the opid of the operation_details example',
    },
    { method: 'disk_create', args: [S, { size: 2048, name: 'disk2GB', fstype: 'ext3' }], answer: { value: 1928 }, note: 'disk_create example: the disk id' },
    { method: 'disk_info', args: [S, 1928], answer: { value: {} }, note: 'disk_info example (disk_id 123 in the document)' },
    { method: 'disk_list', args: [S], answer: { value: [1928] }, note: 'disk_list example: an array of disk ids' },
    { method: 'disk_attach', args: [S, 1928, 9876], answer: { value: 0 }, note: 'disk_attach example' },
    { method: 'disk_detach', args: [S, 1928, 9876], answer: { value: 0 }, note: 'disk_detach example' },
    { method: 'disk_delete', args: [S, 1928], answer: { value: 0 }, note: 'disk_delete example (an unattached disk)' },
    { method: 'vm_reboot', args: [S, 9876], answer: { value: 0 }, note: 'vm_reboot example' },
    { method: 'vm_stop', args: [S, 9876], answer: { value: 0 }, note: 'vm_stop example' },
    { method: 'vm_start', args: [S, 9876], answer: { value: 0 }, note: 'vm_start example' },
    { method: 'vm_stop', args: [S, 9876], answer: { value: 0 }, note: 'vm_stop again: vm_delete deletes a stopped VM' },
    { method: 'vm_delete', args: [S, 9876], answer: { value: 0 }, note: 'vm_delete example' },
    { method: 'os_list', args: [S], answer: { value: [] }, note: 'os_list example: an array of structs' },
    {
      method: 'operation_list',
      args: [S, { type: 'vm_create' }],
      answer: { value: [] },
      note: 'operation_list example, filtered by type as the document does',
    },
    { method: 'operation_details', args: [S, 1234], answer: { value: {} }, note: 'operation_details example (opid 1234)' },
  ],
};
