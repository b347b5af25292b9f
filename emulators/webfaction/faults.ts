import type { MethodContract } from '../../contracts/contract.js';
import type { World } from '../../state/world.js';
import type { PanelFaults } from '../core/panel.js';
import type { PanelFault } from '../core/panel-fault.js';
import { FsError } from './home-tree.js';
import { pythonUnicodeRepr } from './python-repr.js';
import { faultStyleNamed, WebfactionError, type FaultStyle } from './webfaction-error.js';

const dataError = (detail: string) => new WebfactionError('DataError', detail);

const FS_ERRNO: Record<FsError['code'], number> = { ENOENT: 2, EEXIST: 17, EISDIR: 21, ENOTDIR: 20, EACCES: 13, ENOTEMPTY: 39, EINVAL: 22 };

/**
 * Every fault the WebFaction emulator raises, as `throw faults.x(…)`. Each
 * is a {@link WebfactionError} (an exception class and its message); the
 * panel's `toFault` renders it in the world's fault style.
 */
export const faults = {
  /** A bad login says nothing more: `<class '…LoginError'>:` / `LoginError` (mezzanine-webf issue #8; letsencrypt-webfaction #55, #75). */
  badLogin: () => new WebfactionError('LoginError', ''),
  /** Seed § login: machine "may be omitted for accounts on one machine only". The wording is ours (inferred). */
  machineRequired: (machines: string[]) => new WebfactionError('LoginError', `machine is required: this account has plans on ${machines.join(', ')}`),
  /** The later server's wording for an unknown or wrongly cased machine (letsencrypt-webfaction issues #82, #163). */
  machineNotAllowed: (machine: string) => new WebfactionError('LoginError', `Not allowed to login to machine "${machine}"`, { bareWhenModern: true }),
  /** inferred: the text of the invalid/expired-session fault was never captured; a LoginError telling the caller to log in again is ours. */
  sessionExpired: () => new WebfactionError('LoginError', 'session_id is not valid or has expired; call login() again'),

  /** The message Django's unique validation gave, as in `Mailbox with this Name already exists.` (pywebfaction test_pywebfaction.py). */
  alreadyExists: (model: string, fields: string) => dataError(`${model} with this ${fields} already exists.`),
  /** inferred: no "not found" string was captured; this names the object and the argument that named it. */
  notFound: (what: string, argument: string, value: string) => dataError(`${what} "${value}" does not exist (${argument}).`),
  /** Names the argument and the rule it broke, as every constraint fault here does (inferred wording). */
  invalid: (argument: string, rule: string) => dataError(`${argument}: ${rule}`),

  // inferred, all of these: the real panel's refusals of a delete that would leave a dangling reference were never captured.
  appDirectoryExists: (dir: string) => dataError(`name: ${dir} already exists; remove it or choose another name`),
  appInUse: (app: string, website: string) => dataError(`name: app "${app}" is used by website "${website}"; remove it from the website first`),
  certificateInUse: (certificate: string, website: string) =>
    dataError(`name: certificate "${certificate}" is used by website "${website}"; update the website first`),
  domainUsedByWebsites: (argument: string, websites: string[]) =>
    dataError(`${argument}: still used by website ${websites.map((s) => `"${s}"`).join(', ')}; update or delete it first`),
  domainUsedByEmails: (argument: string, addresses: string[]) => dataError(`${argument}: still used by email address ${addresses.join(', ')}; delete it first`),
  mailboxInUse: (mailbox: string, address: string) => dataError(`mailbox: "${mailbox}" is a target of ${address}; update or delete that address first`),
  userOwnsDatabase: (username: string, database: string) =>
    dataError(`username: "${username}" owns database "${database}"; delete it or make another user its owner first`),
  ownerKeepsPermissions: (username: string, database: string) => dataError(`username: "${username}" owns "${database}"; make another user its owner first`),
  noPermissions: (username: string, database: string) => dataError(`username: "${username}" has no permissions on "${database}"`),
  /** inferred: a PHP script's fatal error, as a DataError carrying PHP's own message. */
  phpError: (message: string) => dataError(message),

  /**
   * Seed § system(): "If cmd prints anything to standard error, the API method will return an XML-RPC fault";
   * the fault string is what the command printed (the contract marks that text as ours). What the commands
   * changed stays although the answer is a fault, as a real shell's effects would.
   */
  commandFailed: (stderr: string) => new WebfactionError('Exception', stderr.replace(/\n$/, ''), { verbatim: true, keepChanges: true }),
  /** Python 2's IOError text for a file problem: `[Errno 2] No such file or directory: 'x'`. */
  ioError: (errno: number, reason: string, path: string) => new WebfactionError('IOError', `[Errno ${errno}] ${reason}: ${pythonUnicodeRepr(path).slice(1)}`),
  /** A file-system error of the account's home tree, as Python's IOError. */
  fileError: (error: FsError) => faults.ioError(FS_ERRNO[error.code], error.reason, error.path),

  /** inferred: Python's stock SimpleXMLRPCDispatcher answer for a method the server does not have (never captured). */
  unknownMethod: (method: string) => new WebfactionError('Exception', `method "${method}" is not supported`, { bareWhenModern: true }),
  /** inferred: Python raised TypeError for a wrong argument count; the text is ours and names the documented signature. */
  badArguments: (problem: string) => new WebfactionError('TypeError', problem),
  /** A generic server-side exception (bad wire input, a handler crash), never a stack trace. */
  exception: (detail: string) => new WebfactionError('Exception', detail),
  notImplemented: (method: string) => new WebfactionError('Exception', `method "${method}" is not implemented by mockpanel`),
  /** inferred: no throttling answer of WebFaction's was ever captured; a generic exception saying so. */
  rateLimited: () => new WebfactionError('Exception', 'Too many requests; try again later'),
};

/** The XML-RPC fault for what a handler threw, in `style`, or undefined for anything that is not the panel's own error. */
export function renderFault(error: unknown, style: FaultStyle): PanelFault | undefined {
  if (error instanceof FsError) error = faults.fileError(error);
  return error instanceof WebfactionError ? error.toFault(style) : undefined;
}

/** The style of the world a dispatcher-level fault answers (no call exists yet to read the setting through). */
function styleOf(world: World | undefined): FaultStyle {
  return faultStyleNamed(world?.setting('webfaction.faultStyle'));
}

/** The panel's answers to problems found before a handler runs. */
export const dispatcherFaults: PanelFaults = {
  unknownMethod: (method, world) => faults.unknownMethod(method).toFault(styleOf(world)),
  badArguments: (_method: MethodContract, problem, world) => faults.badArguments(problem).toFault(styleOf(world)),
  protocol: (detail) => faults.exception(detail).toFault('legacy'),
  internal: (detail, world) => faults.exception(detail).toFault(styleOf(world)),
  notImplemented: (method, world) => faults.notImplemented(method).toFault(styleOf(world)),
  // Injected faults: the same LoginError an expired session gets from authenticate() (session.ts).
  sessionExpired: (world) => faults.sessionExpired().toFault(styleOf(world)),
  rateLimited: (world) => faults.rateLimited().toFault(styleOf(world)),
};
