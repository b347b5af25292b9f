/** What the global setup hands to test workers through vitest's `provide`/`inject`. */
export interface MockpanelProvided {
  /** The server's shared base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The server's admin token, when it was started with one. */
  adminToken?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    mockpanel?: MockpanelProvided;
  }
}
