import { PLANS } from '../billing/plans';

/** `Free 30 days, Starter 90, …`: job data is kept by plan. */
const byPlan = Object.values(PLANS)
  .map((p, i) => `${p.name} ${p.jobDataRetentionDays}${i === 0 ? ' days' : ''}`)
  .join(', ');

/**
 * THE retention table: how long Levqor keeps each kind of record, and what happens after. The daily
 * `retention.apply` function applies it (retention/apply-retention.ts); the export README and the
 * privacy page quote it.
 */
export const RETENTION = {
  requestLogs: { days: 90, what: 'API request log (method, path, status, duration)', after: 'deleted' },
  securityEvents: { days: 365, what: 'Security log (hashed identifiers)', after: 'deleted' },
  devMail: { days: 7, what: 'Local dev mailbox (local installations only)', after: 'deleted' },
  dsarExports: { days: 30, what: 'Data export archives', after: 'archive deleted, request kept' },
  dsarAudit: { days: 365 * 7, what: 'Data-subject request records (audit trail)', after: 'deleted' },
  billing: { days: 365 * 7, what: 'Usage ledger and billing records (tax law)', after: 'deleted' },
  jobData: {
    days: null,
    period: `by plan (${byPlan}) after the job ends`,
    what: "Jobs' payloads, results and step inputs and outputs",
    after: 'cleared (the job’s status, timing and cost stay with the billing records)',
  },
  engineRuns: { days: 30, what: 'Background engine runs of finished work', after: 'deleted' },
  rateLimitCounters: { days: 0, what: 'Rate-limit counters', after: 'deleted once their window ends' },
} as const;

export type RetentionKey = keyof typeof RETENTION;

/** How long, in words: `90 days`, the plan's periods, or until a counter's window ends. */
export function retentionPeriod(r: (typeof RETENTION)[RetentionKey]): string {
  if ('period' in r) return r.period;
  return r.days ? `${r.days} days` : 'until its window ends';
}

export const DAY_MS = 86_400_000;
