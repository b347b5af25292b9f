import type { PanelId } from '../kernel/panel-id.js';

/** Where a scenario runs: the emulator (in-process server or one started elsewhere) or a real panel. */
export interface ScenarioTarget {
  panel: PanelId;
  /**
   * Base URL under which the panel's real paths live, without a trailing
   * slash: `http://127.0.0.1:7777/webfaction`, `http://127.0.0.1:7777/_w/w1/ispconfig`,
   * or a real panel's `https://host:8080`.
   */
  baseUrl: string;
  /** The login the scenario uses (the seeded one on the emulator). */
  credentials: { username: string; password: string; token?: string };
  /** 'emulator' allows emulator-only steps (admin API: clock, settings); 'remote' is a real panel. */
  kind: 'emulator' | 'remote';
  /** The emulator's admin API base URL (`http://127.0.0.1:7777/_admin`) and world, when kind is 'emulator' (token: the server's --admin-token). */
  admin?: { url: string; world: string; token?: string };
}

/** What a scenario gets while it runs. */
export interface ScenarioContext {
  target: ScenarioTarget;
  /** Registers an undo step, run in reverse order after the scenario, pass or fail (clean up on a real target). */
  cleanup(fn: () => Promise<unknown> | unknown): void;
  /** A name that will not clash with what is already on a real target (`prefix` + a short random suffix). */
  unique(prefix: string): string;
  /** Records a named step; failures name the step they happened in. */
  step<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  /** Emulator-only helpers; calling one on a remote target skips the scenario with the given reason. */
  emulator: {
    advanceClock(seconds: number): Promise<void>;
    setSetting(key: string, value: unknown): Promise<void>;
  };
}

/**
 * One conformance scenario: a sequence of reference-client calls with
 * expectations (node:assert), runnable against any target.
 */
export interface Scenario {
  /** Stable id, `<panel>/<slug>`. */
  id: string;
  panel: PanelId;
  title: string;
  /** read-only scenarios are safe on a production panel; mutating ones create and clean up. */
  access: 'read-only' | 'mutating';
  /** documented: the expectation comes from the docs or a recording of the real panel; emulator: behaviour mockpanel chose. */
  basis: 'documented' | 'emulator';
  /** Contract method names the scenario calls (drives "not exercised" in the coverage report). */
  methods: string[];
  /** A written reason to skip on a given target kind (e.g. needs the emulator's clock). */
  skip?: Partial<Record<ScenarioTarget['kind'], string>>;
  run(ctx: ScenarioContext): Promise<void>;
}

/** Identity helper that type-checks a scenario. */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

/** Thrown by `ctx.emulator.*` on a remote target: the runner reports the scenario as skipped with this reason. */
export class ScenarioSkip extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ScenarioSkip';
  }
}
