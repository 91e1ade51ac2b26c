import { type DbOrTx, eq, type jobEvents, type jobSteps, type jobs, workflowVersions } from '@levqor/db';
import { TtlMap } from '../cache/ttl-map';
import { centsToUnits, unitsToCents } from '../money/money';
import type { Step } from '../workflows/step-schema';
import { formatCents } from './intake/decide';

type JobRow = typeof jobs.$inferSelect;
type StepRow = typeof jobSteps.$inferSelect;
type EventRow = typeof jobEvents.$inferSelect;

/*
 * Intake stores one row per job (plus its reservation and its engine run). What a job has before it
 * starts is derived from that row and its workflow version: its steps, pending (or cancelled/skipped
 * when the job ended without starting), and the "queued" entry that opens its timeline. The steps
 * are stored when the job starts (`start-job.ts`), and from then on they are the record.
 */

/**
 * The steps of `job` as rows: the stored ones once it started, else derived from its version (read only
 * then) — pending, or cancelled/skipped when it ended without starting.
 */
export async function stepsOfJob(db: DbOrTx, job: JobRow, stored: StepRow[]): Promise<StepRow[]> {
  if (stored.length > 0) return stored;
  const status = job.status === 'cancelled' ? 'cancelled' : job.status === 'failed' ? 'skipped' : 'pending';
  return (await versionStepsById(db, job.workflowVersionId)).map((s, position) => ({
    id: `${job.id}:${s.id}`,
    jobId: job.id,
    stepId: s.id,
    position,
    type: s.type,
    status,
    attempt: 0,
    input: null,
    output: null,
    error: null,
    cost: '0',
    durationMs: null,
    startedAt: null,
    finishedAt: null,
    reusedFromJobId: null,
  }));
}

/**
 * The timeline entry of the job's acceptance, from the job row. Its id is the job's own (`evt_` + the
 * job id's random part), so it is the same on every read.
 */
export function queuedEvent(job: JobRow): EventRow {
  const estimate = centsToUnits(job.estimatedCost);
  return {
    id: `evt_${job.id.slice(job.id.indexOf('_') + 1)}`,
    jobId: job.id,
    type: 'job.queued',
    message: `Queued ${job.workflowSlug} v${job.workflowVersion} (estimate ${formatCents(estimate)})`,
    stepId: null,
    data: { estimated_cost_cents: unitsToCents(estimate), rerun_of: job.rerunOf },
    createdAt: job.createdAt,
  };
}

/** The timeline: the queued entry (unless stored, as intake did before 2026-11), then the stored events. */
export function timelineOf(job: JobRow, stored: EventRow[]): EventRow[] {
  return stored.some((e) => e.type === 'job.queued') ? stored : [queuedEvent(job), ...stored];
}

/** A version's steps never change (an edit makes a new version): they are remembered per process. */
const versionSteps = new TtlMap<string, Step[]>(10 * 60_000, 1_000);

/** The steps of a workflow version (by id); [] when it does not exist. */
export async function versionStepsById(db: DbOrTx, versionId: string): Promise<Step[]> {
  const hit = versionSteps.get(versionId);
  if (hit) return hit;
  const [row] = await db
    .select({ steps: workflowVersions.steps })
    .from(workflowVersions)
    .where(eq(workflowVersions.id, versionId));
  const steps = (row?.steps ?? []) as Step[];
  if (row) versionSteps.set(versionId, steps);
  return steps;
}
