import { and, type DbOrTx, eq, gt, isNotNull, jobStatus, jobs, lte, sql } from '@levqor/db';
import { z } from 'zod';

const HOUR_MS = 3_600_000;
const JOB_STATUSES = jobStatus.enumValues;
type JobStatus = (typeof JOB_STATUSES)[number];

/** The two windows the overview shows: the last 24 hours in hourly buckets, the last 7 days in daily ones. */
export const HEALTH_WINDOWS = {
  '24h': { hours: 24, bucketHours: 1 },
  '7d': { hours: 168, bucketHours: 24 },
} as const;
export type HealthWindowName = keyof typeof HEALTH_WINDOWS;

const ZCounts = z.object({
  queued: z.number().int(),
  running: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  total: z.number().int(),
});
export type JobCounts = z.infer<typeof ZCounts>;

export const ZHealthWindow = z.object({
  window: z.enum(['24h', '7d']),
  since: z.string(),
  until: z.string(),
  /** Jobs created in the window, by their status now. */
  counts: ZCounts,
  /** Succeeded ÷ (succeeded + failed) of those jobs, 0–1; null while none has finished either way. */
  success_rate: z.number().nullable(),
  /** 95th percentile (continuous) of finished_at − started_at of those jobs that finished; null if none. */
  p95_duration_ms: z.number().int().nullable(),
  /** Jobs created per bucket, oldest first; buckets count back from `until` (rolling, not calendar). */
  throughput: z.array(ZCounts.extend({ start: z.string(), end: z.string() })),
});
export type HealthWindow = z.infer<typeof ZHealthWindow>;

const emptyCounts = (): JobCounts => ({
  queued: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  total: 0,
});

function add(counts: JobCounts, status: JobStatus, n: number) {
  counts[status] += n;
  counts.total += n;
}

/**
 * Jobs of the last 24 h and 7 d by status, success rate, p95 duration and throughput, for one workspace.
 * Two statements: counts per (status, hours ago) over 7 days — at most 5 × 168 rows — and both
 * percentiles in one pass. Windows are rolling from `now` and use `created_at`.
 */
export async function getJobHealth(
  db: DbOrTx,
  options: { workspaceId: string; now?: Date },
): Promise<Record<HealthWindowName, HealthWindow>> {
  const now = options.now ?? new Date();
  const at = sql`${now.toISOString()}::timestamptz`;
  const longest = HEALTH_WINDOWS['7d'].hours;
  const since = new Date(now.getTime() - longest * HOUR_MS);
  const inLongest = and(
    eq(jobs.workspaceId, options.workspaceId),
    gt(jobs.createdAt, since),
    lte(jobs.createdAt, now),
  );
  const hoursAgo = sql<number>`floor(extract(epoch from (${at} - ${jobs.createdAt})) / 3600)::int`;
  const duration = sql`extract(epoch from (${jobs.finishedAt} - ${jobs.startedAt})) * 1000`;
  const since24 = new Date(now.getTime() - HEALTH_WINDOWS['24h'].hours * HOUR_MS);
  const [byHour, [p95]] = await Promise.all([
    db
      .select({ status: jobs.status, hoursAgo, n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(inLongest)
      .groupBy(jobs.status, sql`2`),
    db
      .select({
        day: sql<
          number | null
        >`percentile_cont(0.95) within group (order by ${duration}) filter (where ${jobs.createdAt} > ${since24.toISOString()}::timestamptz)`,
        week: sql<number | null>`percentile_cont(0.95) within group (order by ${duration})`,
      })
      .from(jobs)
      .where(and(inLongest, isNotNull(jobs.startedAt), isNotNull(jobs.finishedAt))),
  ]);

  const windowOf = (name: HealthWindowName, p95ms: number | null): HealthWindow => {
    const { hours, bucketHours } = HEALTH_WINDOWS[name];
    const counts = emptyCounts();
    const buckets = Array.from({ length: hours / bucketHours }, (_, i) => {
      const back = hours / bucketHours - i; // buckets from the oldest
      return {
        ...emptyCounts(),
        start: new Date(now.getTime() - back * bucketHours * HOUR_MS).toISOString(),
        end: new Date(now.getTime() - (back - 1) * bucketHours * HOUR_MS).toISOString(),
      };
    });
    for (const row of byHour) {
      if (row.hoursAgo >= hours) continue;
      add(counts, row.status, row.n);
      add(buckets[buckets.length - 1 - Math.floor(row.hoursAgo / bucketHours)]!, row.status, row.n);
    }
    const decided = counts.succeeded + counts.failed;
    return {
      window: name,
      since: new Date(now.getTime() - hours * HOUR_MS).toISOString(),
      until: now.toISOString(),
      counts,
      success_rate: decided > 0 ? counts.succeeded / decided : null,
      p95_duration_ms: p95ms === null || p95ms === undefined ? null : Math.round(Number(p95ms)),
      throughput: buckets,
    };
  };
  return { '24h': windowOf('24h', p95?.day ?? null), '7d': windowOf('7d', p95?.week ?? null) };
}
