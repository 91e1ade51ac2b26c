import { type DbOrTx, healthChecks, sql } from '@levqor/db';
import { z } from 'zod';

export const ZPublicMetrics = z.object({
  jobs_today: z.number().int(),
  success_rate_7d: z
    .number()
    .nullable()
    .describe('Succeeded ÷ (succeeded + failed) over 7 days; null with no finished job'),
  p95_job_duration_ms_7d: z.number().int().nullable(),
  availability_7d: z.number().nullable().describe('Share of recorded health checks that passed over 7 days'),
  health_checks_7d: z.number().int(),
  generated_at: z.string(),
});
export type PublicMetrics = z.infer<typeof ZPublicMetrics>;

const round = (n: number | null, digits = 4) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The jobs figures in one statement whose cost follows the last week's volume, never the table's size:
 * today's count reads `jobs_created_idx`, the 7-day figures read `jobs_finished_idx` (partial, finished
 * jobs only). `public-metrics.int.test.ts` checks the plan reads no old job.
 */
export const PUBLIC_METRICS_JOBS_SQL = sql`
  select
    (select count(*)::int from jobs
      where created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC') as today,
    count(*) filter (where status = 'succeeded')::int as ok,
    count(*) filter (where status = 'failed')::int as bad,
    percentile_cont(0.95) within group (order by extract(epoch from finished_at - started_at) * 1000)
      filter (where started_at is not null and status in ('succeeded', 'failed')) as p95
  from jobs
  where finished_at >= now() - interval '7 days'`;

/** Platform-wide figures computed from real records (never constants). Serve them through the cache. */
export async function getPublicMetrics(db: DbOrTx): Promise<PublicMetrics> {
  const [jobs] = await db.execute<{ today: number; ok: number; bad: number; p95: number | null }>(
    PUBLIC_METRICS_JOBS_SQL,
  );
  const [health] = await db.execute<{ total: number; ok: number }>(sql`
    select count(*)::int as total, count(*) filter (where ${healthChecks.ok} = 1)::int as ok
    from ${healthChecks} where ${healthChecks.createdAt} >= now() - interval '7 days'`);
  const finished = Number(jobs!.ok) + Number(jobs!.bad);
  return {
    jobs_today: Number(jobs!.today),
    success_rate_7d: finished === 0 ? null : round(Number(jobs!.ok) / finished),
    p95_job_duration_ms_7d: jobs!.p95 === null ? null : Math.round(Number(jobs!.p95)),
    availability_7d: Number(health!.total) === 0 ? null : round(Number(health!.ok) / Number(health!.total)),
    health_checks_7d: Number(health!.total),
    generated_at: new Date().toISOString(),
  };
}

/** Records one health check per target: the database itself, and each URL answering 2xx within 5 s. */
export async function recordHealthChecks(
  db: DbOrTx,
  targets: { service: string; url: string }[],
): Promise<void> {
  const rows: (typeof healthChecks.$inferInsert)[] = [];
  const t0 = performance.now();
  const dbOk = await db.execute(sql`select 1`).then(
    () => 1,
    () => 0,
  );
  rows.push({ service: 'database', ok: dbOk, latencyMs: Math.round(performance.now() - t0) });
  for (const target of targets) {
    const t = performance.now();
    const ok = await fetch(target.url, { signal: AbortSignal.timeout(5000) }).then(
      (r) => (r.ok ? 1 : 0),
      () => 0,
    );
    rows.push({ service: target.service, ok, latencyMs: Math.round(performance.now() - t) });
  }
  await db.insert(healthChecks).values(rows);
}
