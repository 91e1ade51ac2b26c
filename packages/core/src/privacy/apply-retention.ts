import { type DbOrTx, type SQL, sql } from '@levqor/db';
import { PLANS } from '../billing/plans';
import { DAY_MS, RETENTION, type RetentionKey } from './retention';

/** Rows one statement touches at most; a rule repeats until done or `maxBatches`. */
export const RETENTION_BATCH = 1_000;

/** Each rule: the statement that removes (or anonymises) up to `limit` rows older than `cutoff`. */
const RULES: { key: RetentionKey; run: (cutoff: Date, limit: number, now: Date) => SQL }[] = [
  {
    key: 'requestLogs',
    run: (cutoff, limit) => sql`delete from api_requests where id in (
      select id from api_requests where created_at < ${cutoff.toISOString()}::timestamptz limit ${limit})`,
  },
  {
    key: 'securityEvents',
    run: (cutoff, limit) => sql`delete from security_events where id in (
      select id from security_events where created_at < ${cutoff.toISOString()}::timestamptz limit ${limit})`,
  },
  {
    key: 'devMail',
    run: (cutoff, limit) => sql`delete from dev_mail where id in (
      select id from dev_mail where created_at < ${cutoff.toISOString()}::timestamptz limit ${limit})`,
  },
  {
    key: 'dsarExports',
    run: (
      cutoff,
      limit,
      now,
    ) => sql`update privacy_requests set archive = null, purged_at = ${now.toISOString()}::timestamptz,
        trail = trail || jsonb_build_array(jsonb_build_object('at', ${now.toISOString()}::text, 'step', 'purged'))
      where id in (select id from privacy_requests where kind = 'export' and archive is not null
        and requested_at < ${cutoff.toISOString()}::timestamptz limit ${limit})`,
  },
  {
    key: 'dsarAudit',
    run: (cutoff, limit) => sql`delete from privacy_requests where id in (
      select id from privacy_requests where requested_at < ${cutoff.toISOString()}::timestamptz
        and status in ('completed', 'cancelled', 'failed') limit ${limit})`,
  },
  {
    key: 'billing',
    run: (cutoff, limit) => sql`delete from cost_ledger where id in (
      select id from cost_ledger where created_at < ${cutoff.toISOString()}::timestamptz limit ${limit})`,
  },
  {
    // By plan: a finished job's payload, result and steps' inputs and outputs are cleared (JSON null
    // marks it done); the job row (status, timing, cost) stays, as billing records must.
    key: 'jobData',
    run: (_cutoff, limit, now) => sql`with plan_days (plan, days) as (values ${sql.join(
      Object.values(PLANS).map((p) => sql`(${p.id}, ${p.jobDataRetentionDays})`),
      sql`, `,
    )}), due as (
      select j.id from jobs j
      join workspaces w on w.id = j.workspace_id
      join plan_days d on d.plan = w.plan::text
      where j.finished_at < ${now.toISOString()}::timestamptz - d.days::int * interval '1 day'
        and j.payload <> 'null'::jsonb
      limit ${limit}
    ), steps as (
      update job_steps set input = null, output = null where job_id in (select id from due)
    )
    update jobs set payload = 'null'::jsonb, result = null where id in (select id from due)`,
  },
  {
    key: 'engineRuns',
    run: (cutoff, limit) => sql`delete from engine_runs where id in (
      select id from engine_runs where finished_at < ${cutoff.toISOString()}::timestamptz limit ${limit})`,
  },
  {
    key: 'rateLimitCounters',
    run: (_cutoff, limit, now) => sql`delete from rate_limit_counters where key in (
      select key from rate_limit_counters where reset_at < ${now.toISOString()}::timestamptz limit ${limit})`,
  },
];

export type RetentionFigures = Record<RetentionKey, number>;

/**
 * Applies RETENTION once: each rule in batches of RETENTION_BATCH rows, at most `maxBatches` per rule
 * per run (the next daily run continues). Idempotent: a second run finds nothing past its period.
 * Returns the rows removed per rule (the function logs them).
 */
export async function applyRetention(
  db: DbOrTx,
  opts: { now?: Date; batch?: number; maxBatches?: number; only?: RetentionKey[] } = {},
): Promise<RetentionFigures> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? RETENTION_BATCH;
  const figures = {} as RetentionFigures;
  for (const rule of RULES) {
    if (opts.only && !opts.only.includes(rule.key)) continue;
    const cutoff = new Date(now.getTime() - (RETENTION[rule.key].days ?? 0) * DAY_MS);
    let total = 0;
    for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
      const result = (await db.execute(rule.run(cutoff, batch, now))) as unknown as { count: number };
      total += result.count;
      if (result.count < batch) break;
    }
    figures[rule.key] = total;
  }
  return figures;
}
