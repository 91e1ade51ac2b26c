import type { DbOrTx } from '@levqor/db';
import type { EventSender } from '../events/events';
import { executeStep, type StepResult } from '../steps/execute-step';
import type { TemplateScope } from '../workflows/template';
import type { DurableSteps } from './durable-steps';
import { startAndSucceed } from './finalize-job';
import type { JobAtStart } from './read-at-start';
import type { RecordedStep } from './step-records';

/** A step evaluated by `runQuickJob` and not recorded: its result, or what it threw. */
export interface EarlierAttempt {
  startedAt: Date;
  durationMs: number;
  result: { ok: true; value: StepResult } | { ok: false; error: unknown };
}

export type QuickOutcome =
  | { ended: true }
  /** A step failed. Nothing was written; the steps evaluated so far, by step id, failed one included. */
  | { ended: false; evaluated: Map<string, EarlierAttempt> };

/**
 * A quick job (read-at-start.ts: queued, every step a transform): its steps run in memory,
 * then ONE statement writes its start, every step's record and its end (and the run's end). Nothing
 * is written before that statement: a worker that dies meanwhile leaves the job queued, and the run's
 * next attempt evaluates the (pure) steps again.
 *
 * When a step fails, nothing is written: the caller starts the job for real and records the steps
 * evaluated here (the failure too) the usual way, without evaluating them again. `ended`: the job ended
 * here, or had ended already (cancelled meanwhile).
 */
export async function runQuickJob(
  db: DbOrTx,
  events: EventSender,
  jobId: string,
  job: JobAtStart,
  io: DurableSteps,
): Promise<QuickOutcome> {
  const startedAt = new Date();
  const scope: TemplateScope = { input: job.payload, steps: {} };
  const steps: RecordedStep[] = [];
  const evaluated = new Map<string, EarlierAttempt>();
  for (const [position, step] of job.steps.entries()) {
    if (io.signal.aborted) throw io.signal.reason;
    if (step.type === 'delay') throw new Error(`Step ${step.id} is not quick`); // start-job.ts defers transforms only
    const stepStartedAt = new Date();
    const durationMs = () => Date.now() - stepStartedAt.getTime();
    let value: StepResult;
    try {
      value = await executeStep(step, scope, { db, workspaceId: job.workspaceId, jobId, signal: io.signal });
    } catch (error) {
      if (io.signal.aborted) throw io.signal.reason;
      evaluated.set(step.id, {
        startedAt: stepStartedAt,
        durationMs: durationMs(),
        result: { ok: false, error },
      });
      return { ended: false, evaluated };
    }
    const took = durationMs();
    evaluated.set(step.id, { startedAt: stepStartedAt, durationMs: took, result: { ok: true, value } });
    steps.push({
      id: step.id,
      type: step.type,
      position,
      success: {
        input: value.input,
        output: value.output,
        cost: value.cost,
        durationMs: took,
        startedAt: stepStartedAt,
      },
    });
    scope.steps[step.id] = { output: value.output };
  }
  await startAndSucceed(db, events, jobId, { at: startedAt, attempt: io.attempt, steps }, io.finish);
  return { ended: true };
}
