/** Words and tones for the status page (one place, so the page, its legend and its badges agree). */
export const STATE_LABEL = {
  operational: 'Operational',
  degraded: 'Degraded',
  outage: 'Outage',
  unknown: 'No recent data',
} as const;

export const STATE_TONE = {
  operational: 'ok',
  degraded: 'warn',
  outage: 'danger',
  unknown: undefined,
} as const;

export const INCIDENT_STAGE = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
} as const;

/** `2026-12-05 14:03 UTC`: the page is public, its readers are everywhere. */
export const utc = (iso: string | Date) =>
  `${(typeof iso === 'string' ? iso : iso.toISOString()).slice(0, 16).replace('T', ' ')} UTC`;

export const percent = (ratio: number | null, digits = 2) =>
  ratio === null ? 'no data' : `${(ratio * 100).toFixed(digits)}%`;

/** A day's bar: share of that day's recorded checks that passed. */
export function dayTone(ratio: number | null): 'none' | 'ok' | 'warn' | 'bad' {
  if (ratio === null) return 'none';
  if (ratio >= 0.995) return 'ok';
  return ratio >= 0.95 ? 'warn' : 'bad';
}
