/**
 * The error base for mockpanel's own surface (CLI, admin API, configuration,
 * seed files): a stable `code` a script can match on and a message that says
 * what to do. Panel faults are {@link PanelFault}, not this.
 */
export class MockpanelError extends Error {
  readonly code: string;
  readonly httpStatus: number;

  constructor(code: string, message: string, httpStatus = 400) {
    super(message);
    this.name = 'MockpanelError';
    this.code = code;
    this.httpStatus = httpStatus;
  }
}
