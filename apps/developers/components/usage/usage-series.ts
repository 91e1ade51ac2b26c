import type { ApiUsage } from '../api-types';

const DAY = 86_400_000;

/** The last `days` UTC dates ending today (oldest first), plus any older date the data mentions. */
export function usageDates(usage: ApiUsage, now = Date.now()): string[] {
  const dates = Array.from({ length: usage.days }, (_, i) =>
    new Date(now - (usage.days - 1 - i) * DAY).toISOString().slice(0, 10),
  );
  const older = [...new Set(usage.per_day.map((d) => d.date))].filter((d) => d < dates[0]!).sort();
  return [...older, ...dates];
}

export interface KeySeries {
  id: string;
  label: string;
  total: number;
}

/** One series per key that made requests (busiest first); requests without a valid key are their own. */
export function keySeries(usage: ApiUsage): KeySeries[] {
  const totals = new Map<string, number>();
  for (const d of usage.per_day) {
    const id = d.api_key_id ?? 'none';
    totals.set(id, (totals.get(id) ?? 0) + d.requests);
  }
  const names = new Map(usage.keys.map((k) => [k.id, `${k.name} (${k.prefix})`]));
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([id, total]) => ({
      id,
      total,
      label: id === 'none' ? 'No valid key' : (names.get(id) ?? `${id} (deleted)`),
    }));
}

/** Requests of `keyId` on `date` ('none' = without a valid key). */
export function requestsOn(usage: ApiUsage): (date: string, keyId: string) => number {
  const map = new Map(usage.per_day.map((d) => [`${d.date}|${d.api_key_id ?? 'none'}`, d.requests]));
  return (date, keyId) => map.get(`${date}|${keyId}`) ?? 0;
}
