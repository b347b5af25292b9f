import { methodIndex } from '../../contracts/contract.js';
import type { PanelModule } from '../core/panel.js';
import type { PanelRequest } from '../core/types.js';
import { CASSETTE_FORMAT, type Cassette, type Interaction, type Provenance, type RawResponse } from './cassette.js';
import { SecretVault } from './secrets.js';
import { decodeRequest, decodeResponse, fromPanelRequest } from './wire.js';

/**
 * Turns raw exchanges into a cassette: each request and response decoded by
 * the panel's codecs, the secrets they carry collected, and every secret
 * replaced by its placeholder whenever the cassette is produced. The
 * recorder feeds it live traffic; the docs builders feed it documented
 * examples and captured runs.
 */
export class CassetteWriter {
  readonly vault: SecretVault;
  private readonly recorded: Interaction[] = [];
  private readonly contracts;

  constructor(
    readonly panel: PanelModule,
    options: { keep?: Iterable<string> } = {},
  ) {
    this.vault = new SecretVault(new Set(options.keep ?? []));
    this.contracts = methodIndex(panel.contract);
  }

  get count(): number {
    return this.recorded.length;
  }

  /** Adds one exchange (kept unscrubbed in memory; scrubbed on the way out). */
  add(request: PanelRequest, response: RawResponse, note?: string): void {
    const decoded = decodeRequest(this.panel, request);
    const contract = decoded.call ? this.contracts.get(decoded.call.method) : undefined;
    if (decoded.call) this.vault.collectFromRequest(contract, decoded.call, request.path);
    const answer = decodeResponse(this.panel, request.path, response);
    if (answer.value !== undefined) this.vault.collectFromResponse(contract, answer.value);
    this.recorded.push({ ...(note ? { note } : {}), request: decoded.request, response: answer, http: { request: fromPanelRequest(request), response } });
  }

  /** The cassette so far, every known secret replaced by its placeholder. */
  cassette(provenance: Provenance, extras: Pick<Cassette, 'masks' | 'settings'> = {}): Cassette {
    const vault = this.vault;
    return {
      $schema: 'https://mockpanel.dev/schemas/cassette.schema.json',
      format: CASSETTE_FORMAT,
      panel: this.panel.id,
      provenance: { ...provenance, source: vault.scrubString(provenance.source) },
      ...(extras.settings ? { settings: extras.settings } : {}),
      ...(extras.masks ? { masks: extras.masks } : {}),
      interactions: this.recorded.map(({ note, request, response, http }) => ({
        ...(note ? { note } : {}),
        request: vault.scrubValue(request),
        response: vault.scrubValue(response),
        http: {
          request: {
            ...vault.scrubMessage(http!.request),
            path: vault.scrubRaw(http!.request.path, 'plain'),
            query: vault.scrubRaw(http!.request.query, 'query'),
          },
          response: vault.scrubMessage(http!.response),
        },
      })),
    };
  }
}
