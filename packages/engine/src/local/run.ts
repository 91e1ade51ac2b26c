import { type Database, type DbOrTx, type SQL, sql } from '@levqor/db';
import { reportError } from '@levqor/observability/sentry';
import { type BackoffOptions, backoffMs } from '../backoff';
import type { EngineEvent, FunctionDefinition, RunLogger } from '../define-function';
import {
  CancelledError,
  LeaseLostError,
  NonRetriableError,
  RunTimeoutError,
  reviveError,
  type StoredError,
  toError,
  WorkerStoppingError,
} from '../errors';
import { createLogger, errorFields, type LogSink } from '../log';
import type { Registry } from '../registry';
import { toJson } from '../step-signal';
import { type ClaimedRun, dbClock } from './claim';
import { createLocalIO, recordStep, SleepSignal } from './io';

/** Reserved step holding the failure of a run whose failure handler is running (or has run). */
const FAILURE_STEP = '__levqor:failure';

/**
 * A run whose worker died (SIGKILL, OOM, power) is taken over when its lease expires. Such a lost
 * attempt does not use up the function's retries — a crash is not the run's fault — but a run that
 * loses its worker this many times is failed, so a run that kills every worker cannot loop forever.
 */
export const MAX_LOST_ATTEMPTS = 10;

export interface ExecDeps {
  db: Database;
  registry: Registry;
  leaseMs: number;
  backoff: BackoffOptions;
  sink: LogSink;
  sendEvents: (tx: DbOrTx, events: EngineEvent[]) => Promise<void>;
}

/** How the worker reaches into a running run: abort it, and tell whether cancellation still applies. */
export interface RunControl {
  controller: AbortController;
  /** Set while the failure handler runs: a cancellation can no longer stop a failing run. */
  failing: boolean;
}

export type RunOutcome = 'succeeded' | 'failed' | 'cancelled' | 'retrying' | 'sleeping' | 'released' | 'lost';

/** Ends this worker's hold on the run with `set`, fenced by the lease token. False if the lease was lost. */
async function settle(db: Database, run: ClaimedRun, set: SQL): Promise<boolean> {
  const rows = await db.execute<{ id: string }>(settleSql(run, set, sql`true`));
  return rows.length > 0;
}

/** The statement of `settle`, applying only when `when` holds (`io.finish` folds it into the handler's). */
function settleSql(run: ClaimedRun, set: SQL, when: SQL): SQL {
  return sql`
    update engine_runs set ${set}, lease_until = null, locked_by = null, updated_at = now()
    where id = ${run.id} and locked_by = ${run.token} and status = 'running' and (${when})
    returning id`;
}

/**
 * Executes one claimed run to its next resting point: success, a retry in the queue, a sleep, a
 * cancellation, or a failure (after the failure handler). Every write is fenced by the lease token, so a
 * worker that lost its lease (another worker reclaimed the run) can no longer change the run.
 */
export async function executeRun(deps: ExecDeps, run: ClaimedRun, control: RunControl): Promise<RunOutcome> {
  const { db } = deps;
  const def = deps.registry.get(run.functionId);
  const log = createLogger(deps.sink, { runId: run.id, functionId: run.functionId });
  if (!def) {
    await settle(db, run, sql`status = 'failed', finished_at = now(), last_error = 'Unknown job function'`);
    return 'failed';
  }
  const parsed = def.payload.safeParse(run.payload);
  if (!parsed.success) {
    const message = `Invalid payload: ${parsed.error.message}`;
    log.error('run failed: invalid payload', { error: message });
    await settle(db, run, sql`status = 'failed', finished_at = now(), last_error = ${message}`);
    return 'failed';
  }
  const payload = parsed.data;
  if (run.cancelRequested) return (await settleCancelled(db, run)) ? 'cancelled' : 'lost';

  const memo = run.steps;
  const failure = memo.get(FAILURE_STEP) as StoredError | undefined;
  if (failure) return fail(deps, def, run, control, memo, payload, reviveError(failure), log, false);
  if (run.lostCount >= MAX_LOST_ATTEMPTS) {
    const lost = new Error(
      `The worker running this run was lost ${run.lostCount} times (its lease expired each time)`,
    );
    return fail(deps, def, run, control, memo, payload, lost, log, false);
  }

  let deadlineTimer: NodeJS.Timeout | undefined;
  if (def.timeoutMs !== undefined) {
    const deadline = run.deadlineAt ?? (await startDeadline(db, run, def.timeoutMs));
    const remaining = deadline - dbClock(run);
    // The error is made when needed: an Error per run (its stack trace) showed in the drain's profile.
    const timeout = () => new RunTimeoutError(def.timeoutMs!);
    if (remaining <= 0) return fail(deps, def, run, control, memo, payload, timeout(), log, true);
    deadlineTimer = setTimeout(() => control.controller.abort(timeout()), remaining);
  }

  const { signal } = control.controller;
  let endedByHandler = false;
  const io = createLocalIO({
    db,
    run,
    memo,
    signal,
    leaseMs: deps.leaseMs,
    log,
    onCancelRequested: () => control.controller.abort(new CancelledError()),
    sendEvents: deps.sendEvents,
    finish: {
      statement: (when) =>
        settleSql(run, sql`status = 'succeeded', finished_at = now(), output = 'null'::jsonb`, when),
      ended: () => {
        endedByHandler = true;
      },
    },
  });
  try {
    const returned = await def.handler({ payload, io });
    if (endedByHandler) return 'succeeded';
    const output = toJson(returned);
    const done = await settle(
      db,
      run,
      sql`status = 'succeeded', finished_at = now(), output = ${JSON.stringify(output)}::jsonb`,
    );
    return done ? 'succeeded' : 'lost';
  } catch (thrown) {
    const reason: unknown = signal.aborted ? signal.reason : thrown;
    if (reason instanceof SleepSignal) {
      const parked = await settle(
        db,
        run,
        sql`status = 'sleeping', run_at = least(to_timestamp(${reason.wakeAt / 1000}), deadline_at)`,
      );
      return parked ? 'sleeping' : 'lost';
    }
    if (reason instanceof LeaseLostError) return 'lost';
    if (reason instanceof WorkerStoppingError) return (await release(db, run)) ? 'released' : 'lost';
    if (reason instanceof CancelledError) return (await settleCancelled(db, run)) ? 'cancelled' : 'lost';
    const error = toError(reason);
    const final =
      error instanceof RunTimeoutError ||
      error instanceof NonRetriableError ||
      run.attempt - run.lostCount + 1 >= run.maxAttempts;
    if (final) return fail(deps, def, run, control, memo, payload, error, log, true);
    const delay = backoffMs(run.attempt + 1, deps.backoff);
    log.warn('attempt failed, retrying', { ...errorFields(error), attempt: run.attempt, retryInMs: delay });
    const queued = await settle(
      db,
      run,
      sql`status = 'queued', attempt = attempt + 1, last_error = ${error.message},
        run_at = least(now() + ${delay} * interval '1 millisecond', deadline_at)`,
    );
    return queued ? 'retrying' : 'lost';
  } finally {
    clearTimeout(deadlineTimer);
  }
}

async function startDeadline(db: Database, run: ClaimedRun, timeoutMs: number): Promise<number> {
  const [row] = await db.execute<{ deadline_ms: number }>(sql`
    update engine_runs set deadline_at = coalesce(deadline_at, clock_timestamp() + ${timeoutMs} * interval '1 millisecond')
    where id = ${run.id} and locked_by = ${run.token}
    returning (extract(epoch from deadline_at) * 1000)::float8 as deadline_ms`);
  if (!row) throw new LeaseLostError(run.id);
  return row.deadline_ms;
}

function settleCancelled(db: Database, run: ClaimedRun): Promise<boolean> {
  return settle(db, run, sql`status = 'cancelled', finished_at = now()`);
}

/** Gives the run back to the queue untouched (graceful shutdown): the next claim continues it. */
export function release(db: Database, run: ClaimedRun): Promise<boolean> {
  return settle(db, run, sql`status = 'queued', run_at = now()`);
}

/**
 * The failure path, run once per run: records the failure (so a crash from here on resumes here, not
 * in the handler), runs `onFailure` with its own memoized steps, then marks the run failed.
 */
async function fail(
  deps: ExecDeps,
  def: FunctionDefinition,
  run: ClaimedRun,
  control: RunControl,
  memo: Map<string, unknown>,
  payload: unknown,
  error: Error,
  log: RunLogger,
  countAttempt: boolean,
): Promise<RunOutcome> {
  const { db } = deps;
  control.failing = true;
  if (!memo.has(FAILURE_STEP)) {
    const stored: StoredError = { name: error.name, message: error.message };
    try {
      await db.transaction(async (tx) => {
        await recordStep(tx, run, FAILURE_STEP, sql`${JSON.stringify(stored)}::jsonb`, deps.leaseMs);
        await tx.execute(sql`
          update engine_runs set last_error = ${error.message},
            attempt = attempt + ${countAttempt ? 1 : 0}
          where id = ${run.id}`);
      });
    } catch (recordError) {
      if (recordError instanceof LeaseLostError) return 'lost';
      throw recordError;
    }
  }
  log.error('run failed', { ...errorFields(error), attempt: run.attempt });
  reportError(error);
  if (def.onFailure) {
    // A fresh signal: the run's own may already be aborted (job timeout).
    control.controller = new AbortController();
    const { signal } = control.controller;
    const io = createLocalIO({
      db,
      run,
      memo,
      signal,
      leaseMs: deps.leaseMs,
      log,
      prefix: 'onFailure/',
      onCancelRequested: () => {},
      sendEvents: deps.sendEvents,
    });
    try {
      await def.onFailure({ payload, error, io });
    } catch (thrown) {
      const reason: unknown = signal.aborted ? signal.reason : thrown;
      if (reason instanceof SleepSignal) {
        const parked = await settle(
          db,
          run,
          sql`status = 'sleeping', run_at = to_timestamp(${reason.wakeAt / 1000})`,
        );
        return parked ? 'sleeping' : 'lost';
      }
      if (reason instanceof LeaseLostError) return 'lost';
      if (reason instanceof WorkerStoppingError) return (await release(db, run)) ? 'released' : 'lost';
      log.error('onFailure threw', errorFields(reason));
    }
  }
  const failed = await settle(db, run, sql`status = 'failed', finished_at = now()`);
  return failed ? 'failed' : 'lost';
}
