import { type DbOrTx, healthChecks, sql } from '@levqor/db';
import { WORKER_STALE_MS } from '../health/check-readiness';
import { getStabilizeState, type StabilizeState } from '../intelligence/stabilize';
import {
  type IncidentWithUpdates,
  listIncidents,
  STATUS_COMPONENTS,
  type StatusComponent,
} from './incidents';

/** A due job waiting longer than this in the queue makes the workers "degraded". */
export const QUEUE_LAG_DEGRADED_MS = 5 * 60_000;
/** A component whose last recorded check is older than this has no current state ("unknown"). */
export const CHECK_STALE_MS = 3 * 60_000;
/** Failures within this window make a now-passing component "degraded". */
export const RECENT_FAILURE_MS = 15 * 60_000;
export const UPTIME_DAYS = 90;

export type ComponentState = 'operational' | 'degraded' | 'outage' | 'unknown';

export interface WorkerFigures {
  /** Milliseconds since the newest worker heartbeat; null when none was ever recorded. */
  heartbeatAgeMs: number | null;
  /** Age of the oldest due run waiting in the engine queue; 0 when none waits. */
  oldestQueuedMs: number;
  queuedCount: number;
}

/** The engine's queue and heartbeats: what the workers' state and their recorded check are made of. */
export async function workerFigures(db: DbOrTx): Promise<WorkerFigures> {
  const [row] = await db.execute<{ hb: number | null; oldest: number | null; queued: number }>(sql`
    select
      (select (extract(epoch from now() - max(last_seen)) * 1000)::float8 from engine_workers) as hb,
      (select (extract(epoch from now() - min(run_at)) * 1000)::float8 from engine_runs
        where status = 'queued' and run_at <= now()) as oldest,
      (select count(*)::int from engine_runs where status = 'queued' and run_at <= now()) as queued`);
  return {
    heartbeatAgeMs: row?.hb === null || row?.hb === undefined ? null : Number(row.hb),
    oldestQueuedMs: Math.max(0, Number(row?.oldest ?? 0)),
    queuedCount: Number(row?.queued ?? 0),
  };
}

/**
 * The workers' state: with the local engine a worker must have reported within 30 s (else jobs wait:
 * outage); due jobs waiting over 5 minutes make them degraded. With Inngest only the queue counts.
 */
export function workersState(
  f: WorkerFigures,
  provider: 'local' | 'inngest',
): { state: ComponentState; detail: string } {
  if (provider === 'local' && (f.heartbeatAgeMs === null || f.heartbeatAgeMs > WORKER_STALE_MS))
    return {
      state: 'outage',
      detail:
        f.heartbeatAgeMs === null
          ? 'No job worker has reported in; jobs wait in the queue.'
          : `No worker heartbeat for ${Math.round(f.heartbeatAgeMs / 1000)} s; jobs wait in the queue.`,
    };
  if (f.oldestQueuedMs > QUEUE_LAG_DEGRADED_MS)
    return {
      state: 'degraded',
      detail: `The oldest waiting job has waited ${Math.round(f.oldestQueuedMs / 60_000)} min (${f.queuedCount} waiting).`,
    };
  return {
    state: 'operational',
    detail:
      f.queuedCount === 0
        ? 'No job is waiting.'
        : `${f.queuedCount} waiting, oldest ${Math.round(f.oldestQueuedMs / 1000)} s.`,
  };
}

/**
 * Records the workers' check beside the others (`health_checks`, service `workers`): passed when the
 * workers' state is operational (a fresh heartbeat with the local engine, no due job waiting over 5 min).
 */
export async function recordWorkerCheck(db: DbOrTx, provider: 'local' | 'inngest'): Promise<void> {
  const t0 = performance.now();
  const f = await workerFigures(db);
  const ok = workersState(f, provider).state === 'operational' ? 1 : 0;
  await db
    .insert(healthChecks)
    .values({ service: 'workers', ok, latencyMs: Math.round(performance.now() - t0) });
}

export interface UptimeDay {
  day: string;
  checks: number;
  /** Passed ÷ recorded checks that day; null when none was recorded ("no data"). */
  ratio: number | null;
}

export interface StatusComponentView {
  id: StatusComponent;
  name: string;
  state: ComponentState;
  detail: string;
  /** Oldest first, UPTIME_DAYS days ending today (UTC). */
  days: UptimeDay[];
  /** Passed ÷ recorded checks over the 90 days; null without any. */
  uptime: number | null;
}

export interface StatusPage {
  generatedAt: string;
  overall: ComponentState;
  components: StatusComponentView[];
  incidents: { active: IncidentWithUpdates[]; recent: IncidentWithUpdates[] };
  stabilize: StabilizeState;
  worker: WorkerFigures;
}

const NAMES: Record<StatusComponent, string> = {
  web: 'Dashboard (web)',
  api: 'REST API',
  workers: 'Job workers',
  database: 'Database',
};

/** Open incidents, and those resolved within 90 days (the page's history). */
export async function statusIncidents(db: DbOrTx, now = new Date()): Promise<StatusPage['incidents']> {
  const all = await listIncidents(db, { now });
  return {
    active: all.filter((i) => i.status !== 'resolved'),
    recent: all.filter((i) => i.status === 'resolved'),
  };
}

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Everything /status shows, computed from records: the latest health checks per component, the engine's
 * heartbeats and queue (workers), 90 days of recorded checks per component and day, incidents, and
 * whether stabilize mode is on. Serve it through a short cache: the page is public.
 */
export async function getStatusPage(
  db: DbOrTx,
  opts: { provider: 'local' | 'inngest'; now?: Date },
): Promise<StatusPage> {
  const now = opts.now ?? new Date();
  const firstDay = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (UPTIME_DAYS - 1)),
  );
  const [daily, latest, worker, incidents, stabilize] = await Promise.all([
    db.execute<{ service: string; day: string; checks: number; ok: number }>(sql`
      select service, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
        count(*)::int as checks, coalesce(sum(ok), 0)::int as ok
      from health_checks
      where created_at >= ${firstDay.toISOString()}::timestamptz and created_at <= ${now.toISOString()}::timestamptz
      group by 1, 2`),
    db.execute<{ service: string; last_at: string; last_ok: number; recent_failures: number }>(sql`
      select distinct on (service) service, created_at as last_at, ok as last_ok,
        (select count(*)::int from health_checks f where f.service = h.service and f.ok = 0
          and f.created_at > ${new Date(now.getTime() - RECENT_FAILURE_MS).toISOString()}::timestamptz) as recent_failures
      from health_checks h
      where created_at > ${new Date(now.getTime() - RECENT_FAILURE_MS).toISOString()}::timestamptz
      order by service, created_at desc`),
    workerFigures(db),
    statusIncidents(db, now),
    getStabilizeState(db),
  ]);
  const components = STATUS_COMPONENTS.map((id): StatusComponentView => {
    const days: UptimeDay[] = [];
    let checks = 0;
    let ok = 0;
    for (let i = 0; i < UPTIME_DAYS; i++) {
      const day = dayKey(new Date(firstDay.getTime() + i * 86_400_000));
      const r = daily.find((x) => x.service === id && x.day === day);
      const c = Number(r?.checks ?? 0);
      checks += c;
      ok += Number(r?.ok ?? 0);
      days.push({ day, checks: c, ratio: c === 0 ? null : Number(r!.ok) / c });
    }
    let state: ComponentState;
    let detail: string;
    const last = latest.find((l) => l.service === id);
    if (id === 'workers') ({ state, detail } = workersState(worker, opts.provider));
    else if (!last || now.getTime() - new Date(last.last_at).getTime() > CHECK_STALE_MS) {
      state = 'unknown';
      detail = 'No health check recorded in the last 3 minutes.';
    } else if (Number(last.last_ok) === 0) {
      state = 'outage';
      detail = 'The latest health check failed.';
    } else if (Number(last.recent_failures) > 0) {
      state = 'degraded';
      detail = `Answering now; ${last.recent_failures} failed check(s) in the last 15 minutes.`;
    } else {
      state = 'operational';
      detail = 'The latest health checks passed.';
    }
    return { id, name: NAMES[id], state, detail, days, uptime: checks === 0 ? null : ok / checks };
  });
  const rank: Record<ComponentState, number> = { operational: 0, unknown: 1, degraded: 2, outage: 3 };
  const overall = components.reduce<ComponentState>(
    (worst, c) => (rank[c.state] > rank[worst] ? c.state : worst),
    'operational',
  );
  return {
    generatedAt: now.toISOString(),
    overall,
    components,
    incidents,
    stabilize,
    worker,
  };
}

/** One computation per process per `ttlMs` (default 15 s), one in flight at a time. */
export function createStatusPageCache(
  db: DbOrTx,
  opts: { provider: 'local' | 'inngest'; ttlMs?: number },
): { get(): Promise<StatusPage>; forget(): void } {
  const ttlMs = opts.ttlMs ?? 15_000;
  let fresh: { page: StatusPage; expiresAt: number } | null = null;
  let inFlight: Promise<StatusPage> | null = null;
  return {
    get() {
      if (fresh && fresh.expiresAt > Date.now()) return Promise.resolve(fresh.page);
      inFlight ??= getStatusPage(db, { provider: opts.provider })
        .then((page) => {
          fresh = { page, expiresAt: Date.now() + ttlMs };
          return page;
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    forget() {
      fresh = null;
    },
  };
}
