import { GANDI_FAULT_TABLES } from './fault-tables.generated.js';
import type { OperationDetails } from './types.js';

/** Names of a code's parts in Gandi's scheme (qualification · object · cause). */
function decode(code: number): { qualification: string; object: string; cause: string } {
  const text = String(code);
  const table = text.length === 6 ? GANDI_FAULT_TABLES[text[0]] : undefined;
  if (!table) return { qualification: 'unknown', object: 'unknown', cause: 'unknown' };
  return {
    qualification: table.label.toLowerCase(),
    object: table.objects[text.slice(1, 4)] ?? 'unknown',
    cause: table.causes[text.slice(4)] ?? 'unknown',
  };
}

/**
 * A fault answered by the Gandi API. `code` is the faultCode (6 digits:
 * qualification, object, cause; 1 for an unknown method); `qualification`,
 * `faultObject` and `faultCause` name its parts, e.g. 530240 → data, vm, dontexist.
 */
export class GandiError extends Error {
  readonly qualification: string;
  /** The object part's name (`vm`, `disk`, `session`…). */
  readonly faultObject: string;
  /** The cause part's name (`dontexist`, `pending`…); not `cause`, which Error keeps for chained errors. */
  readonly faultCause: string;

  constructor(
    readonly code: number,
    readonly faultString: string,
    readonly method: string,
  ) {
    super(`${method}: ${code} ${faultString}`);
    this.name = 'GandiError';
    ({ qualification: this.qualification, object: this.faultObject, cause: this.faultCause } = decode(code));
  }
}

/** An awaited operation that did not end DONE: `code` is `operation_error`, `operation_cancelled` or `operation_timeout`. */
export class GandiOperationError extends Error {
  constructor(
    readonly code: 'operation_error' | 'operation_cancelled' | 'operation_timeout',
    readonly details: OperationDetails,
  ) {
    super(
      code === 'operation_timeout'
        ? `operation ${details.uid} (${details.type}) is still ${details.state}; wait longer or check the panel`
        : `operation ${details.uid} (${details.type}) ended ${details.state}${details.comment ? `: ${details.comment}` : ''}`,
    );
    this.name = 'GandiOperationError';
  }
}
