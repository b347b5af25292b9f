import type { Contract, MethodContract } from '../../contracts/contract.js';
import type { DB, Migration } from '../../state/database.js';
import type { World } from '../../state/world.js';
import type { Finding } from '../../kernel/journal-entry.js';
import type { Codec, DecodedCall } from '../protocol/codec.js';
import type { PanelFault } from './panel-fault.js';
import type { MethodTable } from './define-methods.js';
import type { PanelCall } from './panel-call.js';
import type { PanelRequest, PanelResponse } from './types.js';
import type { PanelId } from '../../kernel/panel-id.js';

/** Everything a handler may touch while serving one call. `W`: the wire facts its codec decoded ({@link DecodedCall}). */
export interface CallContext<W = Record<string, unknown>> {
  world: World;
  /** The world's database at the time of the call (reset/restore swap it between calls, never during one). */
  db: DB;
  panel: PanelModule;
  method: MethodContract;
  call: DecodedCall<W>;
  request: PanelRequest;
  /** Positional arguments after contract coercion and defaults (named panels: in contract order). */
  args: unknown[];
  /** The same arguments keyed by contract parameter name, plus any extra named ones the caller sent. */
  params: Record<string, unknown>;
  /** Set by the panel's `authenticate` hook: whoever the session or credentials belong to. */
  session?: unknown;
  /**
   * Runs another method of the same panel on the same world, as this
   * caller, inside this call's transaction (a savepoint: a failed sub-call
   * rolls back only itself). It goes through the whole dispatch (lookup,
   * binding, inspection, fault rules, handler) and gets its own journal
   * entry. Set by the dispatcher.
   */
  subcall?(call: DecodedCall, request: PanelRequest): SubcallOutcome;
}

/** What a sub-call came to: the method's value, or the fault it answered. */
export type SubcallOutcome = { ok: true; result: unknown } | { ok: false; fault: PanelFault };

/** A method implementation. Synchronous on purpose: it runs inside one SQLite transaction, so a fault leaves no half-written state. */
export type Handler = (ctx: CallContext) => unknown;

/** The panel's own answers to problems the dispatcher finds before a handler runs. */
export interface PanelFaults {
  /** The panel's documented "no such method" answer. `world` is the world the call came to (its settings may choose the wording). */
  unknownMethod(method: string, world?: World): PanelFault;
  /** Wrong argument count or type, a missing required parameter. */
  badArguments(method: MethodContract, problem: string, world?: World): PanelFault;
  /** Input the wire format cannot carry (oversized body, unknown world…), in the panel's fault format. */
  protocol(detail: string): PanelFault;
  /** An unexpected error inside a handler, rendered as the panel's generic server error (never a stack trace). */
  internal(detail: string, world?: World): PanelFault;
  /** A documented method mockpanel does not emulate (it needs something outside the panel); named in the coverage report. */
  notImplemented(method: string, world?: World): PanelFault;
  /** The panel's own "session expired" answer, for injected faults (default: a protocol fault saying so). */
  sessionExpired?(world?: World): PanelFault;
  /** The panel's own rate-limit or "server busy" answer, for injected faults. */
  rateLimited?(world?: World): PanelFault;
}

/**
 * A panel's answer to a request before its codec reads it (see
 * {@link PanelModule.gate}): a refusal (`fault`, rendered by the codec of the
 * path) or a whole `response`, journaled under `method` with `params`.
 */
export interface GateAnswer {
  method: string;
  /**
   * The caller the gate resolved while letting the request through: the
   * dispatcher hands it to the call instead of running `authenticate` again.
   */
  session?: unknown;
  params?: Record<string, unknown>;
  response?: PanelResponse;
  fault?: PanelFault;
  findings?: Finding[];
}

/** What a panel reads from `--seed FILE` (its own section) and how it shows the seeded credentials. */
export interface SeedContext {
  nowSeconds: number;
  /** The panel's section of the seed file, or undefined for the built-in seed. */
  config: unknown;
}

/**
 * One emulated panel: its contract, wire routes, schema, seed and methods.
 * The dispatcher knows panels only through this interface.
 */
export interface PanelModule {
  id: PanelId;
  title: string;
  contract: Contract;
  /** Real-panel paths this panel answers, for the start-up banner (e.g. `/remote/index.php`). */
  paths: string[];
  /** Picks the codec for a real-panel path, or undefined when the panel has no such path. */
  route(path: string): Codec | undefined;
  migrations: Migration[];
  seed(db: DB, ctx: SeedContext): void;
  /** Lines for the start-up banner: the seeded credentials. */
  describeSeed(config: unknown): string[];
  /**
   * The panel's methods by contract name, in the one shape every panel uses
   * ({@link defineMethods}). A documented method without an entry answers the
   * panel's "not implemented" fault and is listed as such in the coverage report.
   */
  methods: MethodTable<any>;
  /** Wraps the dispatcher's context in the panel's own call type (a {@link PanelCall} subclass). */
  newCall?(ctx: CallContext): PanelCall;
  /**
   * The panel's fault for something a handler threw that is not already a
   * PanelFault (a panel error class, a file-system error), or undefined to
   * treat it as an internal error.
   */
  toFault?(error: unknown, call: PanelCall): PanelFault | undefined;
  /** Refuses the call with the panel's own fault when the session lacks the method's `acl`. */
  authorize?(call: PanelCall, acl: string): void;
  faults: PanelFaults;
  /**
   * Looks at every request on the panel's paths before the codec does:
   * answers requests that are not API calls (cpsrvd's `/login` form) and
   * refuses those whose credentials fail, whatever they ask for (cpsrvd
   * authenticates before it routes). Undefined lets the request through.
   */
  gate?(request: PanelRequest, world: World): GateAnswer | undefined;
  /**
   * Resolves the caller before the handler runs (session argument or
   * credentials), setting `ctx.session` or throwing the panel's fault.
   * Called for every method whose contract `auth` is not `none`.
   */
  authenticate?(ctx: CallContext): void;
  /**
   * Work a call may need done off the event loop before it is served
   * (ISPConfig's RSA key pairs for `client_add`): the dispatcher awaits the
   * promise, then serves the call synchronously as always. Undefined: nothing to wait for.
   */
  prepare?(request: PanelRequest): Promise<void> | undefined;
  /**
   * The method's contract as it applies to this call, before its arguments
   * are bound: WebFaction's version-2 `certificate` parameter must not take a
   * site app sent in a version-1 session. Default: the contract as it is.
   */
  contractForCall?(method: MethodContract, call: DecodedCall, world: World): MethodContract;
  /**
   * The panel's known footguns this call walks into (ISPConfig `client_update`
   * without a password, WHM calls without `api.version`…), recorded in the
   * journal for the client report. Read-only: it never changes the answer.
   */
  inspect?(ctx: CallContext): Finding[];
  /**
   * Methods whose handler (and the panel's authenticate) never write: the
   * dispatcher runs them without BEGIN and COMMIT. A write from one would
   * still land, only not atomically, so each panel's test drives every
   * listed method on a read-only connection (SQLite query_only) to prove it.
   */
  readOnlyMethods?: ReadonlySet<string>;
  /** Per-world settings (`<panel>.<name>`) and their defaults by short name (fault string style, operation pace…), read with `call.setting(name)`. */
  settings?: Record<string, unknown>;
}
