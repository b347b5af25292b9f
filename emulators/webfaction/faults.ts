import type { MethodContract } from '../../contracts/contract.js';
import type { World } from '../../state/world.js';
import type { PanelFaults } from '../core/panel.js';
import { PanelFault } from '../core/panel-fault.js';
import { pythonUnicodeRepr } from './python-repr.js';

/** The two fault-string styles the real server used over its life (research/webfaction-gandi/realworld.md §1.2). */
export type FaultStyle = 'legacy' | 'modern';

export const FAULT_STYLE_SETTING = 'webfaction.faultStyle';

/** The world's fault style; anything but 'modern' is the seed era's 'legacy'. */
export function faultStyleOf(world: World | undefined): FaultStyle {
  return world?.setting<string>(FAULT_STYLE_SETTING) === 'modern' ? 'modern' : 'legacy';
}

/**
 * Exceptions of the panel's own module (`webfaction_api.exceptions`) and the
 * Python built-ins its dispatcher let through.
 */
export type WebfactionException = 'LoginError' | 'DataError' | 'TypeError' | 'IOError' | 'Exception';

const API_EXCEPTIONS = new Set<WebfactionException>(['LoginError', 'DataError']);

/**
 * A WebFaction error as a handler raises it: the exception class and its
 * message, rendered into a fault string only once the world's style is known.
 */
export class WebfactionError extends Error {
  constructor(
    readonly exception: WebfactionException,
    /** The message ('' for none: a bad login says nothing more). */
    readonly detail: string,
    readonly options: {
      /** Rendered as the message alone in the modern style (observed: `Not allowed to login to machine "webX"`). */
      bareWhenModern?: boolean;
      /** The fault string is exactly `detail` in both styles (system()'s standard error). */
      verbatim?: boolean;
      /** Keep what the call wrote although it answers a fault (a shell command's effects). */
      keepChanges?: boolean;
    } = {},
  ) {
    super(detail || exception);
    this.name = 'WebfactionError';
  }

  /** The XML-RPC fault for this error: faultCode 1 always (realworld.md §1.3: every fixture uses 1). */
  toFault(style: FaultStyle): PanelFault {
    return new PanelFault(1, faultString(this, style), { keepChanges: this.options.keepChanges });
  }
}

function faultString(error: WebfactionError, style: FaultStyle): string {
  const { exception, detail, options } = error;
  if (options.verbatim) return detail;
  if (style === 'legacy') {
    // Python 2 SimpleXMLRPCDispatcher: "%s:%s" % (exc_type, exc_value) (realworld.md §1.1).
    if (API_EXCEPTIONS.has(exception)) {
      // The panel's exceptions carried a list of messages, printed as its repr: `[u'…']` (realworld.md §1.3); LoginError none.
      return `<class 'webfaction_api.exceptions.${exception}'>:${detail ? `[${pythonUnicodeRepr(detail)}]` : ''}`;
    }
    return `<type 'exceptions.${exception}'>:${detail}`;
  }
  // Later servers: the bare class name when there is no message (`LoginError`, realworld.md §1.2).
  if (!detail) return exception;
  if (options.bareWhenModern) return detail;
  // inferred: no later DataError string was captured; `DataError: <message>` keeps the class readable (and parseable).
  return `${exception}: ${detail}`;
}

export function dataError(detail: string): WebfactionError {
  return new WebfactionError('DataError', detail);
}

/** The message Django's unique validation gave, as in `Mailbox with this Name already exists.` (realworld.md §1.3). */
export function alreadyExists(model: string, fields: string): WebfactionError {
  return dataError(`${model} with this ${fields} already exists.`);
}

/** inferred: no "not found" string was captured; this names the object and the argument that named it. */
export function notFound(what: string, argument: string, value: string): WebfactionError {
  return dataError(`${what} "${value}" does not exist (${argument}).`);
}

/** Names the argument and the rule it broke, as every constraint fault here does. */
export function invalid(argument: string, rule: string): WebfactionError {
  return dataError(`${argument}: ${rule}`);
}

/** The stock dispatcher answer for a method the server does not have (realworld.md §1.1, never captured: inferred). */
export function unknownMethodError(method: string): WebfactionError {
  return new WebfactionError('Exception', `method "${method}" is not supported`, { bareWhenModern: true });
}

/** The panel's answers to problems found before a handler runs. */
export const webfactionFaults: PanelFaults = {
  unknownMethod: (method, world) => unknownMethodError(method).toFault(faultStyleOf(world)),
  // inferred: Python raised TypeError for a wrong argument count; the text is ours and names the documented signature.
  badArguments: (_method: MethodContract, problem, world) => new WebfactionError('TypeError', problem).toFault(faultStyleOf(world)),
  protocol: (detail) => new WebfactionError('Exception', detail).toFault('legacy'),
  internal: (detail, world) => new WebfactionError('Exception', detail).toFault(faultStyleOf(world)),
  notImplemented: (method, world) => new WebfactionError('Exception', `method "${method}" is not implemented by mockpanel`).toFault(faultStyleOf(world)),
  // Injected faults: the same LoginError an expired session gets from authenticate() (session.ts).
  sessionExpired: (world) => new WebfactionError('LoginError', 'session_id is not valid or has expired; call login() again').toFault(faultStyleOf(world)),
  // inferred: no throttling answer of WebFaction's was ever captured; a generic exception saying so.
  rateLimited: (world) => new WebfactionError('Exception', 'Too many requests; try again later').toFault(faultStyleOf(world)),
};

/** Python 2's IOError text for a file problem: `[Errno 2] No such file or directory: 'x'`. */
export function ioError(errno: number, reason: string, path: string): WebfactionError {
  return new WebfactionError('IOError', `[Errno ${errno}] ${reason}: ${pythonStrRepr(path)}`);
}

function pythonStrRepr(text: string): string {
  return pythonUnicodeRepr(text).slice(1);
}
