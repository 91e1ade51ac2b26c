import { durationMs } from '@levqor/core';
import { type Database, type DbOrTx, type SQL, sql } from '@levqor/db';
import type { EngineEvent, RunFinish, RunIO, RunLogger } from '../define-function';
import { LeaseLostError } from '../errors';
import { runStepFn, stepIdAllocator, toJson } from '../step-signal';
import { type ClaimedRun, dbClock } from './claim';

/** Thrown by `io.sleep` to park the run until `wakeAt` (epoch ms, database clock). */
export class SleepSignal extends Error {
  override name = 'SleepSignal';
  constructor(readonly wakeAt: number) {
    super('The run is sleeping');
  }
}

export interface LocalIOOptions {
  db: Database;
  run: ClaimedRun;
  /** Recorded steps of the run, by step id. */
  memo: Map<string, unknown>;
  signal: AbortSignal;
  leaseMs: number;
  log: RunLogger;
  /** Step-id prefix: `''` for the handler, `'onFailure/'` for the failure handler. */
  prefix?: string;
  /** Called when recording a step reveals that the run was cancelled meanwhile. */
  onCancelRequested: () => void;
  sendEvents: (tx: DbOrTx, events: EngineEvent[]) => Promise<void>;
  /** The handler's `io.finish` (not offered to the failure handler). */
  finish?: RunFinish;
}

/**
 * Records a step's output, fenced by the lease: the write happens only if this worker still holds the
 * run (`locked_by` = its token), and it renews the lease. Returns whether a cancellation was requested.
 */
export async function recordStep(
  db: DbOrTx,
  run: ClaimedRun,
  stepId: string,
  output: SQL,
  leaseMs: number,
): Promise<{ cancelRequested: boolean; output: unknown }> {
  const [row] = await db.execute<{ owned: boolean; cancel_requested: boolean | null; output: unknown }>(sql`
    with own as (
      update engine_runs set lease_until = now() + ${leaseMs} * interval '1 millisecond', updated_at = now()
      where id = ${run.id} and locked_by = ${run.token} and status = 'running'
      returning cancel_requested
    ), ins as (
      insert into engine_steps (run_id, step_id, output)
      select ${run.id}, ${stepId}, ${output} from own
      on conflict (run_id, step_id) do nothing
      returning output
    )
    select exists (select 1 from own) as owned,
      (select cancel_requested from own) as cancel_requested,
      (select output from ins) as output`);
  if (!row?.owned) throw new LeaseLostError(run.id);
  return { cancelRequested: row.cancel_requested === true, output: row.output };
}

/** The `io` of a run on the local engine. */
export function createLocalIO(options: LocalIOOptions): RunIO {
  const { db, run, memo, signal, leaseMs } = options;
  const allocate = stepIdAllocator(options.prefix);

  const record = async (tx: DbOrTx, stepId: string, output: SQL) => {
    const result = await recordStep(tx, run, stepId, output, leaseMs);
    if (result.cancelRequested) options.onCancelRequested();
    return result.output;
  };

  return {
    runId: run.id,
    attempt: run.attempt - run.lostCount, // failed attempts: one lost with its worker is not counted
    signal,
    log: options.log,
    finish: options.finish,

    async step(id, fn, stepOptions) {
      const stepId = allocate(id);
      if (memo.has(stepId)) return memo.get(stepId) as never;
      const value = toJson(await runStepFn(stepId, fn, signal, stepOptions?.timeoutMs));
      await record(db, stepId, sql`${JSON.stringify(value)}::jsonb`);
      memo.set(stepId, value);
      return value;
    },

    async sleep(id, duration) {
      const stepId = allocate(id);
      const ms = durationMs(duration);
      let recorded = memo.get(stepId) as { wakeAt: number } | undefined;
      if (!recorded) {
        if (signal.aborted) throw signal.reason;
        // The wake-up time is computed on the database clock, the clock that decides when a run is due.
        recorded = (await record(
          db,
          stepId,
          sql`jsonb_build_object('wakeAt', (extract(epoch from clock_timestamp()) * 1000)::float8 + ${ms})`,
        )) as { wakeAt: number };
        memo.set(stepId, recorded);
      }
      if (dbClock(run) < recorded.wakeAt) throw new SleepSignal(recorded.wakeAt);
    },

    async sendEvent(id, events) {
      const stepId = allocate(id);
      if (memo.has(stepId)) return;
      if (signal.aborted) throw signal.reason;
      const list = Array.isArray(events) ? events : [events];
      // Recording the step and enqueuing the events commit together: sent exactly once.
      await db.transaction(async (tx) => {
        await record(tx, stepId, sql`${JSON.stringify({ sent: list.length })}::jsonb`);
        await options.sendEvents(tx, list);
      });
      memo.set(stepId, { sent: list.length });
    },
  };
}
