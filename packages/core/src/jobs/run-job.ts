import { and, type DbOrTx, eq, jobSteps, sql } from '@levqor/db';
import type { EventSender } from '../events/events';
import { STEP_FEES } from '../money/prices';
import { executeStep, type StepResult } from '../steps/execute-step';
import { StepError } from '../steps/step-error';
import type { Step } from '../workflows/step-schema';
import type { TemplateScope } from '../workflows/template';
import type { DurableSteps } from './durable-steps';
import { finalizeJob, succeedWithLastStep } from './finalize-job';
import { type EarlierAttempt, runQuickJob } from './quick-job';
import { readJobAtStart } from './read-at-start';
import { startJob } from './start-job';
import { markStepFailed, markStepRunning, markStepSucceeded } from './step-records';

/** Engine retries for `jobs.run` (attempts = retries + 1). */
export const RUN_JOB_RETRIES = 4;

type StepOutcome = { ok: true; output: unknown } | { ok: false; error: string } | { cancelled: true };

function stepTimeoutMs(step: Step): number {
  if (step.type === 'http') return step.timeout_ms + 5_000;
  if (step.type === 'ai') return 120_000;
  return 60_000;
}

/** Steps evaluated in-process in a moment: recorded once they end (one statement), not also when they start. */
const isQuick = (step: Step) => step.type === 'transform';

/**
 * The product's job handler, engine-agnostic: runs a job's workflow version step by step through
 * `io` (each step memoized by the engine), records every step, honours cancellation between steps,
 * and settles the job. Retryable step errors are rethrown so the engine retries with back-off.
 *
 * Round trips, for a queued job whose steps are all transforms: a read (shared by the runs claimed
 * together, read-at-start.ts), then ONE statement for its start, every step's record, the job's
 * settlement and (local engine, `io.finish`) the run's end (quick-job.ts). Other jobs: the read, the
 * start (idempotent, so not a memoized step), each step's records, the end. A write that finds the job
 * ended (cancelled meanwhile) writes nothing and ends the run.
 */
export async function runJob(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  io: DurableSteps,
): Promise<void> {
  const read = await readJobAtStart(db, jobId);
  if (!read) return;
  /** Steps evaluated by `runQuickJob` before one failed: recorded below, not evaluated again. */
  let evaluated: Map<string, EarlierAttempt> | undefined;
  if (read.quick) {
    const quick = await runQuickJob(db, events, jobId, read, io);
    if (quick.ended) return;
    evaluated = quick.evaluated;
  }
  const started = await startJob(db, jobId, io.attempt);
  if (!started) return;

  const scope: TemplateScope = { input: started.payload, steps: {} };
  let last: unknown = null;
  const replay = started.replay;
  const reused = replay ? started.steps.slice(0, replay.fromStep) : [];
  if (replay && reused.some((s) => !Object.hasOwn(replay.outputs, s.id))) {
    await finalizeJob(
      db,
      events,
      jobId,
      {
        status: 'failed',
        error: `Replay of ${replay.of}: the original job's recorded outputs are gone (deleted); rerun it from step 0`,
      },
      io.finish,
    );
    return;
  }
  // A replay's steps before its from-step are not executed: their recorded outputs (start-job.ts).
  for (const step of reused) {
    const output = replay!.outputs[step.id];
    scope.steps[step.id] = { output };
    last = output;
  }
  for (const step of started.steps.slice(reused.length)) {
    if (step.type === 'delay') {
      const sleeping = await io.step(`${step.id}:begin`, async () =>
        (await markStepRunning(db, jobId, step.id, 'sleeping')) ? { at: Date.now() } : null,
      );
      if (!sleeping) return;
      await io.sleep(step.id, step.duration);
      const woke = await io.step(`${step.id}:end`, async () => {
        const output = { slept_ms: Date.now() - sleeping.at };
        const live = await markStepSucceeded(db, jobId, step.id, {
          output,
          cost: STEP_FEES.delay,
          durationMs: output.slept_ms,
        });
        return live ? output : null;
      });
      if (!woke) return;
      scope.steps[step.id] = { output: woke };
      last = woke;
      continue;
    }
    const quick = isQuick(step);
    // A quick last step is not memoized: its record and the job's end are one round trip (see
    // succeedWithLastStep), and a rerun after that finds the job ended at its start.
    const finishing = quick && step === started.steps.at(-1);
    const execute = async (signal: AbortSignal): Promise<StepOutcome> => {
      const earlier = evaluated?.get(step.id);
      evaluated?.delete(step.id);
      const startedAt = earlier?.startedAt ?? new Date();
      if (!quick && !(await markStepRunning(db, jobId, step.id))) return { cancelled: true };
      const t0 = Date.now();
      const took = () => earlier?.durationMs ?? Date.now() - t0;
      const recordedStart = quick ? { startedAt } : {};
      try {
        const r = earlier
          ? unwrap(earlier)
          : await executeStep(step, scope, { db, workspaceId: started.workspaceId, jobId, signal });
        const success = {
          input: r.input,
          output: r.output,
          cost: r.cost,
          durationMs: took(),
          ...recordedStart,
        };
        const live = finishing
          ? await succeedWithLastStep(db, events, jobId, { id: step.id, success }, io.finish)
          : await markStepSucceeded(db, jobId, step.id, success);
        return live ? { ok: true, output: r.output } : { cancelled: true };
      } catch (err) {
        const retryable = !(err instanceof StepError) || err.retryable;
        const willRetry = retryable && io.attempt < RUN_JOB_RETRIES && !signal.aborted;
        const message = err instanceof Error ? err.message : String(err);
        const live = await markStepFailed(db, jobId, step.id, {
          error: message,
          durationMs: took(),
          willRetry,
          input: err instanceof StepError ? err.input : undefined,
          ...recordedStart,
        });
        if (!live) return { cancelled: true };
        if (willRetry) throw err;
        return { ok: false, error: `Step ${step.id} failed: ${message}` };
      }
    };
    if (finishing && io.signal.aborted) throw io.signal.reason;
    const outcome = finishing
      ? await execute(io.signal)
      : await io.step<StepOutcome>(step.id, ({ signal }) => execute(signal), {
          timeoutMs: stepTimeoutMs(step),
        });
    if ('cancelled' in outcome) return;
    if (finishing && outcome.ok) return; // the job ended with its last step's record
    if (!outcome.ok) {
      // Idempotent (a job ends once): not a memoized step.
      await finalizeJob(db, events, jobId, { status: 'failed', error: outcome.error }, io.finish);
      return;
    }
    scope.steps[step.id] = { output: outcome.output };
    last = outcome.output;
  }
  await finalizeJob(db, events, jobId, { status: 'succeeded', result: last }, io.finish);
}

/** An earlier evaluation's result, or its error thrown again. */
function unwrap(earlier: EarlierAttempt): StepResult {
  if (!earlier.result.ok) throw earlier.result.error;
  return earlier.result.value;
}

/** Called by the engine when `jobs.run` gives up (retries exhausted or timed out). */
export async function failJob(db: DbOrTx, events: EventSender, jobId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db
    .update(jobSteps)
    .set({ status: 'failed', error: sql`coalesce(${jobSteps.error}, ${message})`, finishedAt: new Date() })
    .where(and(eq(jobSteps.jobId, jobId), eq(jobSteps.status, 'running')));
  await finalizeJob(db, events, jobId, { status: 'failed', error: `Gave up after retries: ${message}` });
}
