import { and, type DbOrTx, eq, inArray, jobSteps, jobs, sql } from '@levqor/db';
import type { EventSender } from '../events/events';
import { STEP_FEES } from '../money/prices';
import { executeStep } from '../steps/execute-step';
import { StepError } from '../steps/step-error';
import type { Step } from '../workflows/step-schema';
import type { TemplateScope } from '../workflows/template';
import { stepRowsAtStart, versionStepsById } from './before-start';
import type { DurableSteps } from './durable-steps';
import { finalizeJob } from './finalize-job';
import { recordJobEvent } from './job-events';
import { markStepFailed, markStepRunning, markStepSucceeded } from './step-records';

/** Engine retries for `jobs.run` (attempts = retries + 1). */
export const RUN_JOB_RETRIES = 4;

type StepOutcome = { ok: true; output: unknown } | { ok: false; error: string } | { cancelled: true };

interface Loaded {
  workspaceId: string;
  payload: unknown;
  steps: Step[];
}

async function isEnded(db: DbOrTx, jobId: string): Promise<boolean> {
  const [job] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
  return !job || job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled';
}

/**
 * Moves a queued job to running (once), storing its steps (pending) from its version, and returns
 * what the run needs. Null when it already ended.
 */
async function startJob(db: DbOrTx, jobId: string): Promise<Loaded | null> {
  return db.transaction(async (tx) => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
    if (job?.status !== 'queued' && job?.status !== 'running') return null;
    const loaded = {
      workspaceId: job.workspaceId,
      payload: job.payload,
      steps: await versionStepsById(tx, job.workflowVersionId),
    };
    if (job.status === 'running') return loaded;
    await tx.update(jobs).set({ status: 'running', startedAt: new Date() }).where(eq(jobs.id, jobId));
    // Jobs accepted before steps were stored at start already have theirs.
    if (loaded.steps.length > 0)
      await tx.insert(jobSteps).values(stepRowsAtStart(jobId, loaded.steps)).onConflictDoNothing();
    await recordJobEvent(tx, jobId, 'job.started', 'Job started');
    return loaded;
  });
}

function stepTimeoutMs(step: Step): number {
  if (step.type === 'http') return step.timeout_ms + 5_000;
  if (step.type === 'ai') return 120_000;
  return 60_000;
}

/**
 * The product's job handler, engine-agnostic: runs a job's workflow version step by step through
 * `io` (each step memoized by the engine), records every step, honours cancellation between steps,
 * and settles the job. Retryable step errors are rethrown so the engine retries with back-off.
 */
export async function runJob(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  io: DurableSteps,
): Promise<void> {
  const loaded = await io.step('start', () => startJob(db, jobId));
  if (!loaded) return;
  await db
    .update(jobs)
    .set({ attempts: io.attempt + 1 })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ['queued', 'running'])));

  const scope: TemplateScope = { input: loaded.payload, steps: {} };
  let last: unknown = null;
  for (const step of loaded.steps) {
    if (step.type === 'delay') {
      const sleeping = await io.step(`${step.id}:begin`, async () => {
        if (await isEnded(db, jobId)) return null;
        if (!(await markStepRunning(db, jobId, step.id, 'sleeping'))) return null;
        return { at: Date.now() };
      });
      if (!sleeping) return;
      await io.sleep(step.id, step.duration);
      const woke = await io.step(`${step.id}:end`, async () => {
        if (await isEnded(db, jobId)) return null;
        const output = { slept_ms: Date.now() - sleeping.at };
        const recorded = await markStepSucceeded(db, jobId, step.id, {
          output,
          cost: STEP_FEES.delay,
          durationMs: output.slept_ms,
        });
        return recorded ? output : null;
      });
      if (!woke) return;
      scope.steps[step.id] = { output: woke };
      last = woke;
      continue;
    }
    const outcome = await io.step<StepOutcome>(
      step.id,
      async ({ signal }) => {
        if (await isEnded(db, jobId)) return { cancelled: true };
        if (!(await markStepRunning(db, jobId, step.id))) return { cancelled: true };
        const t0 = Date.now();
        try {
          const r = await executeStep(step, scope, { db, workspaceId: loaded.workspaceId, jobId, signal });
          const recorded = await markStepSucceeded(db, jobId, step.id, {
            input: r.input,
            output: r.output,
            cost: r.cost,
            durationMs: Date.now() - t0,
          });
          // Not recorded: the job ended (was cancelled) while the step ran.
          if (!recorded) return { cancelled: true };
          return { ok: true, output: r.output };
        } catch (err) {
          const retryable = !(err instanceof StepError) || err.retryable;
          const willRetry = retryable && io.attempt < RUN_JOB_RETRIES && !signal.aborted;
          const message = err instanceof Error ? err.message : String(err);
          const recorded = await markStepFailed(db, jobId, step.id, {
            error: message,
            durationMs: Date.now() - t0,
            willRetry,
            input: err instanceof StepError ? err.input : undefined,
          });
          if (!recorded) return { cancelled: true };
          if (willRetry) throw err;
          return { ok: false, error: `Step ${step.id} failed: ${message}` };
        }
      },
      { timeoutMs: stepTimeoutMs(step) },
    );
    if ('cancelled' in outcome) return;
    if (!outcome.ok) {
      await io.step('finish', () =>
        finalizeJob(db, events, jobId, { status: 'failed', error: outcome.error }),
      );
      return;
    }
    scope.steps[step.id] = { output: outcome.output };
    last = outcome.output;
  }
  await io.step('finish', () => finalizeJob(db, events, jobId, { status: 'succeeded', result: last }));
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
