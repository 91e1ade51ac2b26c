import { type DbOrTx, sql } from '@levqor/db';
import { PLATFORM_SCOPE } from '../intelligence/metrics';

const HOUR = 3_600_000;
/** A worker not seen for this long is shown as stale (readiness uses the same 30 s). */
export const WORKER_STALE_MS = 30_000;
/** The rollup series drawn as sparklines on the health page (the last 24 h of five-minute points). */
export const HEALTH_SPARKLINES = [
  'jobs.created',
  'jobs.error_rate',
  'jobs.duration_p95',
  'queue.depth',
  'webhooks.failures',
] as const;

type Row = Record<string, unknown>;
const rows = async <T extends Row>(db: DbOrTx, q: ReturnType<typeof sql>) =>
  (await db.execute(q)) as unknown as T[];
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (d: Date) => d.toISOString();

/**
 * The statements behind the page that read the large, growing tables (engine runs, jobs, webhook
 * deliveries, the security log, the rollups), by name. Each must stay an index scan however large those
 * tables grow: ops-health-plans.int.test.ts EXPLAINs every one of them over a seeded volume.
 */
export function opsHealthQueries(now: Date) {
  const day = new Date(now.getTime() - 24 * HOUR);
  return {
    /**
     * Engine runs waiting or in flight, by state. Spelt as the three sets the engine's own partial indexes
     * hold (unkeyed and keyed due runs, running runs) so that it reads only the backlog, never the finished
     * runs; a further index for this page would cost every claim and settle a write.
     */
    queueByState: sql`select status::text as status, count(*)::int as n from (
          select status from engine_runs where status in ('queued', 'sleeping') and concurrency_key is null
          union all
          select status from engine_runs where status in ('queued', 'sleeping') and concurrency_key is not null
          union all
          select status from engine_runs where status = 'running') r
        group by 1`,
    /** The oldest queued run that is due, from the same two due-run indexes. */
    oldestQueued: sql`select extract(epoch from now() - min(run_at)) * 1000 as age_ms from (
          select min(run_at) as run_at from engine_runs
          where status = 'queued' and concurrency_key is null and run_at <= now()
          union all
          select min(run_at) from engine_runs
          where status = 'queued' and concurrency_key is not null and run_at <= now()) r`,
    /** Claim latency of the jobs started in the last hour (jobs_started_idx). */
    claimLatency: sql`select percentile_cont(0.5) within group (order by ms) as p50,
               percentile_cont(0.95) within group (order by ms) as p95, count(*)::int as n
        from (select extract(epoch from started_at - created_at) * 1000 as ms from jobs
              where started_at >= ${iso(new Date(now.getTime() - HOUR))}::timestamptz) t`,
    /** Workers by heartbeat with their runs in flight (engine_runs_running_idx). */
    workers: sql`select w.id, w.host, w.pid, w.started_at::text, w.last_seen::text,
          (select count(*)::int from engine_runs r where r.status = 'running' and r.locked_by = w.id) as in_flight
        from engine_workers w order by w.last_seen desc limit 50`,
    /** The newest run lost with its worker (engine_runs_lost_idx). */
    lastCrash: sql`select id, function_id, updated_at::text as at, lost_count as lost from engine_runs
        where lost_count > 0 order by updated_at desc limit 1`,
    /** Failure rate and p95 of the jobs that ended since `since` (jobs_finished_idx). */
    jobWindow: (
      since: Date,
    ) => sql`select count(*)::int as ended, count(*) filter (where status = 'failed')::int as failed,
          percentile_cont(0.95) within group (order by extract(epoch from finished_at - coalesce(started_at, created_at)) * 1000)
            filter (where status in ('succeeded', 'failed')) as p95
        from jobs where finished_at >= ${iso(since)}::timestamptz`,
    /** Webhook deliveries still pending and the oldest of them (webhook_deliveries_pending_idx). */
    webhookBacklog: sql`select count(*)::int as n, extract(epoch from now() - min(created_at)) * 1000 as oldest_ms
        from webhook_deliveries where status = 'pending'`,
    /** Rate-limit refusals in the last hour and day (security_events_type_idx). */
    rateLimitTotals: sql`select coalesce(sum(count) filter (where created_at >= ${iso(new Date(now.getTime() - HOUR))}::timestamptz), 0)::int as hour,
               coalesce(sum(count), 0)::int as day
        from security_events where type = 'rate_limited' and created_at >= ${iso(day)}::timestamptz`,
    /** The limits that refused most in the last day (security_events_type_idx). */
    rateLimitTopRules: sql`select coalesce(metadata ->> 'rule', 'unknown') as rule, sum(count)::int as n from security_events
        where type = 'rate_limited' and created_at >= ${iso(day)}::timestamptz
        group by 1 order by 2 desc limit 5`,
    /** The platform series of the last day (the rollups' primary key). */
    sparklines: sql`select metric, bucket_start::text as t, value as v from metric_rollups
        where scope = ${PLATFORM_SCOPE} and metric in (${sql.join(
          HEALTH_SPARKLINES.map((m) => sql`${m}`),
          sql`, `,
        )}) and bucket_start >= ${iso(day)}::timestamptz
        order by bucket_start`,
  };
}
type Queries = ReturnType<typeof opsHealthQueries>;

/** Connections by state, the database's size and — when pg_stat_statements is loaded — its slowest statements. */
async function database(db: DbOrTx) {
  const [size] = await rows<{ bytes: string; max: string }>(
    db,
    sql`select pg_database_size(current_database())::text as bytes, current_setting('max_connections') as max`,
  );
  const connections = await rows<{ state: string; n: number }>(
    db,
    sql`select coalesce(state, 'background') as state, count(*)::int as n
        from pg_stat_activity where datname = current_database() group by 1 order by 2 desc`,
  );
  let slowQueries: { query: string; calls: number; meanMs: number; totalMs: number }[] = [];
  let slowQueriesNote: string | null = null;
  const [ext] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_extension where extname = 'pg_stat_statements'`,
  );
  if (!ext?.n) slowQueriesNote = 'pg_stat_statements is not installed in this database';
  else {
    try {
      slowQueries = (
        await rows<{ query: string; calls: string; mean: number; total: number }>(
          db,
          sql`select left(query, 300) as query, calls::text as calls, mean_exec_time as mean, total_exec_time as total
              from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
              order by mean_exec_time desc limit 5`,
        )
      ).map((r) => ({ query: r.query, calls: Number(r.calls), meanMs: r.mean, totalMs: r.total }));
    } catch (err) {
      // Installed but not in shared_preload_libraries: the view exists and refuses to be read.
      slowQueriesNote = `pg_stat_statements is installed but cannot be read: ${(err as Error).message.slice(0, 200)}`;
    }
  }
  return {
    sizeBytes: Number(size?.bytes ?? 0),
    maxConnections: Number(size?.max ?? 0),
    connections,
    totalConnections: connections.reduce((s, c) => s + c.n, 0),
    slowQueries,
    slowQueriesNote,
  };
}

/** Engine runs waiting or in flight, the oldest due queued run, and claim latency (job created → started). */
async function queue(db: DbOrTx, q: Queries) {
  const byState = await rows<{ status: string; n: number }>(db, q.queueByState);
  const [oldest] = await rows<{ age_ms: number | null }>(db, q.oldestQueued);
  const [claim] = await rows<{ p50: number | null; p95: number | null; n: number }>(db, q.claimLatency);
  const count = (s: string) => byState.find((r) => r.status === s)?.n ?? 0;
  return {
    queued: count('queued'),
    running: count('running'),
    sleeping: count('sleeping'),
    oldestQueuedAgeMs: num(oldest?.age_ms),
    claimLatency: { p50Ms: num(claim?.p50), p95Ms: num(claim?.p95), jobs: claim?.n ?? 0 },
  };
}

/** Local-engine workers by heartbeat with their runs in flight, and the last run lost with its worker. */
async function workers(db: DbOrTx, q: Queries) {
  const list = await rows<{
    id: string;
    host: string;
    pid: number;
    started_at: string;
    last_seen: string;
    in_flight: number;
  }>(db, q.workers);
  const [crash] = await rows<{ id: string; function_id: string; at: string; lost: number }>(db, q.lastCrash);
  const now = Date.now();
  return {
    list: list.map((w) => {
      const lastSeen = new Date(w.last_seen);
      return {
        id: w.id,
        host: w.host,
        pid: w.pid,
        startedAt: new Date(w.started_at),
        lastSeen,
        inFlight: w.in_flight,
        stale: now - lastSeen.getTime() > WORKER_STALE_MS,
      };
    }),
    /** The newest run whose lease expired with its worker (a crash or a kill), if any is recorded. */
    lastCrash: crash
      ? { runId: crash.id, functionId: crash.function_id, at: new Date(crash.at), lostAttempts: crash.lost }
      : null,
  };
}

/** Failure rate and p95 duration of the jobs that ended in the window. */
async function jobWindow(db: DbOrTx, q: Queries, since: Date) {
  const [r] = await rows<{ ended: number; failed: number; p95: number | null }>(db, q.jobWindow(since));
  const ended = r?.ended ?? 0;
  const failed = r?.failed ?? 0;
  return { ended, failed, failureRate: ended ? failed / ended : 0, p95DurationMs: num(r?.p95) };
}

/** Webhook deliveries not yet delivered nor given up on, and the oldest of them. */
async function webhookBacklog(db: DbOrTx, q: Queries) {
  const [r] = await rows<{ n: number; oldest_ms: number | null }>(db, q.webhookBacklog);
  return { pending: r?.n ?? 0, oldestPendingAgeMs: num(r?.oldest_ms) };
}

/** Requests refused by rate limits (the security log aggregates them per limit and window). */
async function rateLimitBlocks(db: DbOrTx, q: Queries) {
  const [r] = await rows<{ hour: number; day: number }>(db, q.rateLimitTotals);
  const topRules = await rows<{ rule: string; n: number }>(db, q.rateLimitTopRules);
  return { lastHour: r?.hour ?? 0, last24h: r?.day ?? 0, topRules };
}

/** The platform rollups of the last 24 h drawn as sparklines. */
async function sparklines(db: DbOrTx, q: Queries) {
  const points = await rows<{ metric: string; t: string; v: number }>(db, q.sparklines);
  return Object.fromEntries(
    HEALTH_SPARKLINES.map((m) => [
      m,
      points.filter((p) => p.metric === m).map((p) => ({ t: new Date(p.t).toISOString(), v: p.v })),
    ]),
  ) as Record<(typeof HEALTH_SPARKLINES)[number], { t: string; v: number }[]>;
}

/** Everything the operations health page shows, read from the database in one go. */
export async function getOpsHealth(db: DbOrTx, now = new Date()) {
  const queries = opsHealthQueries(now);
  const [dbInfo, q, w, lastHour, last24h, webhooks, rateLimits, series] = await Promise.all([
    database(db),
    queue(db, queries),
    workers(db, queries),
    jobWindow(db, queries, new Date(now.getTime() - HOUR)),
    jobWindow(db, queries, new Date(now.getTime() - 24 * HOUR)),
    webhookBacklog(db, queries),
    rateLimitBlocks(db, queries),
    sparklines(db, queries),
  ]);
  return {
    at: now,
    database: dbInfo,
    queue: q,
    workers: w,
    jobs: { lastHour, last24h },
    webhooks,
    rateLimits,
    sparklines: series,
  };
}
