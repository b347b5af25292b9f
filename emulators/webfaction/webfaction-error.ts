import { PanelFault } from '../core/panel-fault.js';
import { pythonUnicodeRepr } from './python-repr.js';

/**
 * The two fault-string styles the real server used over its life: `legacy`
 * `<class 'webfaction_api.exceptions.LoginError'>:` (jerivas/mezzanine-webf
 * issue #8, 2014) and `modern` `LoginError` (will-in-wi/letsencrypt-webfaction
 * issues #55 and #75, 2016–2017).
 */
export type FaultStyle = 'legacy' | 'modern';

/** The style a `faultStyle` setting names: anything but 'modern' is the seed era's 'legacy'. */
export function faultStyleNamed(value: unknown): FaultStyle {
  return value === 'modern' ? 'modern' : 'legacy';
}

/**
 * Exceptions of the panel's own module (`webfaction_api.exceptions`) and the
 * Python built-ins its dispatcher let through.
 */
export type WebfactionException = 'LoginError' | 'DataError' | 'TypeError' | 'IOError' | 'Exception';

const API_EXCEPTIONS = new Set<WebfactionException>(['LoginError', 'DataError']);

/**
 * A WebFaction error as a handler raises it: the exception class and its
 * message, rendered into a fault string only once the world's style is known
 * (the panel's `toFault`). Handlers get them from the `faults` catalogue.
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

  /** The XML-RPC fault for this error: faultCode 1 always (every pywebfaction and letsencrypt-webfaction fixture uses 1). */
  toFault(style: FaultStyle): PanelFault {
    return new PanelFault(1, faultString(this, style), { keepChanges: this.options.keepChanges });
  }
}

function faultString(error: WebfactionError, style: FaultStyle): string {
  const { exception, detail, options } = error;
  if (options.verbatim) return detail;
  if (style === 'legacy') {
    // Python 2 SimpleXMLRPCDispatcher: "%s:%s" % (exc_type, exc_value) (mezzanine-webf issue #8; pywebfaction exceptions.py parses it).
    if (API_EXCEPTIONS.has(exception)) {
      // The panel's exceptions carried a list of messages, printed as its repr: `[u'…']` (pywebfaction test_pywebfaction.py); LoginError none.
      return `<class 'webfaction_api.exceptions.${exception}'>:${detail ? `[${pythonUnicodeRepr(detail)}]` : ''}`;
    }
    return `<type 'exceptions.${exception}'>:${detail}`;
  }
  // Later servers: the bare class name when there is no message (`LoginError`, letsencrypt-webfaction issues #55, #75).
  if (!detail) return exception;
  if (options.bareWhenModern) return detail;
  // inferred: no later DataError string was captured; `DataError: <message>` keeps the class readable (and parseable).
  return `${exception}: ${detail}`;
}
