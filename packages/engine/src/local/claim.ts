import { randomBytes } from 'node:crypto';
import { type Database, type SQL, type SQLWrapper, sql } from '@levqor/db';

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
  /** Attempts lost with their worker (included in `attempt`); they do not use up `maxAttempts`. */
  lostCount: number;
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
  /** Whether any of the functions has a concurrency limit (else the claim skips the key table). */
  keyed: boolean;
  /**
   * Run timeouts by function id: a run's deadline is set by its first claim (one round trip fewer than
   * setting it when the run starts).
   */
  timeouts?: Readonly<Record<string, number>>;
}

type ClaimedRow = {
  id: string;
  function_id: string;
  payload: unknown;
  attempt: number;
  max_attempts: number;
  lost_count: number;
  cancel_requested: boolean;
  priority: number;
  deadline_ms: number | null;
  run_at_ms: number;
  created_at_ms: number;
  last_error: string | null;
  db_now_ms: number;
  steps: Record<string, unknown>;
};

const WAITING = sql.raw(`status in ('queued', 'sleeping')`);

/**
 * Keys a claim looks at, at least: a key's `next_run_at` is a lower bound, so a key can look due with
 * nothing due (its runs were cancelled or deleted); looking at more keys than slots lets one claim both
 * correct such keys and find the ones with work.
 */
const KEYS_PER_CLAIM = 32;

/**
 * How claims work (cost bounded by the runs claimed and the keys with work, never by the backlog):
 * 1. runs whose lease expired (their worker died) are taken over first — they stay `running`, and the
 *    lost attempt counts as a failed one;
 * 2. keys: `engine_concurrency_keys` holds, per concurrency key, a lower bound of its next due time and
 *    when a claim last served it. The claim locks (`FOR UPDATE SKIP LOCKED`) a few keys (at least
 *    `KEYS_PER_CLAIM`) with work due and a free slot (by the snapshot's count: a key at its limit is never
 *    served, so it would stay first in round-robin order and use up the budget), least recently served
 *    first (round-robin across workspaces); a key locked by another claimer is skipped, so no two
 *    claimers fill the same key's slots. A locked key's free slots are its limit less its running runs,
 *    counted by index (at most its limit) with this statement's snapshot. That count is exact when the
 *    key's row is still the version the snapshot sees: every claim that serves a key writes its row, so a
 *    newer version means a claim committed after the snapshot, whose runs the count would miss — such a
 *    key gets no slot this time (the next poll looks again). Intake and runs that start waiting write the
 *    row too, so the same check keeps a claim from recomputing a key's due bound without a run its
 *    snapshot cannot see. A run's end writes nothing here (that would serialize the ends of a key's runs
 *    on its row lock);
 * 3. runs: each locked key's next due runs, highest priority then oldest `run_at` (index
 *    `engine_runs_key_due_idx`), at most its free slots; and due runs without a key (index
 *    `engine_runs_unkeyed_due_idx`), treated as one more key served first on ties;
 * 4. the first runs of every key, then the second ones…, up to `limit`, are set `running` with a lease.
 *    The statement stamps each served key's `last_claimed_at`, and recomputes `next_run_at` of a key
 *    found short of due runs; keys it neither served nor corrected are not written.
 */
function claimedSet(token: string, leaseMs: number, timeouts: Readonly<Record<string, number>> = {}): SQL {
  const deadline = Object.keys(timeouts).length
    ? sql`,
    deadline_at = coalesce(deadline_at,
      clock_timestamp() + (${JSON.stringify(timeouts)}::jsonb ->> function_id)::float8 * interval '1 millisecond')`
    : sql``;
  return sql`
    status = 'running',
    attempt = case when status = 'running' then attempt + 1 else attempt end,
    lost_count = case when status = 'running' then lost_count + 1 else lost_count end,
    lease_until = now() + ${leaseMs} * interval '1 millisecond',
    locked_by = ${token},
    updated_at = now()${deadline}`;
}

/** What a claim returns of each run, recorded steps included (one round trip fewer per run). */
const CLAIMED_COLUMNS = sql`
  id, function_id, payload, attempt, max_attempts, lost_count, cancel_requested, priority, last_error,
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
    lostCount: row.lost_count,
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

/** The claim statement (see above): one round trip for everything a claim does but reclaiming. */
export function claimStatement(opts: {
  functionIds: SQLWrapper;
  room: number;
  keyed: boolean;
  expired: string[];
  token: string;
  leaseMs: number;
  timeouts?: Readonly<Record<string, number>>;
}): SQL {
  const { functionIds, room } = opts;
  const unkeyed = sql`
    select u.id, null::text as concurrency_key,
      row_number() over (order by u.priority desc, u.run_at, u.created_at) as rn, 0::bigint as ord
    from (
      select id, priority, run_at, created_at from engine_runs
      where ${WAITING} and concurrency_key is null and run_at <= now()
        and function_id = any(${functionIds}::text[])
      order by priority desc nulls last, run_at, created_at
      limit ${room}
      for update skip locked) u`;
  const keyedCtes = opts.keyed
    ? sql`
    keys as materialized (
      select key, concurrency_limit, last_claimed_at, xmin::text as version
      from engine_concurrency_keys k
      where next_run_at <= now() and function_id = any(${functionIds}::text[])
        -- Keys at their limit (this snapshot's count) are passed over: unserved, they stay first in
        -- round-robin order and would fill the key budget, hiding every key with a free slot behind them.
        and concurrency_limit > (select count(*) from engine_runs r
          where r.concurrency_key = k.key and r.status = 'running')
      order by last_claimed_at nulls first, key
      limit ${Math.max(room * 4, KEYS_PER_CLAIM)}
      for update skip locked
    ), ranked_keys as (
      select k.key,
        case when k.version = (select s.xmin::text from engine_concurrency_keys s where s.key = k.key)
          then least(greatest(k.concurrency_limit - (select count(*) from engine_runs r
            where r.concurrency_key = k.key and r.status = 'running'), 0), ${room})
          else 0 end as want,
        row_number() over (order by k.last_claimed_at nulls first, k.key) as ord
      from keys k
    ), shares as (
      -- Runs locked per key: enough for an even share of the room over the keys with a free slot (the
      -- claim takes every key's first run before any key's second), not the whole room from each.
      select key, ord, least(want, ceil(${room}::float8
        / greatest(count(*) filter (where want > 0) over (), 1))::int) as take
      from ranked_keys
    ), keyed as materialized (
      select c.id, c.concurrency_key,
        row_number() over (partition by c.concurrency_key order by c.priority desc, c.run_at, c.created_at) as rn,
        k.ord
      from shares k cross join lateral (
        select r.id, r.concurrency_key, r.priority, r.run_at, r.created_at from engine_runs r
        where r.concurrency_key = k.key and r.${WAITING} and r.run_at <= now()
        order by r.priority desc nulls last, r.run_at, r.created_at
        limit k.take
        for update of r skip locked) c
    ),`
    : sql``;
  const candidates = opts.keyed ? sql`select * from keyed union all ${unkeyed}` : unkeyed;
  const served = opts.keyed
    ? sql`, served as (
      update engine_concurrency_keys k set
        last_claimed_at = case when s.picked then clock_timestamp() else k.last_claimed_at end,
        next_run_at = case when s.short
          then (select r.run_at from engine_runs r
                where r.concurrency_key = k.key and r.${WAITING}
                  and r.id <> all(array(select id from picked))
                order by r.run_at limit 1)
          else k.next_run_at end
      from (
        select rk.key,
          exists (select 1 from picked p where p.concurrency_key = rk.key) as picked,
          (select count(*) from keyed c where c.concurrency_key = rk.key) < rk.take as short
        from shares rk
      ) s
      where k.key = s.key and (s.picked or s.short))`
    : sql``;
  return sql`
    with ${keyedCtes} candidates as materialized (${candidates}
    ), picked as materialized (
      select id, concurrency_key from candidates order by rn, ord limit ${room}
    )${served}
    update engine_runs set ${claimedSet(opts.token, opts.leaseMs, opts.timeouts)}
    from (select id as target_id from picked union all select unnest(${sql.param(opts.expired)}::text[])) as target
    where engine_runs.id = target.target_id
    returning ${CLAIMED_COLUMNS}`;
}

export async function claimRuns(db: Database, options: ClaimOptions): Promise<ClaimedRun[]> {
  if (options.limit <= 0 || options.functionIds.length === 0) return [];
  const token = `${options.workerId}/${randomBytes(6).toString('hex')}`;
  const functionIds = sql.param([...options.functionIds]);
  const order = (a: ClaimedRun, b: ClaimedRun) =>
    Number(b.reclaimed) - Number(a.reclaimed) ||
    b.priority - a.priority ||
    a.runAtMs - b.runAtMs ||
    a.createdAtMs - b.createdAtMs;
  const statement = (room: number, expired: string[]) =>
    claimStatement({
      functionIds,
      room,
      keyed: options.keyed,
      expired,
      token,
      leaseMs: options.leaseMs,
      timeouts: options.timeouts,
    });
  if (!options.reclaim) {
    // One statement, no explicit transaction: key locks and slot counts commit with the runs.
    const rows = await db.execute<ClaimedRow>(statement(options.limit, []));
    return toClaimed(rows, token, new Set()).sort(order);
  }
  return db.transaction(async (tx) => {
    const expired = (
      await tx.execute<{ id: string }>(sql`
        select id from engine_runs
        where status = 'running' and lease_until < now() and function_id = any(${functionIds}::text[])
        order by lease_until
        limit ${options.limit}
        for update skip locked`)
    ).map((row) => row.id);
    const room = options.limit - expired.length;
    const rows = await tx.execute<ClaimedRow>(
      room > 0
        ? statement(room, expired)
        : sql`update engine_runs set ${claimedSet(token, options.leaseMs, options.timeouts)}
            where id = any(${sql.param(expired)}::text[]) returning ${CLAIMED_COLUMNS}`,
    );
    return toClaimed(rows, token, new Set(expired)).sort(order);
  });
}
