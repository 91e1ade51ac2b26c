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
  engineRuns: { days: 30, what: 'Background engine runs of finished work', after: 'deleted' },
  rateLimitCounters: { days: 0, what: 'Rate-limit counters', after: 'deleted once their window ends' },
} as const;

export type RetentionKey = keyof typeof RETENTION;

export const DAY_MS = 86_400_000;
