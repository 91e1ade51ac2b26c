/**
 * Money is USD cents with up to 4 decimals. In code it is an integer count of "units" (1 unit =
 * 0.0001 cent) so sums are exact; the database stores numeric(18,4) cents; JSON shows cents as a number.
 */
export type Units = number;

export const UNITS_PER_CENT = 10_000;

/** "12.3456" (numeric from the database) or a number of cents → units. */
export function centsToUnits(cents: string | number): Units {
  if (typeof cents === 'number') return Math.round(cents * UNITS_PER_CENT);
  const m = /^(-)?(\d+)(?:\.(\d{0,4})\d*)?$/.exec(cents.trim());
  if (!m) throw new Error(`not an amount of cents: ${cents}`);
  const units = Number(m[2]) * UNITS_PER_CENT + Number((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -units : units;
}

/** Units → "12.3456" for numeric columns. */
export function unitsToDb(units: Units): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  return `${sign}${Math.floor(abs / UNITS_PER_CENT)}.${String(abs % UNITS_PER_CENT).padStart(4, '0')}`;
}

/** Units → cents as a JSON number (at most 4 decimals). */
export function unitsToCents(units: Units): number {
  return Number(unitsToDb(units));
}

export function sumUnits(values: Units[]): Units {
  return values.reduce((a, b) => a + b, 0);
}
