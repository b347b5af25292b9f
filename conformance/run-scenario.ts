import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ScenarioSkip, type Scenario, type ScenarioContext, type ScenarioTarget } from './scenario.js';

export interface ScenarioResult {
  id: string;
  panel: string;
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** The step that failed, when a step failed. */
  step?: string;
  /** Failure message, or the skip reason. */
  message?: string;
  /** Cleanup problems (reported, never hiding the scenario's own result). */
  cleanupErrors?: string[];
}

/** Runs one scenario against a target: steps, then every cleanup in reverse order, pass or fail. */
export async function runScenario(scenario: Scenario, target: ScenarioTarget): Promise<ScenarioResult> {
  const base = { id: scenario.id, panel: scenario.panel, title: scenario.title };
  const skipReason = scenario.skip?.[target.kind];
  if (skipReason) return { ...base, status: 'skipped', durationMs: 0, message: skipReason };

  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  let currentStep: string | undefined;
  const admin = async (path: string, body: unknown) => {
    if (target.kind !== 'emulator' || !target.admin) {
      throw new ScenarioSkip("needs the emulator's admin API (clock or settings), which a real panel does not have");
    }
    const res = await fetch(`${target.admin.url}/worlds/${encodeURIComponent(target.admin.world)}${path}`, {
      method: path === '/settings' ? 'PATCH' : 'POST',
      headers: { 'content-type': 'application/json', ...(target.admin.token ? { authorization: `Bearer ${target.admin.token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`admin ${path} answered ${res.status}: ${await res.text()}`);
  };
  const ctx: ScenarioContext = {
    target,
    cleanup: (fn) => void cleanups.push(fn),
    unique: (prefix) => `${prefix}${randomBytes(3).toString('hex')}`,
    step: async (name, fn) => {
      currentStep = name;
      const value = await fn();
      currentStep = undefined;
      return value;
    },
    emulator: {
      advanceClock: (seconds) => admin('/clock', { advanceSeconds: seconds }),
      setSetting: (key, value) => admin('/settings', { [key]: value }),
    },
  };

  const started = performance.now();
  let result: ScenarioResult;
  try {
    await scenario.run(ctx);
    result = { ...base, status: 'passed', durationMs: 0 };
  } catch (error) {
    result =
      error instanceof ScenarioSkip
        ? { ...base, status: 'skipped', durationMs: 0, message: error.message }
        : { ...base, status: 'failed', durationMs: 0, step: currentStep, message: error instanceof Error ? error.message : String(error) };
  }
  const cleanupErrors: string[] = [];
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (error) {
      cleanupErrors.push(error instanceof Error ? error.message : String(error));
    }
  }
  result.durationMs = performance.now() - started;
  if (cleanupErrors.length) result.cleanupErrors = cleanupErrors;
  return result;
}
