/** Cents as the decimal figure a client reads (`12.5`, `1000`). */
export function money(cents: number): number {
  return cents / 100;
}
