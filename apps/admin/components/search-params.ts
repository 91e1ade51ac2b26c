/** A `datetime-local` value (or any date text) as an ISO instant, or undefined when empty or invalid. */
export function isoOrUndefined(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = new Date(value.length === 16 ? `${value}:00Z` : value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Non-empty entries only, for building links that keep the current filters. */
export function compact(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
}

/** An instant as the console shows it: `2026-12-05 23:14:25` (UTC). */
export function utc(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** The "from" and "before" instants of a list's filters (UTC, `datetime-local`), e.g. "Created from (UTC)". */
export function timeRangeFields(sp: { from?: string; to?: string }, noun?: string) {
  const prefix = noun ? `${noun} ` : '';
  const label = (word: string) => `${prefix}${prefix ? word : word[0]!.toUpperCase() + word.slice(1)} (UTC)`;
  return [
    { name: 'from', label: label('from'), type: 'datetime-local' as const, defaultValue: sp.from },
    { name: 'to', label: label('before'), type: 'datetime-local' as const, defaultValue: sp.to },
  ];
}
