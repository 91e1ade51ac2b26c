import { randomBytes } from 'node:crypto';
import { type Database, sql } from '@levqor/db';

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
}

type CandidateRow = {
  id: string;
  concurrency_key: string | null;
  concurrency_limit: number | null;
};

type ClaimedRow = {
  id: string;
  function_id: string;
  payload: unknown;
  attempt: number;
  max_attempts: number;
  cancel_requested: boolean;
  deadline_ms: number | null;
  last_error: string | null;
  db_now_ms: number;
  steps: Record<string, unknown>;
};

/** Namespace of the transaction-scoped advisory locks taken on concurrency keys while claiming. */
const LOCK_NAMESPACE = 'levqor_jobs:concurrency:';

/**
 * Claims up to `limit` runs in one transaction:
 * 1. runs whose lease expired (their worker died) are taken over first — they stay `running`, and the
 *    lost attempt counts as a failed one;
 * 2. then due `queued`/`sleeping` runs, highest priority first then oldest `run_at`, locked with
 *    `FOR UPDATE SKIP LOCKED` so concurrent workers never claim the same run.
 * Per-key concurrency: for a candidate with a concurrency key the claimer takes a transaction-scoped
 * advisory lock on the key (try-lock: a key being claimed by another worker right now is skipped, so
 * no deadlock is possible), then counts the key's running runs — committed by everyone before the lock
 * was granted — and claims only up to the key's limit. The lock is held until commit, so two workers
 * can never both see room for the same slot.
 */
export async function claimRuns(db: Database, options: ClaimOptions): Promise<ClaimedRun[]> {
  if (options.limit <= 0 || options.functionIds.length === 0) return [];
  const token = `${options.workerId}/${randomBytes(6).toString('hex')}`;
  const functionIds = sql.param([...options.functionIds]);
  return db.transaction(async (tx) => {
    const expired = options.reclaim
      ? await tx.execute<{ id: string }>(sql`
          select id from engine_runs
          where status = 'running' and lease_until < now() and function_id = any(${functionIds}::text[])
          order by lease_until
          limit ${options.limit}
          for update skip locked`)
      : [];
    const chosen = expired.map((row) => row.id);
    const reclaimed = new Set(chosen);

    const room = options.limit - chosen.length;
    if (room > 0) {
      const due = await tx.execute<CandidateRow>(sql`
        select r.id, r.concurrency_key, r.concurrency_limit from engine_runs r
        where r.status in ('queued', 'sleeping') and r.run_at <= now()
          and r.function_id = any(${functionIds}::text[])
          and (r.concurrency_key is null or r.concurrency_limit > (
            select count(*) from engine_runs x where x.concurrency_key = r.concurrency_key and x.status = 'running'))
        order by r.priority desc, r.run_at, r.created_at
        limit ${room * 2}
        for update of r skip locked`);
      const running = new Map<string, number>();
      for (const row of due) {
        if (chosen.length >= options.limit) break;
        const key = row.concurrency_key;
        if (key !== null) {
          let count = running.get(key);
          if (count === undefined) {
            const [lock] = await tx.execute<{ locked: boolean }>(
              sql`select pg_try_advisory_xact_lock(hashtextextended(${LOCK_NAMESPACE + key}, 0)) as locked`,
            );
            if (!lock?.locked) {
              running.set(key, Number.POSITIVE_INFINITY);
              continue;
            }
            const [counted] = await tx.execute<{ n: number }>(
              sql`select count(*)::int as n from engine_runs where concurrency_key = ${key} and status = 'running'`,
            );
            count = counted?.n ?? 0;
          }
          if (count >= (row.concurrency_limit ?? Number.POSITIVE_INFINITY)) {
            running.set(key, count);
            continue;
          }
          running.set(key, count + 1);
        }
        chosen.push(row.id);
      }
    }
    if (chosen.length === 0) return [];

    const rows = await tx.execute<ClaimedRow>(sql`
      update engine_runs set
        status = 'running',
        attempt = case when status = 'running' then attempt + 1 else attempt end,
        lease_until = now() + ${options.leaseMs} * interval '1 millisecond',
        locked_by = ${token},
        updated_at = now()
      where id = any(${sql.param(chosen)}::text[])
      returning id, function_id, payload, attempt, max_attempts, cancel_requested,
        (extract(epoch from deadline_at) * 1000)::float8 as deadline_ms, last_error,
        (extract(epoch from clock_timestamp()) * 1000)::float8 as db_now_ms,
        (select coalesce(jsonb_object_agg(s.step_id, s.output), '{}'::jsonb) from engine_steps s
          where s.run_id = engine_runs.id) as steps`);
    const claimedAtPerf = performance.now();
    const order = new Map(chosen.map((id, index) => [id, index]));
    return rows
      .map(
        (row): ClaimedRun => ({
          id: row.id,
          functionId: row.function_id,
          payload: row.payload,
          steps: new Map(Object.entries(row.steps)),
          attempt: row.attempt,
          maxAttempts: row.max_attempts,
          cancelRequested: row.cancel_requested,
          deadlineAt: row.deadline_ms,
          lastError: row.last_error,
          token,
          reclaimed: reclaimed.has(row.id),
          dbNowMs: row.db_now_ms,
          claimedAtPerf,
        }),
      )
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  });
}
