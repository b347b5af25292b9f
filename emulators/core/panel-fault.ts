/**
 * A fault in a panel's own terms, thrown by handlers (and by the dispatcher
 * for protocol-level problems) and rendered by the codec of the wire the call
 * came in on: an XML-RPC `<fault>`, a SOAP Fault, a WHM `metadata.result = 0`,
 * an ISPConfig JSON `remote_fault`.
 *
 * `code` is what the panel puts on the wire (XML-RPC faultCode int, SOAP
 * faultcode string such as `login_failed`, a stable WHM reason code).
 */
export class PanelFault extends Error {
  readonly code: string | number;
  readonly faultString: string;
  /** HTTP status the codec should use where the wire format allows a choice. */
  readonly httpStatus?: number;
  /** Extra, codec-specific data (e.g. WHM metadata fields). */
  readonly data?: Record<string, unknown>;
  /** documented: the panel's own fault; protocol: bad wire input; injected: a fault rule. */
  readonly origin: 'documented' | 'protocol' | 'injected' | 'mockpanel';
  /**
   * Commit what the handler wrote before failing. Faults roll the call's
   * transaction back by default; a failed login that must still count
   * towards a lockout sets this.
   */
  readonly keepChanges: boolean;

  constructor(
    code: string | number,
    faultString: string,
    options: { httpStatus?: number; data?: Record<string, unknown>; origin?: PanelFault['origin']; keepChanges?: boolean } = {},
  ) {
    super(faultString);
    this.name = 'PanelFault';
    this.code = code;
    this.faultString = faultString;
    this.httpStatus = options.httpStatus;
    this.data = options.data;
    this.origin = options.origin ?? 'documented';
    this.keepChanges = options.keepChanges ?? false;
  }
}

export function isPanelFault(value: unknown): value is PanelFault {
  return value instanceof PanelFault;
}
