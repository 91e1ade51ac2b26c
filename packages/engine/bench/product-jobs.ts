/**
 * Product jobs (`jobs.run` of `demo.flow`, a one-step transform workflow) for `pnpm bench:engine`:
 * round trips per job, drain rate against backlog size and spread, claim statement time per run,
 * fairness between workspaces, and submit→succeeded latency at a steady rate.
 */
import { randomBytes } from 'node:crypto';
import { createUser, submitJob } from '@levqor/core';
import { closeDb, createDb, type Database, eq, sql, workspaces } from '@levqor/db';
import { createLevqorEngine } from '../src/functions';
import { claimRuns } from '../src/local/claim';
import { createWorker, type Worker } from '../src/local/worker';
import { silentSink } from '../src/log';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const tag = () => randomBytes(4).toString('hex');

export interface Tenant {
  workspaceId: string;
  userId: string;
}

/** The plan of the benchmark's workspaces: its concurrency (25) is above the worker's slots, so the
 * figures measure the engine and the product path, not a plan's cap (Free runs 2 jobs at a time). */
export const BENCH_PLAN = 'business';

export async function newTenant(db: Database): Promise<Tenant> {
  const { user, workspace } = await createUser(db, { email: `bench-${tag()}@bench.levqor.test` });
  await db.update(workspaces).set({ plan: BENCH_PLAN }).where(eq(workspaces.id, workspace.id));
  return { workspaceId: workspace.id, userId: user.id };
}

/** Submits one demo.flow job through the product's intake (its own transaction); returns its id. */
export async function submitDemo(db: Database, tenant: Tenant): Promise<string> {
  const { client } = createLevqorEngine(db, { provider: 'local' });
  const { job } = await submitJob(
    db,
    { workspaceId: tenant.workspaceId, submittedBy: tenant.userId, events: client },
    { workflow: 'demo.flow', payload: { x: 1 }, priority: 'normal' },
  );
  return job.id;
}

/**
 * Queues `count` demo.flow jobs with their `jobs.run` runs by SQL (copies of a template job of `tenant`,
 * spread round-robin over `workspaceIds`): what intake writes, minus the ledger reservation.
 */
export async function bulkBacklog(
  db: Database,
  template: string,
  workspaceIds: readonly string[],
  count: number,
): Promise<string> {
  const batch = `bk${tag()}`;
  const ids = sql.param([...workspaceIds]);
  await db.execute(sql`
    insert into jobs (id, workspace_id, workflow_id, workflow_version_id, workflow_slug, workflow_version,
      payload, priority, status, estimated_cost, reserved_cost, submitted_by)
    select 'job_' || ${batch} || '_' || g, (${ids}::text[])[1 + g % ${workspaceIds.length}], t.workflow_id,
      t.workflow_version_id, t.workflow_slug, t.workflow_version, t.payload, 'normal', 'queued',
      t.estimated_cost, t.reserved_cost, t.submitted_by
    from generate_series(1, ${count}) g, jobs t where t.id = ${template}`);
  await db.execute(sql`
    insert into engine_runs (id, function_id, event_name, payload, priority, concurrency_key,
      concurrency_limit, max_attempts)
    select 'run_' || j.id, r.function_id, r.event_name,
      r.payload || jsonb_build_object('jobId', j.id, 'workspaceId', j.workspace_id), r.priority,
      r.function_id || ':' || j.workspace_id, r.concurrency_limit, r.max_attempts
    from jobs j, engine_runs r
    where j.id like ${`job_${batch}_%`} and r.payload->>'jobId' = ${template}`);
  await db.execute(sql`analyze engine_runs`);
  await db.execute(sql`analyze jobs`);
  return batch;
}

/**
 * Deletes what is left of a backlog (jobs, runs, steps, events, ledger rows), and clears the next due
 * time of the keys left without waiting runs (as the next claims would, a few keys at a time).
 */
export async function dropBacklog(db: Database, batch: string): Promise<void> {
  await db.execute(sql`delete from engine_runs where id like ${`run_job_${batch}_%`}`);
  await db.execute(sql`
    update engine_concurrency_keys k set next_run_at = null
    where next_run_at is not null and not exists (
      select 1 from engine_runs r where r.concurrency_key = k.key and r.status in ('queued', 'sleeping'))`);
  await db.execute(sql`delete from cost_ledger where job_id like ${`job_${batch}_%`}`);
  await db.execute(sql`delete from jobs where id like ${`job_${batch}_%`}`);
}

/** Inserts `count` workspaces by SQL (for the spread backlog). */
export async function bulkWorkspaces(db: Database, count: number): Promise<string[]> {
  const prefix = `ws_bench${tag()}_`;
  const rows = await db.execute<{ id: string }>(sql`
    insert into workspaces (id, name)
    select ${prefix} || g, 'bench ' || g from generate_series(1, ${count}) g returning id`);
  return rows.map((row) => row.id);
}

export function productWorker(db: Database, concurrency: number): Worker {
  const { registry } = createLevqorEngine(db, { provider: 'local' });
  return createWorker({ db, registry, concurrency, log: silentSink });
}

const finishedSince = async (db: Database, since: Date, batch?: string) => {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from jobs
    where finished_at >= ${since.toISOString()}::timestamptz
      ${batch ? sql`and id like ${`job_${batch}_%`}` : sql``}`);
  return row?.n ?? 0;
};

/**
 * Jobs per second of a running worker over a window: from the `skip`-th job finished after `since`
 * to the (`skip` + `window`)-th.
 */
export async function drainRate(
  db: Database,
  since: Date,
  opts: { skip: number; window: number; batch?: string },
): Promise<number> {
  let t0 = 0;
  while (true) {
    const n = await finishedSince(db, since, opts.batch);
    if (!t0 && n >= opts.skip) t0 = performance.now();
    if (n >= opts.skip + opts.window) return opts.window / ((performance.now() - t0) / 1_000);
    await sleep(50);
  }
}

/**
 * Time of the claim statement per run claimed, with the backlog in place: `rounds` claims of `limit`
 * runs, each given back to the queue afterwards (so the backlog keeps its size).
 */
export async function claimMsPerRun(db: Database, rounds: number, limit: number): Promise<number> {
  let ms = 0;
  let runs = 0;
  for (let i = 0; i < rounds; i += 1) {
    const t0 = performance.now();
    const claimed = await claimRuns(db, {
      functionIds: ['jobs.run'],
      limit,
      leaseMs: 30_000,
      workerId: 'bench-claimer',
      reclaim: false,
      keyed: true,
    });
    ms += performance.now() - t0;
    runs += claimed.length;
    await db.execute(sql`
      update engine_runs set status = 'queued', lease_until = null, locked_by = null
      where id = any(${sql.param(claimed.map((r) => r.id))}::text[])`);
  }
  return runs ? ms / runs : Number.NaN;
}

/** Statements sent per product job while one worker drains `count` demo.flow jobs (claims included). */
export async function statementsPerJob(url: string, count: number, slots: number) {
  const seen: string[] = [];
  let counting = false;
  const db = createDb(url, {
    max: slots + 4,
    appName: 'levqor-bench-count',
    onQuery: (query) => {
      if (counting) seen.push(query);
    },
  });
  try {
    const tenant = await newTenant(db);
    for (let i = 0; i < count; i += 1) await submitDemo(db, tenant);
    const worker = productWorker(db, slots);
    counting = true;
    const executed = await worker.drain();
    counting = false;
    if (executed < count) throw new Error(`drained ${executed} of ${count}`);
    return { perJob: seen.length / count, statements: seen };
  } finally {
    await closeDb(db);
  }
}

/** Submits `count` demo.flow jobs at `rate` per second (4 concurrent submitters); returns their ids. */
export async function submitPaced(db: Database, tenant: Tenant, count: number, rate: number) {
  const ids: string[] = [];
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const n = next++;
        const wait = start + (n * 1_000) / rate - performance.now();
        if (wait > 0) await sleep(wait);
        ids.push(await submitDemo(db, tenant));
      }
    }),
  );
  return ids;
}

/** Waits until every job of `ids` ended; p50/p99 of created→started and created→finished, in ms. */
export async function jobLatencies(db: Database, ids: string[], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const list = sql.param(ids);
  while (true) {
    const [row] = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from jobs where id = any(${list}::text[]) and finished_at is not null`);
    if (row?.n === ids.length) break;
    if (Date.now() > deadline) throw new Error(`${ids.length - (row?.n ?? 0)} jobs did not finish`);
    await sleep(50);
  }
  const [row] = await db.execute<Record<'start50' | 'start99' | 'done50' | 'done99', number>>(sql`
    select
      percentile_cont(0.5) within group (order by extract(epoch from started_at - created_at) * 1000) as start50,
      percentile_cont(0.99) within group (order by extract(epoch from started_at - created_at) * 1000) as start99,
      percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at) * 1000) as done50,
      percentile_cont(0.99) within group (order by extract(epoch from finished_at - created_at) * 1000) as done99
    from jobs where id = any(${list}::text[]) and status = 'succeeded'`);
  return row!;
}
