import { hostname } from 'node:os';
import { closeDb, createDb, type Database, type DbOrTx, sql } from '@levqor/db';
import { withContext } from '@levqor/observability/context';
import type { BackoffOptions } from '../backoff';
import type { EngineEvent } from '../define-function';
import { CancelledError, LeaseLostError, WorkerStoppingError } from '../errors';
import { errorFields, jsonLineSink, type LogSink, runContext } from '../log';
import type { Registry } from '../registry';
import { type ClaimedRun, claimRuns } from './claim';
import { scheduleCronTicks } from './cron';
import { PRESENCE_INTERVAL_MS, recordPresence, removePresence } from './presence';
import { executeRun, type RunControl, type RunOutcome, release } from './run';
import { NOTIFY_CHANNEL, sendLocal } from './send';

export interface WorkerOptions {
  /** A database handle, or `url` to let the worker open (and close) its own. */
  db?: Database;
  url?: string;
  registry: Registry;
  /** Runs executed at once (slots). Default 4. */
  concurrency?: number;
  /**
   * Where a live value of the concurrency comes from (the `worker.concurrency` flag), read every
   * `concurrencyRefreshMs`; null keeps `concurrency`. Bounded to 1–`maxConcurrency`.
   */
  concurrencyFrom?: (db: Database) => Promise<number | null>;
  /** Upper bound of a live concurrency (and of the worker's own pool). Default max(concurrency, 32). */
  maxConcurrency?: number;
  /** How often `concurrencyFrom` is read. Default 5 s. */
  concurrencyRefreshMs?: number;
  /** Lease length; renewed every third of it while a run executes. Default 30 s. */
  leaseMs?: number;
  /** Longest idle wait between looks at the queue (NOTIFY usually wakes the worker first). Default 1 s. */
  pollMs?: number;
  workerId?: string;
  backoff?: BackoffOptions;
  /** How long `stop()` lets running runs finish before giving them back. Default 10 s. */
  graceMs?: number;
  /** How often cron schedules are checked. Default 1 s. */
  cronIntervalMs?: number;
  /** How often a started worker records itself in `engine_workers` (readiness). Default 5 s. */
  presenceIntervalMs?: number;
  log?: LogSink;
}

export interface DrainOptions {
  /**
   * Also wait for runs due later (sleeps, back-offs) and runs held by other workers. Default false.
   * Cron ticks scheduled for later are not waited for.
   */
  settle?: boolean;
  /** Throws if the queue has not drained by then. Default 60 s. */
  timeoutMs?: number;
}

export interface Worker {
  readonly id: string;
  /** Starts the claim loop, LISTEN wake-ups, heartbeats and the cron scheduler. */
  start(): Promise<void>;
  /** Stops claiming, lets running runs finish for up to `graceMs`, then gives the rest back. */
  stop(options?: { graceMs?: number }): Promise<void>;
  /**
   * For tests and scripts (worker not started): executes due runs of this registry until none is due and
   * none is running here. Returns how many runs it executed.
   */
  drain(options?: DrainOptions): Promise<number>;
  /** Runs in progress in this worker. */
  readonly activeCount: number;
  /** The slots in force now (`concurrency`, or the live value of `concurrencyFrom`). */
  readonly concurrency: number;
  /** Reads `concurrencyFrom` now (also done every `concurrencyRefreshMs` while started). */
  refreshConcurrency(): Promise<void>;
}

interface ActiveRun {
  run: ClaimedRun;
  control: RunControl;
  done: Promise<RunOutcome | undefined>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits for `promise`, at most `ms`; the timer never outlives the wait (a stopping process can exit). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** A local-engine worker: executes the registry's runs from PostgreSQL. Several may share a database. */
export function createWorker(options: WorkerOptions): Worker {
  if (!options.db && !options.url) throw new Error('createWorker needs a db or a url');
  const baseConcurrency = Math.max(1, options.concurrency ?? 4);
  const maxConcurrency = Math.max(baseConcurrency, options.maxConcurrency ?? 32);
  let concurrency = baseConcurrency;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 1_000;
  const graceMs = options.graceMs ?? 10_000;
  const cronIntervalMs = options.cronIntervalMs ?? 1_000;
  const sink = options.log ?? jsonLineSink;
  const workerId =
    options.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const registry = options.registry;
  const functionIds = registry.definitions.map((def) => def.id);
  const keyed = registry.definitions.some((def) => def.concurrency !== undefined);
  const timeouts = Object.fromEntries(
    registry.definitions.flatMap((def) => (def.timeoutMs === undefined ? [] : [[def.id, def.timeoutMs]])),
  );
  const ownsDb = !options.db;
  const db =
    options.db ??
    createDb(options.url!, {
      max: (options.concurrencyFrom ? maxConcurrency : baseConcurrency) + 4,
      appName: `levqor-worker:${workerId}`,
    });

  const active = new Map<string, ActiveRun>();
  const cronScheduled = new Map<string, number>();
  let executed = 0;
  let running = false;
  let stopping = false;
  let loopDone: Promise<void> | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let cronTimer: NodeJS.Timeout | undefined;
  let presenceTimer: NodeJS.Timeout | undefined;
  let concurrencyTimer: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let lastReclaim = 0;

  const log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) =>
    sink(level, { workerId, msg, ...data });

  const deps = {
    db,
    registry,
    leaseMs,
    backoff: options.backoff ?? {},
    sink,
    sendEvents: (tx: DbOrTx, events: EngineEvent[]) => sendLocal(tx, registry, events),
  };

  function wake() {
    woken = true;
    wakeUp?.();
  }

  /** Waits up to `ms` or until woken (NOTIFY, a finished run, stop). */
  function waitForWake(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  function launch(run: ClaimedRun) {
    const control: RunControl = { controller: new AbortController(), failing: false };
    const entry: ActiveRun = { run, control, done: Promise.resolve(undefined) };
    active.set(run.id, entry);
    // Every log line and error report of the run carries its ids (run, function, job, workspace).
    entry.done = withContext(runContext(run), () => executeRun(deps, run, control))
      .catch((error: unknown) => {
        // A database error mid-run: the lease will expire and another claim resumes the run.
        log('error', 'run execution error', { runId: run.id, ...errorFields(error) });
        return undefined;
      })
      .finally(() => {
        active.delete(run.id);
        executed += 1;
        wake();
      });
  }

  async function claimAndLaunch(): Promise<number> {
    const free = concurrency - active.size;
    if (free <= 0) return 0;
    // Expired leases are rare: look for them at most once per poll interval, not on every claim.
    const reclaim = Date.now() - lastReclaim >= Math.min(pollMs, leaseMs);
    if (reclaim) lastReclaim = Date.now();
    const runs = await claimRuns(db, {
      functionIds,
      limit: free,
      leaseMs,
      workerId,
      reclaim,
      keyed,
      timeouts,
    });
    for (const run of runs) launch(run);
    return runs.length;
  }

  /**
   * Milliseconds until the next run of this registry becomes due (or a foreign lease expires), from the
   * keys' next due times and the unkeyed runs — never a scan of a key's backlog. Runs due already but
   * not claimable (their key is at its limit) are not counted: the poll retries those.
   */
  async function msUntilNextDue(): Promise<number> {
    const ids = sql.param(functionIds);
    const [row] = await db.execute<{ ms: number | null }>(sql`
      select (extract(epoch from least(
        (select min(next_run_at) from engine_concurrency_keys
          where next_run_at > now() and function_id = any(${ids}::text[])),
        -- A key with a free slot and work due that the claim skipped (its row was locked or had changed
        -- under another claim): look again shortly. At most 64 due keys are looked at (a key at its
        -- limit counts at most its limit of running runs, by index).
        (select now() + interval '20 milliseconds' where exists (
          select 1 from (select key, concurrency_limit from engine_concurrency_keys
            where next_run_at <= now() and function_id = any(${ids}::text[]) limit 64) k
          where k.concurrency_limit > (select count(*) from engine_runs r
            where r.concurrency_key = k.key and r.status = 'running'))),
        (select min(run_at) from engine_runs
          where status in ('queued', 'sleeping') and concurrency_key is null and run_at > now()
            and function_id = any(${ids}::text[])),
        (select min(lease_until) from engine_runs
          where status = 'running' and lease_until > now() and function_id = any(${ids}::text[])
            and locked_by not like ${`${workerId}/%`})
      ) - now()) * 1000)::float8 as ms`);
    return Math.max(1, row?.ms ?? Number.POSITIVE_INFINITY);
  }

  /** Renews the leases of running runs; aborts runs whose lease was lost or that were cancelled. */
  async function heartbeat() {
    const entries = [...active.values()];
    if (entries.length === 0) return;
    const rows = await db.execute<{ id: string; cancel_requested: boolean }>(sql`
      update engine_runs r set lease_until = now() + ${leaseMs} * interval '1 millisecond'
      from unnest(${sql.param(entries.map((e) => e.run.id))}::text[], ${sql.param(entries.map((e) => e.run.token))}::text[]) as t(id, token)
      where r.id = t.id and r.locked_by = t.token and r.status = 'running'
      returning r.id, r.cancel_requested`);
    const owned = new Map(rows.map((row) => [row.id, row.cancel_requested]));
    for (const entry of entries) {
      if (active.get(entry.run.id) !== entry) continue;
      const cancelRequested = owned.get(entry.run.id);
      if (cancelRequested === undefined) entry.control.controller.abort(new LeaseLostError(entry.run.id));
      else if (cancelRequested && !entry.control.failing)
        entry.control.controller.abort(new CancelledError());
    }
  }

  function safely(name: string, fn: () => Promise<unknown>) {
    return fn().catch((error: unknown) => log('error', `${name} failed`, errorFields(error)));
  }

  /** Reads the live concurrency; a change applies to the next claim (running runs go on). */
  async function refreshConcurrency() {
    if (!options.concurrencyFrom) return;
    const live = await options.concurrencyFrom(db);
    const next = live === null ? baseConcurrency : Math.min(maxConcurrency, Math.max(1, Math.round(live)));
    if (next === concurrency) return;
    log('info', 'concurrency changed', {
      from: concurrency,
      to: next,
      source: live === null ? 'default' : 'flag',
    });
    concurrency = next;
    wake();
  }

  async function loop() {
    while (!stopping) {
      try {
        const free = concurrency - active.size;
        const claimed = await claimAndLaunch();
        if (free > 0 && claimed === free) continue;
        const wait = claimed < free ? Math.min(pollMs, await msUntilNextDue()) : pollMs;
        await waitForWake(wait);
      } catch (error) {
        log('error', 'claim loop error', errorFields(error));
        await waitForWake(pollMs);
      }
    }
  }

  return {
    id: workerId,
    get activeCount() {
      return active.size;
    },
    get concurrency() {
      return concurrency;
    },
    refreshConcurrency: () => refreshConcurrency(),

    async start() {
      if (running) return;
      running = true;
      stopping = false;
      const listener = await db.$client.listen(NOTIFY_CHANNEL, (payload) => {
        if (payload === 'cancel') void safely('heartbeat', heartbeat);
        else wake();
      });
      unlisten = () => listener.unlisten();
      const present = () => safely('presence', () => recordPresence(db, { id: workerId }));
      await present();
      presenceTimer = setInterval(() => void present(), options.presenceIntervalMs ?? PRESENCE_INTERVAL_MS);
      heartbeatTimer = setInterval(() => void safely('heartbeat', heartbeat), Math.max(50, leaseMs / 3));
      if (registry.crons.length > 0) {
        const tick = () =>
          safely('cron', async () => {
            if ((await scheduleCronTicks(db, registry.crons, cronScheduled)) > 0) wake();
          });
        await tick();
        cronTimer = setInterval(() => void tick(), cronIntervalMs);
      }
      if (options.concurrencyFrom) {
        await safely('concurrency', refreshConcurrency);
        concurrencyTimer = setInterval(
          () => void safely('concurrency', refreshConcurrency),
          options.concurrencyRefreshMs ?? 5_000,
        );
      }
      loopDone = loop();
      log('info', 'worker started', { concurrency, functions: functionIds.length });
    },

    async stop(stopOptions = {}) {
      stopping = true;
      clearInterval(cronTimer);
      clearInterval(concurrencyTimer);
      clearInterval(presenceTimer);
      wake();
      await loopDone;
      await unlisten?.().catch(() => {});
      const grace = stopOptions.graceMs ?? graceMs;
      const pending = () => Promise.all([...active.values()].map((entry) => entry.done));
      await within(pending(), grace);
      if (active.size > 0) {
        log('warn', 'grace period over: giving running runs back', { runs: active.size });
        for (const entry of active.values()) entry.control.controller.abort(new WorkerStoppingError());
        await within(pending(), 2_000);
        // Runs whose code ignored the abort: release them anyway; their late writes are fenced off.
        for (const entry of active.values()) await safely('release', () => release(db, entry.run));
      }
      clearInterval(heartbeatTimer);
      await safely('presence', () => removePresence(db, workerId));
      running = false;
      if (ownsDb) await closeDb(db);
      log('info', 'worker stopped');
    },

    async drain(drainOptions = {}) {
      if (running) throw new Error('drain() is for a worker that was not started');
      const deadline = Date.now() + (drainOptions.timeoutMs ?? 60_000);
      const startCount = executed;
      heartbeatTimer = setInterval(() => void safely('heartbeat', heartbeat), Math.max(50, leaseMs / 3));
      try {
        while (true) {
          if (Date.now() > deadline)
            throw new Error(`drain() timed out with ${active.size} runs in progress`);
          const free = concurrency - active.size;
          const ended = executed;
          const claimed = await claimAndLaunch();
          if (claimed > 0 && claimed === free) {
            await waitForWake(pollMs);
            continue;
          }
          if (active.size > 0) {
            await waitForWake(pollMs);
            continue;
          }
          // Runs that ended during the claim may still have counted as running in its snapshot (their
          // key looked full): look again.
          if (claimed > 0 || executed !== ended) continue;
          if (!drainOptions.settle) break;
          const ids = sql.param(functionIds);
          const [row] = await db.execute<{ n: number }>(sql`
            select count(*)::int as n from engine_runs
            where function_id = any(${ids}::text[]) and status in ('queued', 'sleeping', 'running')
              and not (status = 'queued' and coalesce(dedupe_key, '') like 'cron:%' and run_at > now())`);
          if (!row?.n) break;
          await sleep(Math.max(5, Math.min(pollMs, await msUntilNextDue())));
        }
      } finally {
        clearInterval(heartbeatTimer);
      }
      return executed - startCount;
    },
  };
}
