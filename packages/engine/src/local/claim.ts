import { randomBytes } from 'node:crypto';
import { type Database, type SQL, sql } from '@levqor/db';

/** A run this worker now holds, with the lease token that fences every later write. */
export interface ClaimedRun {
  id: string;
  functionId: string;
  payload: unknown;
  /** Steps recorded so far (loaded with the claim), by step id. */
  steps: Map<string, unknown>;
  /** Failed (or lost) attempts so far: 0 on a first attempt. */
  attempt: number;
  maxAttempts: number;
  cancelRequested: boolean;
  priority: number;
  /** Epoch ms of the due time this claim found, and of the run's creation (claim order). */
  runAtMs: number;
  createdAtMs: number;
  /** Epoch ms of the job deadline, once the run has started with a `timeoutMs`. */
  deadlineAt: number | null;
  lastError: string | null;
  /** `locked_by` value proving this worker holds the lease. */
  token: string;
  /** True when the run was taken over from a worker whose lease expired. */
  reclaimed: boolean;
  /** The database clock at the claim (epoch ms) and `performance.now()` then: see `dbClock`. */
  dbNowMs: number;
  claimedAtPerf: number;
}

/** Current time on the database clock, estimated from the claim: sleeps and deadlines use this clock. */
export function dbClock(run: ClaimedRun): number {
  return run.dbNowMs + (performance.now() - run.claimedAtPerf);
}

export interface ClaimOptions {
  functionIds: readonly string[];
  limit: number;
  leaseMs: number;
  workerId: string;
  /** Also take over runs whose lease expired (workers do this at most once per poll interval). */
  reclaim: boolean;
  /** Whether any of the functions has a concurrency limit (else claims take one statement). */
  keyed: boolean;
}

type ClaimedRow = {
  id: string;
  function_id: string;
  payload: unknown;
  attempt: number;
  max_attempts: number;
  cancel_requested: boolean;
  priority: number;
  deadline_ms: number | null;
  run_at_ms: number;
  created_at_ms: number;
  last_error: string | null;
  db_now_ms: number;
  steps: Record<string, unknown>;
};

/** Namespace of the transaction-scoped advisory locks taken on concurrency keys while claiming. */
const LOCK_NAMESPACE = 'levqor_jobs:concurrency:';

/**
 * Claims up to `limit` runs in one transaction (one statement when no concurrency key is involved):
 * 1. runs whose lease expired (their worker died) are taken over first — they stay `running`, and the
 *    lost attempt counts as a failed one;
 * 2. then due `queued`/`sleeping` runs, highest priority first then oldest `run_at`, locked with
 *    `FOR UPDATE SKIP LOCKED` so concurrent workers never claim the same run.
 * Per-key concurrency: for a candidate with a concurrency key the claimer takes a transaction-scoped
 * advisory lock on the key (try-lock: a key being claimed by another worker right now is skipped, so
 * no deadlock is possible); the next statement — whose snapshot is taken after the locks were granted,
 * so it sees every run committed as running by anyone before — counts the key's running runs and claims
 * only up to the key's limit. The locks are held until commit, so two workers can never both see room
 * for the same slot.
 */
function claimedSet(token: string, leaseMs: number): SQL {
  return sql`
    status = 'running',
    attempt = case when status = 'running' then attempt + 1 else attempt end,
    lease_until = now() + ${leaseMs} * interval '1 millisecond',
    locked_by = ${token},
    updated_at = now()`;
}

/** What a claim returns of each run, recorded steps included (one round trip fewer per run). */
const CLAIMED_COLUMNS = sql`
  id, function_id, payload, attempt, max_attempts, cancel_requested, priority, last_error,
  (extract(epoch from deadline_at) * 1000)::float8 as deadline_ms,
  (extract(epoch from run_at) * 1000)::float8 as run_at_ms,
  (extract(epoch from created_at) * 1000)::float8 as created_at_ms,
  (extract(epoch from clock_timestamp()) * 1000)::float8 as db_now_ms,
  (select coalesce(jsonb_object_agg(s.step_id, s.output), '{}'::jsonb) from engine_steps s
    where s.run_id = engine_runs.id) as steps`;

function toClaimed(rows: readonly ClaimedRow[], token: string, reclaimed: ReadonlySet<string>): ClaimedRun[] {
  const claimedAtPerf = performance.now();
  return rows.map((row) => ({
    id: row.id,
    functionId: row.function_id,
    payload: row.payload,
    steps: new Map(Object.entries(row.steps)),
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    cancelRequested: row.cancel_requested,
    priority: row.priority,
    runAtMs: row.run_at_ms,
    createdAtMs: row.created_at_ms,
    deadlineAt: row.deadline_ms,
    lastError: row.last_error,
    token,
    reclaimed: reclaimed.has(row.id),
    dbNowMs: row.db_now_ms,
    claimedAtPerf,
  }));
}

export async function claimRuns(db: Database, options: ClaimOptions): Promise<ClaimedRun[]> {
  if (options.limit <= 0 || options.functionIds.length === 0) return [];
  const token = `${options.workerId}/${randomBytes(6).toString('hex')}`;
  const functionIds = sql.param([...options.functionIds]);
  if (!options.keyed && !options.reclaim) {
    // No concurrency keys involved: lock and claim the due runs in a single statement.
    const rows = await db.execute<ClaimedRow>(sql`
      with due as materialized (
        select id as due_id from engine_runs
        where status in ('queued', 'sleeping') and run_at <= now() and function_id = any(${functionIds}::text[])
        order by priority desc, run_at, created_at
        limit ${options.limit}
        for update skip locked)
      update engine_runs set ${claimedSet(token, options.leaseMs)}
      from due where engine_runs.id = due.due_id
      returning ${CLAIMED_COLUMNS}`);
    return toClaimed(rows, token, new Set()).sort(
      (a, b) => b.priority - a.priority || a.runAtMs - b.runAtMs || a.createdAtMs - b.createdAtMs,
    );
  }
  return db.transaction(async (tx) => {
    const expired = options.reclaim
      ? (
          await tx.execute<{ id: string }>(sql`
            select id from engine_runs
            where status = 'running' and lease_until < now() and function_id = any(${functionIds}::text[])
            order by lease_until
            limit ${options.limit}
            for update skip locked`)
        ).map((row) => row.id)
      : [];
    const room = options.limit - expired.length;
    let due: string[] = [];
    if (room > 0) {
      // Lock due candidates (skipping full keys), then try-lock the keys of the few selected.
      const candidates = await tx.execute<{ id: string; locked: boolean }>(sql`
        with due as materialized (
          select r.id, r.concurrency_key from engine_runs r
          where r.status in ('queued', 'sleeping') and r.run_at <= now()
            and r.function_id = any(${functionIds}::text[])
            and (r.concurrency_key is null or r.concurrency_limit > (
              select count(*) from engine_runs x where x.concurrency_key = r.concurrency_key and x.status = 'running'))
          order by r.priority desc, r.run_at, r.created_at
          limit ${room * 2}
          for update of r skip locked)
        select id, concurrency_key is null
          or pg_try_advisory_xact_lock(hashtextextended(${LOCK_NAMESPACE} || concurrency_key, 0)) as locked
        from due`);
      due = candidates.filter((row) => row.locked).map((row) => row.id);
    }
    if (due.length === 0 && expired.length === 0) return [];

    // A new statement, so a new snapshot: it sees every run claimed before our key locks were granted.
    const rows = await tx.execute<ClaimedRow>(sql`
      with cand as (
        select id, concurrency_key, concurrency_limit, priority, run_at, created_at,
          row_number() over (partition by concurrency_key order by priority desc, run_at, created_at) as rn
        from engine_runs where id = any(${sql.param(due)}::text[])
      ), busy as (
        select concurrency_key, count(*)::int as n from engine_runs
        where status = 'running' and concurrency_key in (select concurrency_key from cand)
        group by concurrency_key
      ), ok as (
        select c.id as ok_id from cand c left join busy b on b.concurrency_key = c.concurrency_key
        where c.concurrency_key is null or c.rn + coalesce(b.n, 0) <= c.concurrency_limit
        order by c.priority desc, c.run_at, c.created_at
        limit ${room}
      )
      update engine_runs set ${claimedSet(token, options.leaseMs)}
      where id in (select ok_id from ok) or id = any(${sql.param(expired)}::text[])
      returning ${CLAIMED_COLUMNS}`);
    const reclaimed = new Set(expired);
    return toClaimed(rows, token, reclaimed).sort(
      (a, b) =>
        Number(b.reclaimed) - Number(a.reclaimed) ||
        b.priority - a.priority ||
        a.runAtMs - b.runAtMs ||
        a.createdAtMs - b.createdAtMs,
    );
  });
}
