/** A table row as the panel returns it: every column, values as strings, SQL NULL as null. */
export type IspRecord = Record<string, string | null>;

/**
 * A get filter: column → value (`%` makes it a LIKE pattern); `#OFFSET#` and
 * `#LIMIT#` page the result. An empty filter lists every row.
 */
export type IspFilter = Record<string, string | number>;

/** The `params` of an add or update: column → value; what it leaves out is written as the API writes it ('' , 0, the unchecked value). */
export type IspParams = Record<string, unknown>;

/** Any other map the panel returns (server config sections, quota reports). */
export type IspStruct = Record<string, unknown>;
