import { performance } from 'node:perf_hooks';
import { methodIndex, type MethodContract } from '../../contracts/contract.js';
import type { Finding } from '../../kernel/journal-entry.js';
import { inTransaction } from '../../state/database.js';
import type { World } from '../../state/world.js';
import type { WorldRegistry } from '../../state/world-registry.js';
import type { Codec, DecodedCall } from '../protocol/codec.js';
import { bindArguments } from './arguments.js';
import { MockpanelError } from '../../kernel/mockpanel-error.js';
import { nearest } from './near-miss.js';
import type { CallContext, PanelModule, SubcallOutcome } from './panel.js';
import { handlerOf } from './method-lookup.js';
import { isPanelFault, PanelFault } from './panel-fault.js';
import { latencyOf, type FaultEffect } from '../../state/fault-rules.js';
import { clip, journalResult, redactArguments, redactText } from './redact.js';
import type { PanelRequest, PanelResponse } from './types.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { captureWire } from './wire-capture.js';

export interface CoreOptions {
  panels: PanelModule[];
  worlds: WorldRegistry;
  /** Create a world on first use of an unknown id (`/_w/<id>/…` or X-Mockpanel-World). Default true. */
  autoCreateWorlds?: boolean;
  /**
   * Most worlds a panel call may bring into being by naming a new one (the
   * admin API is not limited). Past it the call gets the panel's protocol
   * fault saying so. Default DEFAULT_MAX_WORLDS.
   */
  maxWorlds?: number;
  /**
   * Evict idle worlds to make room: when a call names a new world and the
   * limit is reached, the least recently called world that was itself created
   * on first use, and has had no call for at least this many seconds, is
   * deleted first. Worlds created through the admin API, `default` and worlds
   * loaded from a data dir are never evicted. Off when undefined.
   */
  evictIdleWorldsAfterSeconds?: number;
  /** Where unexpected handler errors are reported for the developer (never to the client). */
  onInternalError?: (error: unknown, panel: PanelId, method: string) => void;
}

/** The transport-free heart of mockpanel: one request in, one response out. */
export interface Core {
  readonly panels: ReadonlyMap<PanelId, PanelModule>;
  readonly worlds: WorldRegistry;
  handle(request: PanelRequest): Promise<PanelResponse>;
  /** The world with this id, created first when worlds are created on first use (the default); else a `world_not_found` error. */
  world(id: string): World;
  /** The panel's own fault for a request that never reached a codec (an oversized body), in the wire format of its path. */
  refuse(request: PanelRequest, detail: string): PanelResponse;
}

interface Outcome {
  response: PanelResponse;
  /** Which fault rules fired, for the journal. */
  injected?: string;
  method: string;
  params: Record<string, unknown>;
  contract?: MethodContract;
  result?: unknown;
  fault?: PanelFault;
  findings: Finding[];
}

/** How many worlds panel calls may create by default: at about 1.4 MB each, some 700 MB at most. */
export const DEFAULT_MAX_WORLDS = 500;

/** Builds the core over a set of panels and a world registry. */
export function createCore(options: CoreOptions): Core {
  const panels = new Map(options.panels.map((p) => [p.id, p] as const));
  const indexes = new Map(options.panels.map((p) => [p.id, methodIndex(p.contract)] as const));
  const autoCreate = options.autoCreateWorlds ?? true;
  const maxWorlds = options.maxWorlds ?? DEFAULT_MAX_WORLDS;
  /** Worlds created on first use by a panel call, with the time of their latest call (performance.now()): the ones eviction may take. */
  const createdOnUse = new Map<string, number>();
  const onInternalError =
    options.onInternalError ?? ((error, panel, method) => console.error(`[mockpanel] ${panel}.${method} failed inside its handler:`, error));

  function world(id: string): World {
    return options.worlds.get(id) ?? (autoCreate ? options.worlds.create(id) : options.worlds.require(id));
  }

  /** A world a panel call names for the first time, within the world limit (evicting an idle one when allowed). */
  function createOnUse(id: string): World {
    if (!autoCreate) return options.worlds.require(id);
    if (options.worlds.list().length >= maxWorlds && !evictIdle()) {
      throw new MockpanelError(
        'too_many_worlds',
        `World "${id}" was not created: the server holds ${options.worlds.list().length} worlds and calls may create at most ${maxWorlds} (--max-worlds). ` +
          'Delete worlds with DELETE /_admin/worlds/<id>, create them with POST /_admin/worlds, or raise --max-worlds.',
        429,
      );
    }
    const created = options.worlds.create(id);
    createdOnUse.set(id, performance.now());
    return created;
  }

  /** Deletes the least recently called world created on first use that has been idle long enough; false when none is. */
  function evictIdle(): boolean {
    if (options.evictIdleWorldsAfterSeconds === undefined) return false;
    const idleSince = performance.now() - options.evictIdleWorldsAfterSeconds * 1000;
    let oldest: [string, number] | undefined;
    for (const [id, used] of createdOnUse) {
      if (!options.worlds.get(id))
        createdOnUse.delete(id); // deleted through the admin API meanwhile
      else if (used <= idleSince && (!oldest || used < oldest[1])) oldest = [id, used];
    }
    if (!oldest) return false;
    options.worlds.delete(oldest[0]);
    createdOnUse.delete(oldest[0]);
    return true;
  }

  /** The request's world, or the reason there is none in the panel's own fault format. */
  function resolveWorld(request: PanelRequest, panel: PanelModule): World | PanelFault {
    try {
      const found = options.worlds.get(request.world) ?? createOnUse(request.world);
      if (createdOnUse.has(found.id)) createdOnUse.set(found.id, performance.now());
      return found;
    } catch (error) {
      return panel.faults.protocol(`mockpanel: ${error instanceof MockpanelError ? error.message : String(error)}`);
    }
  }

  function serve(request: PanelRequest, panel: PanelModule, world: World): Outcome {
    const codec = panel.route(request.path)!;
    const gated = gate(request, panel, world, codec);
    if (gated && 'response' in gated) return gated;
    let call: DecodedCall;
    try {
      const decoded = codec.decode(request);
      if (decoded.kind === 'response') return { response: decoded.response, method: '', params: {}, findings: [] };
      call = decoded.call;
    } catch (error) {
      const fault = isPanelFault(error) ? error : panel.faults.protocol(error instanceof Error ? error.message : String(error));
      return {
        response: codec.encodeFault(fault, undefined, request),
        method: '',
        params: {},
        fault,
        findings: [{ kind: 'undecodable', message: fault.faultString }],
      };
    }
    return dispatch(panel, world, codec, call, request, undefined, gated?.session);
  }

  /**
   * The panel's `gate` hook, before the codec reads the request: a whole
   * answer (a login form), a refusal in the path's fault format, or
   * undefined to let the request through.
   */
  function gate(request: PanelRequest, panel: PanelModule, world: World, codec: Codec): Outcome | { session: unknown } | undefined {
    let gated;
    try {
      gated = panel.gate?.(request, world);
    } catch (error) {
      onInternalError(error, panel.id, '(gate)');
      const fault = panel.faults.internal('internal error before routing', world);
      return { response: codec.encodeFault(fault, undefined, request), method: '', params: {}, fault, findings: [] };
    }
    if (!gated) return undefined;
    if (!gated.response && !gated.fault) return gated.session === undefined ? undefined : { session: gated.session };
    const findings = gated.findings ?? [];
    const params = gated.params ?? {};
    if (gated.response) return { response: gated.response, method: gated.method, params, fault: gated.fault, findings };
    return { response: codec.encodeFault(gated.fault!, undefined, request), method: gated.method, params, fault: gated.fault, findings };
  }

  /**
   * Serves one decoded call: method lookup, argument binding, inspection,
   * fault rules, then login and the handler inside a transaction (a
   * savepoint when `parent` is a call this one runs within, whose login it
   * shares).
   */
  function dispatch(
    panel: PanelModule,
    world: World,
    codec: Codec,
    call: DecodedCall,
    request: PanelRequest,
    parent?: CallContext,
    gateSession?: unknown,
  ): Outcome {
    const findings: Finding[] = [];
    const failed = (fault: PanelFault, method: string, params: Record<string, unknown> = {}, contract?: MethodContract): Outcome => ({
      response: codec.encodeFault(fault, call, request),
      method,
      params,
      contract,
      fault,
      findings,
    });

    const contract = indexes.get(panel.id)!.get(call.method);
    const rawParams = call.named ?? Object.fromEntries(call.args.map((a, i) => [String(i), a]));
    if (!contract) {
      const hint = nearest(call.method, indexes.get(panel.id)!.keys());
      findings.push({ kind: 'unknown-method', message: `${call.method} is not a documented ${panel.title} method`, hint });
      return failed(panel.faults.unknownMethod(call.method, world), call.method, rawParams);
    }
    const handler = handlerOf(panel, contract.name);
    if (!handler) return failed(panel.faults.notImplemented(contract.name, world), contract.name, rawParams, contract);

    const bound = bindArguments(panel.contractForCall?.(contract, call, world) ?? contract, call.args, call.named);
    findings.push(...bound.findings);
    if (bound.problem) return failed(panel.faults.badArguments(contract, bound.problem, world), contract.name, bound.params, contract);

    const ctx: CallContext = { world, db: world.db, panel, method: contract, call, request, args: bound.args, params: bound.params };
    if (parent) ctx.session = parent.session;
    // The gate already resolved the caller (WHM authenticates before routing): once per request is enough.
    else if (gateSession !== undefined) ctx.session = gateSession;
    const authenticated = parent !== undefined || gateSession !== undefined;
    ctx.subcall = (subCall, subRequest) => subcall(panel, world, codec, subCall, subRequest, ctx);
    if (panel.inspect) {
      try {
        findings.push(...panel.inspect(ctx));
      } catch (error) {
        onInternalError(error, panel.id, `${contract.name} (inspect)`);
      }
    }
    // A method that only reads needs no transaction (one at a time on the event loop, nothing else writes meanwhile);
    // a subcall stays in its caller's savepoint.
    const readOnly = parent === undefined && panel.readOnlyMethods?.has(contract.name) === true;
    const run = (): Outcome => {
      const db = ctx.db;
      let kept: PanelFault | undefined;
      const body = () => {
        try {
          if (!authenticated && contract.auth !== 'none' && panel.authenticate) panel.authenticate(ctx);
          return handler(ctx);
        } catch (error) {
          // Commit what the handler wrote (a failed-login counter) and answer with the fault all the same.
          if (isPanelFault(error) && error.keepChanges) {
            kept = error;
            return undefined;
          }
          throw error;
        }
      };
      try {
        const result = readOnly ? body() : inTransaction(db, body);
        if (kept) return failed(kept, contract.name, bound.params, contract);
        return { response: codec.encodeResult(result, call, request), method: contract.name, params: bound.params, contract, result, findings };
      } catch (error) {
        if (isPanelFault(error)) return failed(error, contract.name, bound.params, contract);
        onInternalError(error, panel.id, contract.name);
        // The method's name only: its documented signature lists defaults, which read as if they were this call's arguments.
        return failed(panel.faults.internal(`internal error in ${contract.name}`, world), contract.name, bound.params, contract);
      }
    };

    const fired = world.faults.fire(panel.id, contract.name, bound.params);
    if (fired.length === 0) return run();
    const outcome = inject(fired, run, (fault) => failed(fault, contract.name, bound.params, contract), panel, world);
    outcome.injected = fired.map((f) => `rule ${f.rule}: ${f.effect.type}`).join(', ');
    outcome.findings = findings;
    return outcome;
  }

  /**
   * Runs another method of the same panel on the same world from inside a
   * handler (WHM batch): the whole dispatch, with the caller's login, in a
   * savepoint of the caller's transaction, journaled on its own. What only a
   * response can carry (latency, a truncated body) stays out of the caller's answer.
   */
  function subcall(panel: PanelModule, world: World, codec: Codec, call: DecodedCall, request: PanelRequest, parent: CallContext): SubcallOutcome {
    const started = performance.now();
    const outcome = dispatch(panel, world, codec, call, request, parent);
    journal(world, panel, request, outcome, started);
    return outcome.fault ? { ok: false, fault: outcome.fault } : { ok: true, result: outcome.result };
  }

  /** Records a served call in its world's journal (calls that named no method and did not fail leave no entry). */
  function journal(world: World, panel: PanelModule, request: PanelRequest, outcome: Outcome, started: number): void {
    if (outcome.method === '' && !outcome.fault) return;
    const kept = outcome.fault ? undefined : journalResult(outcome.method, outcome.result);
    world.journal.record(
      {
        worldTime: world.clock.now().toISOString(),
        // The machine's time beside the world's, on purpose: when the call really happened, to match against logs.
        wallTime: new Date().toISOString(),
        panel: panel.id,
        method: clip(outcome.method),
        args: redactArguments(outcome.contract, outcome.params),
        outcome: outcome.fault ? 'fault' : 'ok',
        result: kept?.json,
        fault: outcome.fault
          ? { code: clip(String(outcome.fault.code)), string: clip(redactText(outcome.contract, outcome.params, outcome.fault.faultString)) }
          : undefined,
        durationMs: performance.now() - started,
        findings: outcome.findings.map((f) => ({ ...f, message: clip(f.message) })),
        remoteAddress: request.remoteAddress,
        injected: outcome.injected,
      },
      captureWire(request, outcome.response, outcome.contract, outcome.params, outcome.contract ? kept?.secrets : undefined),
    );
  }

  return {
    panels,
    worlds: options.worlds,
    world,
    async handle(request) {
      const panel = panels.get(request.panel);
      if (!panel) return notFound(`No panel "${request.panel}".`);
      if (!panel.route(request.path)) {
        return notFound(`${panel.title} has no endpoint at ${request.path}; it answers ${panel.paths.join(', ')}.`);
      }
      const world = resolveWorld(request, panel);
      if (isPanelFault(world)) return panel.route(request.path)!.encodeFault(world, undefined, request);
      const pending = panel.prepare?.(request);
      if (pending) await pending;
      const started = performance.now();
      const outcome = serve(request, panel, world);
      journal(world, panel, request, outcome, started);
      return outcome.response;
    },
    refuse(request, detail) {
      const panel = panels.get(request.panel);
      const codec = panel?.route(request.path);
      if (!panel || !codec) return notFound(detail);
      // The panel's own fault body, under the status every HTTP front end gives an oversized body.
      return { ...codec.encodeFault(panel.faults.protocol(detail), undefined, request), status: 413 };
    },
  };
}

function notFound(message: string): PanelResponse {
  return {
    status: 404,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { code: 'unknown_path', message } }),
  };
}

/**
 * Applies the injected faults that fired for a call: latencies add up; at
 * most one other effect replaces or damages the answer.
 */
function inject(
  fired: { rule: number; effect: FaultEffect; draw: number }[],
  run: () => Outcome,
  asFault: (fault: PanelFault) => Outcome,
  panel: PanelModule,
  world: World,
): Outcome {
  let delayMs = 0;
  let effect: FaultEffect | undefined;
  for (const f of fired) {
    if (f.effect.type === 'latency') delayMs += latencyOf(f.effect, f.draw);
    else effect = f.effect;
  }
  const outcome = ((): Outcome => {
    const injected = (message: string) => new PanelFault(0, message, { origin: 'injected' });
    switch (effect?.type) {
      case undefined:
        return run();
      case 'http':
        return {
          ...asFault(injected(`injected HTTP ${effect.status}`)),
          response: { status: effect.status, headers: { 'content-type': effect.contentType ?? 'text/plain' }, body: effect.body ?? '' },
        };
      case 'reset':
        // The connection drops before the panel acts: nothing changes in state.
        return { ...asFault(injected('injected connection reset')), response: { status: 0, headers: {}, body: '', transport: { kind: 'reset' } } };
      case 'session-expired':
        return asFault(panel.faults.sessionExpired?.(world) ?? panel.faults.protocol('session expired (injected by mockpanel)'));
      case 'rate-limit':
        return asFault(panel.faults.rateLimited?.(world) ?? panel.faults.protocol('server busy, try again later (injected by mockpanel)'));
      case 'truncate':
      case 'malformed': {
        // The panel acted; only its answer is damaged on the way back, as when a proxy cuts a response.
        const done = run();
        const body = Buffer.from(done.response.body);
        if (effect.type === 'truncate') {
          const bytes = Math.min(effect.bytes ?? Math.floor(body.length / 2), body.length);
          return { ...done, response: { ...done.response, transport: { kind: 'truncate', bytes } } };
        }
        const damaged = Buffer.concat([body.subarray(0, Math.floor(body.length / 2)), Buffer.from('\u0000<<mockpanel: malformed>>')]);
        return { ...done, response: { ...done.response, body: damaged } };
      }
      default:
        return run();
    }
  })();
  if (delayMs) outcome.response = { ...outcome.response, delayMs };
  return outcome;
}
