import { type DbOrTx, sql } from '@levqor/db';
import { dollars, type RecommendationDraft, round2 } from './recommendation';

/** Bounds of the local worker's concurrency whatever is recommended or set. */
export const MIN_WORKER_CONCURRENCY = 1;
export const MAX_WORKER_CONCURRENCY = 64;
/** p95 job duration above this is "high" (ms). */
export const AUTOSCALE_P95_HIGH_MS = 10_000;
/** Average queue depth above this many times the concurrency is "high". */
export const AUTOSCALE_QUEUE_FACTOR = 2;

export interface AutoscaleFigures {
  current: number;
  p95Ms: number | null;
  avgQueue: number;
  peakQueue: number;
  jobs: number;
  spendCents: number;
  spendLimitCents: number;
}

/**
 * The autoscale rule over the 24 hours before the period (platform rollups): frozen (no change) when
 * the day's AI spend passed the limit; up ×1.5 when the p95 job duration was above 10 s or the average
 * queue depth above twice the concurrency; down ÷2 when idle (the queue never above 1 and under one job
 * a minute); bounded to 1–64.
 */
export function concurrencyFor(f: AutoscaleFigures): { next: number; reason: string; frozen: boolean } {
  if (f.spendCents > f.spendLimitCents)
    return {
      next: f.current,
      frozen: true,
      reason: `frozen: AI spend ${dollars(f.spendCents)} passed the daily limit of ${dollars(f.spendLimitCents)}`,
    };
  const clamp = (n: number) => Math.min(MAX_WORKER_CONCURRENCY, Math.max(MIN_WORKER_CONCURRENCY, n));
  if ((f.p95Ms ?? 0) > AUTOSCALE_P95_HIGH_MS || f.avgQueue > AUTOSCALE_QUEUE_FACTOR * f.current)
    return {
      next: clamp(Math.ceil(f.current * 1.5)),
      frozen: false,
      reason:
        (f.p95Ms ?? 0) > AUTOSCALE_P95_HIGH_MS
          ? `p95 duration ${round2((f.p95Ms ?? 0) / 1000)} s is above ${AUTOSCALE_P95_HIGH_MS / 1000} s`
          : `average queue depth ${round2(f.avgQueue)} is above ${AUTOSCALE_QUEUE_FACTOR} × ${f.current}`,
    };
  if (f.peakQueue <= 1 && f.jobs < 1440)
    return {
      next: clamp(Math.floor(f.current / 2)),
      frozen: false,
      reason: `idle: queue depth never above ${f.peakQueue} and ${f.jobs} jobs in 24 h (under one a minute)`,
    };
  return { next: f.current, frozen: false, reason: 'load within bounds' };
}

export async function autoscaleRecommendation(
  db: DbOrTx,
  opts: { day: string; current: number; spendLimitCents: number },
): Promise<RecommendationDraft> {
  const [row] = await db.execute<{
    p95: number | null;
    avg_queue: number;
    peak_queue: number;
    jobs: number;
    spend: number;
  }>(sql`
    select
      max(value) filter (where metric = 'jobs.duration_p95')::float8 as p95,
      coalesce(avg(value) filter (where metric = 'queue.depth'), 0)::float8 as avg_queue,
      coalesce(max(value) filter (where metric = 'queue.depth'), 0)::float8 as peak_queue,
      coalesce(sum(value) filter (where metric = 'jobs.created'), 0)::float8 as jobs,
      coalesce(sum(value) filter (where metric = 'ai.spend_cents'), 0)::float8 as spend
    from metric_rollups
    where scope = 'platform' and bucket_start >= ${opts.day}::date - 1 and bucket_start < ${opts.day}::date
      and metric in ('jobs.duration_p95', 'queue.depth', 'jobs.created', 'ai.spend_cents')
  `);
  const f: AutoscaleFigures = {
    current: opts.current,
    p95Ms: row?.p95 ?? null,
    avgQueue: row?.avg_queue ?? 0,
    peakQueue: row?.peak_queue ?? 0,
    jobs: row?.jobs ?? 0,
    spendCents: row?.spend ?? 0,
    spendLimitCents: opts.spendLimitCents,
  };
  const d = concurrencyFor(f);
  const actionable = d.next !== f.current;
  return {
    kind: 'autoscale',
    subject: 'workers',
    title: actionable
      ? `Worker concurrency ${d.next > f.current ? 'up' : 'down'} from ${f.current} to ${d.next}`
      : `Keep worker concurrency at ${f.current}`,
    explanation: `${d.reason[0]!.toUpperCase()}${d.reason.slice(1)}. Applying sets the worker.concurrency flag (the local workers read it within seconds; kill the flag to return to LEVQOR_WORKER_CONCURRENCY).`,
    inputs: [
      { key: 'current', label: 'Current concurrency', value: f.current },
      {
        key: 'p95_ms',
        label: 'Highest p95 job duration (ms, 24 h)',
        value: f.p95Ms === null ? null : Math.round(f.p95Ms),
      },
      { key: 'avg_queue', label: 'Average queue depth (24 h)', value: round2(f.avgQueue) },
      { key: 'peak_queue', label: 'Peak queue depth (24 h)', value: f.peakQueue },
      { key: 'jobs', label: 'Jobs submitted (24 h)', value: f.jobs },
      { key: 'spend_cents', label: 'AI spend (24 h)', value: dollars(f.spendCents) },
      { key: 'spend_limit_cents', label: 'Daily spend limit', value: dollars(f.spendLimitCents) },
    ],
    proposal: { from: f.current, concurrency: d.next, frozen: d.frozen },
    actionable,
  };
}
