import { type DbOrTx, sql } from '@levqor/db';
import { BUCKET_MS, closedBuckets } from './buckets';
import { PLATFORM_SCOPE } from './metrics';

/** Jobs queued longer than this are not counted in a bucket's queue depth (bounds the scan). */
export const QUEUE_DEPTH_HORIZON = '7 days';

/**
 * Computes every metric of one five-minute bucket from the recorded rows — per workspace and
 * platform-wide (`GROUPING SETS`) — and upserts them into `metric_rollups`. Running it again for the
 * same bucket rewrites the same rows (idempotent); running it after late rows arrived corrects them.
 * Platform series always get a value (zero when idle); a workspace gets rows when it had activity.
 * Returns the number of (scope, metric) values written.
 */
export async function computeRollup(db: DbOrTx, bucketStart: Date): Promise<number> {
  const s = bucketStart.toISOString();
  const e = new Date(bucketStart.getTime() + BUCKET_MS).toISOString();
  const minutes = BUCKET_MS / 60_000;
  const platform = PLATFORM_SCOPE;
  const rows = await db.execute<{ n: number }>(sql`
    with
    fin as (
      select case when grouping(j.workspace_id) = 1 then ${platform} else j.workspace_id end as scope,
        count(*) filter (where j.status = 'succeeded')::float8 as succeeded,
        count(*) filter (where j.status = 'failed')::float8 as failed,
        count(*) filter (where j.status = 'cancelled')::float8 as cancelled,
        percentile_cont(0.5) within group (order by extract(epoch from j.finished_at - j.started_at) * 1000)
          filter (where j.started_at is not null) as p50,
        percentile_cont(0.95) within group (order by extract(epoch from j.finished_at - j.started_at) * 1000)
          filter (where j.started_at is not null) as p95,
        percentile_cont(0.99) within group (order by extract(epoch from j.finished_at - j.started_at) * 1000)
          filter (where j.started_at is not null) as p99,
        coalesce(sum(ai.tokens), 0)::float8 as ai_tokens,
        coalesce(sum(ai.spend), 0)::float8 as ai_spend
      from jobs j
      left join lateral (
        select sum(coalesce((st.output->'usage'->>'prompt_tokens')::numeric, 0)
                 + coalesce((st.output->'usage'->>'completion_tokens')::numeric, 0)) as tokens,
               sum(st.cost) as spend
        from job_steps st where st.job_id = j.id and st.type = 'ai'
      ) ai on true
      where j.finished_at >= ${s}::timestamptz and j.finished_at < ${e}::timestamptz
      group by grouping sets ((j.workspace_id), ())
    ),
    created as (
      select case when grouping(workspace_id) = 1 then ${platform} else workspace_id end as scope,
        count(*)::float8 as created
      from jobs where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz
      group by grouping sets ((workspace_id), ())
    ),
    queue as (
      select case when grouping(workspace_id) = 1 then ${platform} else workspace_id end as scope,
        count(*)::float8 as depth
      from jobs
      where created_at < ${e}::timestamptz
        and created_at >= ${e}::timestamptz - ${QUEUE_DEPTH_HORIZON}::interval
        and (started_at is null or started_at >= ${e}::timestamptz)
        and (finished_at is null or finished_at >= ${e}::timestamptz)
      group by grouping sets ((workspace_id), ())
    ),
    api as (
      select case when grouping(workspace_id) = 1 then ${platform} else workspace_id end as scope,
        count(*)::float8 as requests,
        count(*) filter (where status between 400 and 499)::float8 as c4xx,
        count(*) filter (where status >= 500)::float8 as c5xx,
        percentile_cont(0.99) within group (order by duration_ms)
          filter (where method = 'POST' and path = '/jobs') as intake_p99
      from api_requests
      where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz
      group by grouping sets ((workspace_id), ())
      having grouping(workspace_id) = 1 or workspace_id is not null
    ),
    hooks as (
      select case when grouping(d.workspace_id) = 1 then ${platform} else d.workspace_id end as scope,
        count(*)::float8 as failures
      from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
      where a.created_at >= ${s}::timestamptz and a.created_at < ${e}::timestamptz
        and (a.error is not null or a.status_code is null or a.status_code not between 200 and 299)
      group by grouping sets ((d.workspace_id), ())
    ),
    scopes as (
      select scope from fin union select scope from created union select scope from queue
      union select scope from api union select scope from hooks
    ),
    vals as (
      select sc.scope, v.metric, v.value
      from scopes sc
      left join fin on fin.scope = sc.scope
      left join created on created.scope = sc.scope
      left join queue on queue.scope = sc.scope
      left join api on api.scope = sc.scope
      left join hooks on hooks.scope = sc.scope
      cross join lateral (values
        ('jobs.created', coalesce(created.created, 0)),
        ('intake.per_min', coalesce(created.created, 0) / ${minutes}),
        ('jobs.succeeded', coalesce(fin.succeeded, 0)),
        ('jobs.failed', coalesce(fin.failed, 0)),
        ('jobs.cancelled', coalesce(fin.cancelled, 0)),
        ('jobs.error_rate', fin.failed / nullif(fin.succeeded + fin.failed, 0)),
        ('jobs.duration_p50', fin.p50),
        ('jobs.duration_p95', fin.p95),
        ('jobs.duration_p99', fin.p99),
        ('ai.tokens', coalesce(fin.ai_tokens, 0)),
        ('ai.spend_cents', coalesce(fin.ai_spend, 0)),
        ('queue.depth', coalesce(queue.depth, 0)),
        ('api.requests', coalesce(api.requests, 0)),
        ('api.4xx', coalesce(api.c4xx, 0)),
        ('api.5xx', coalesce(api.c5xx, 0)),
        ('api.error_rate', api.c5xx / nullif(api.requests, 0)),
        ('api.intake_p99_ms', api.intake_p99),
        ('webhooks.failures', coalesce(hooks.failures, 0))
      ) as v(metric, value)
      where v.value is not null
    ),
    up as (
      insert into metric_rollups (scope, metric, bucket_start, value, updated_at)
      select scope, metric, ${s}::timestamptz, value, now() from vals
      on conflict (scope, metric, bucket_start)
        do update set value = excluded.value, updated_at = excluded.updated_at
        where metric_rollups.value is distinct from excluded.value
      returning 1
    )
    select (select count(*) from vals)::int as n
  `);
  return rows[0]?.n ?? 0;
}

/** Recomputes the last `lookback` closed buckets at `now` (default 3: fifteen minutes of late data). */
export async function rollupRecent(
  db: DbOrTx,
  opts: { now: Date; lookback?: number },
): Promise<{ buckets: string[]; values: number }> {
  const buckets = closedBuckets(opts.now, opts.lookback ?? 3);
  let values = 0;
  for (const b of buckets) values += await computeRollup(db, b);
  return { buckets: buckets.map((b) => b.toISOString()), values };
}
