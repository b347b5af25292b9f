import { randomUUID } from 'node:crypto';
import { methodIndex } from '../../contracts/contract.js';
import type { Core } from '../core/dispatcher.js';
import type { PanelModule } from '../core/panel.js';
import type { PanelId } from '../../kernel/panel-id.js';
import { createMockpanel, PANELS } from '../mockpanel.js';
import { bodyFields, type Cassette, type CassetteRequest, type CassetteResponse, type Interaction, type RawRequest, type RawResponse } from './cassette.js';
import { compareValues, Identity, show, type FieldDiff } from './masks.js';
import { rewriteBody, rewriteForm } from './rewrite.js';
import { isPlaceholder, PLACEHOLDER, SecretVault } from './secrets.js';
import { decodeResponse, toPanelRequest } from './wire.js';

/** Sends one raw request to the target being verified and returns its raw answer. */
export type Issuer = (panel: PanelId, request: RawRequest) => Promise<RawResponse>;

export interface InteractionReport {
  index: number;
  method: string;
  note?: string;
  equal: boolean;
  diffs: FieldDiff[];
}

export interface VerifyReport {
  panel: PanelId;
  interactions: InteractionReport[];
  /** Interactions whose fresh answer matched the recording (masks applied). */
  equal: number;
  /** The cassette with the fresh answers (secrets as placeholders), for `--update`. */
  updated: Cassette;
}

export interface VerifyOptions {
  issue: Issuer;
  /** placeholder → secret, for placeholders first seen in requests (passwords, tokens). */
  secrets?: Record<string, string>;
}

/**
 * Re-issues a cassette's requests, in order, against a target and compares
 * each answer with the recording. Requests go out as recorded, byte for
 * byte, except where a placeholder must become the secret it stands for or
 * a recorded id the one the target handed out in an earlier answer.
 */
export async function verifyCassette(cassette: Cassette, options: VerifyOptions): Promise<VerifyReport> {
  const panel = panelOf(cassette.panel);
  const contracts = methodIndex(panel.contract);
  const vault = new SecretVault();
  const identity = new Identity(vault);
  for (const [placeholder, secret] of Object.entries(options.secrets ?? {})) {
    identity.bind(placeholder, secret);
  }
  const reports: InteractionReport[] = [];
  const updated: Interaction[] = [];

  for (const [index, interaction] of cassette.interactions.entries()) {
    const method = interaction.request.method;
    const report: InteractionReport = { index, method, ...(interaction.note ? { note: interaction.note } : {}), equal: false, diffs: [] };
    reports.push(report);
    if (!interaction.http) {
      report.diffs.push({ path: '/http', recorded: undefined, actual: undefined, why: 'no raw request recorded: nothing to re-issue' });
      updated.push(interaction);
      continue;
    }
    const missing = new Set<string>();
    const request = outgoing(interaction.http.request, interaction.request, identity, missing);
    if (missing.size) {
      report.diffs.push({
        path: '/request',
        recorded: [...missing],
        actual: undefined,
        why: `needs the secret behind ${[...missing].join(', ')}: pass a secrets file (--secrets) written by "mockpanel record --secrets-out"`,
      });
      updated.push(interaction);
      continue;
    }
    const raw = await options.issue(cassette.panel, request);
    const actual = decodeResponse(panel, request.path, raw);
    const ctx = { method, contract: contracts.get(method), rules: cassette.masks ?? [] };
    const diffs: FieldDiff[] = [];
    if (raw.status !== interaction.http.response.status) diffs.push({ path: '/status', recorded: interaction.http.response.status, actual: raw.status });
    compareValues(comparable(interaction.response), comparable(actual), [], ctx, identity, vault, diffs);
    report.diffs = diffs;
    report.equal = diffs.length === 0;
    updated.push({
      ...interaction,
      response: vault.scrubValue(actual),
      http: { request: interaction.http.request, response: vault.scrubMessage(raw) },
    });
  }
  return { panel: cassette.panel, interactions: reports, equal: reports.filter((r) => r.equal).length, updated: { ...cassette, interactions: updated } };
}

/** The decoded response as compared: absent members dropped so `{value}` and `{value, fault}` line up key by key. */
function comparable(response: CassetteResponse): Record<string, unknown> {
  return Object.fromEntries(Object.entries(response).filter(([, v]) => v !== undefined));
}

/** The recorded request with placeholders filled in and recorded ids replaced by the target's. */
function outgoing(recorded: RawRequest, decoded: CassetteRequest, identity: Identity, missing: Set<string>): RawRequest {
  // Only values the decoded request holds are swapped: a recorded id 1 must not turn every other 1 in the body.
  const linked = new Set<string>();
  collectLeaves([decoded.args, decoded.named ?? {}], linked);
  const change = (value: string): string => {
    if (isPlaceholder(value) || linked.has(value)) {
      const resolved = identity.resolve(value);
      if (resolved !== undefined) return resolved;
    }
    return fillPlaceholders(value, identity, missing);
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(recorded.headers)) headers[name] = fillPlaceholders(value, identity, missing);
  return {
    ...recorded,
    path: fillPlaceholders(recorded.path, identity, missing),
    query: rewriteForm(recorded.query, change),
    headers,
    ...(recorded.bodyEncoding === 'base64' ? {} : { body: rewriteBody(recorded.body, change) }),
  };
}

function fillPlaceholders(text: string, identity: Identity, missing: Set<string>): string {
  return text.replace(PLACEHOLDER, (placeholder) => {
    const secret = identity.resolve(placeholder);
    if (secret === undefined) missing.add(placeholder);
    return secret ?? placeholder;
  });
}

function collectLeaves(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectLeaves(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectLeaves(v, into);
  else if (typeof value === 'string' || typeof value === 'number') into.add(String(value));
}

function panelOf(id: PanelId): PanelModule {
  return PANELS.find((p) => p.id === id)!;
}

/**
 * Issues requests to a mockpanel core in memory, each cassette in a world of
 * its own (fresh from the seed), as `verify` does without `--url`.
 */
export function inProcessIssuer(core: Core = createMockpanel()): { issue: Issuer; fresh(settings?: Record<string, unknown>): Issuer & { close(): void } } {
  const forWorld =
    (world: string): Issuer =>
    async (panel, request) => {
      const response = await core.handle(toPanelRequest(panel, request, world));
      return { status: response.status, headers: { ...response.headers }, ...bodyFields(Buffer.from(response.body)) };
    };
  return {
    issue: forWorld('default'),
    fresh(settings) {
      const id = `verify-${randomUUID()}`;
      const world = core.world(id);
      for (const [key, value] of Object.entries(settings ?? {})) world.setSetting(key, value);
      // close() drops the world: verifying hundreds of cassettes must not keep hundreds of databases.
      return Object.assign(forWorld(id), { close: () => core.worlds.delete(id) });
    },
  };
}

/**
 * Issues requests over HTTP to `base` + the recorded path, as `verify --url`
 * does: `base` is the panel's root (`https://panel:8080`,
 * `http://127.0.0.1:7777/ispconfig`).
 */
export function httpIssuer(base: string): Issuer {
  const root = base.replace(/\/+$/, '');
  return async (_panel, request) => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding'].includes(name)),
    );
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(request.body, request.bodyEncoding === 'base64' ? 'base64' : 'utf8');
    const response = await fetch(`${root}${request.path}${request.query ? `?${request.query}` : ''}`, {
      method: request.method,
      headers,
      body,
      redirect: 'manual',
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'keep-alive'].includes(name)) out[name] = value;
    });
    return { status: response.status, headers: out, ...bodyFields(Buffer.from(await response.arrayBuffer())) };
  };
}

/** A report as lines for a terminal: one per interaction, then each difference by field. */
export function formatReport(name: string, report: VerifyReport): string[] {
  const lines = [`${name}: ${report.equal}/${report.interactions.length} interactions equal`];
  for (const r of report.interactions) {
    if (r.equal) continue;
    lines.push(`  #${r.index} ${r.method || '(undecoded)'}${r.note ? ` (${r.note})` : ''}: drift`);
    for (const d of r.diffs) lines.push(`    ${d.path}: recorded ${show(d.recorded)}, now ${show(d.actual)}${d.why ? ` — ${d.why}` : ''}`);
  }
  return lines;
}
