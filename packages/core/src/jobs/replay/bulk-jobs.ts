import { and, type DbOrTx, eq, inArray, jobs } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../../errors';
import type { EventSender } from '../../events/events';
import { TERMINAL } from '../finalize-job';
import { matchingJobs, ZJobFilter } from '../list-jobs';
import { cancelJob } from '../manage-jobs';
import { type ReplayContext, replayJob } from './replay-job';

/** The most jobs one bulk request acts on. */
export const MAX_BULK_JOBS = 500;
/** Cancellations in flight at once (one short transaction each; the pool keeps room for other requests). */
const CANCEL_CONCURRENCY = 4;
/** Replays submitted together (intake commits concurrent submissions of a workspace as one batch). */
const RERUN_CONCURRENCY = 25;

export const ZBulkSelection = z
  .object({
    ids: z
      .array(z.string().min(1).max(64))
      .min(1, 'ids needs at least one job id')
      .max(MAX_BULK_JOBS, `at most ${MAX_BULK_JOBS} job ids per request`)
      .optional()
      .describe('The jobs to act on (job_…)'),
    filter: ZJobFilter.optional().describe(
      `Every job matching this filter (the list's filters); refused when more than ${MAX_BULK_JOBS} match`,
    ),
  })
  .describe('Either ids or filter (exactly one)');
export type BulkSelection = z.input<typeof ZBulkSelection>;

export const ZBulkRerunInput = ZBulkSelection.extend({
  from: z
    .enum(['failed', 'start'])
    .default('failed')
    .describe(
      '"failed": replay each failed or cancelled job from its failed step (succeeded ones are skipped); "start": rerun every ended job from its first step',
    ),
});
export type BulkRerunInput = z.input<typeof ZBulkRerunInput>;

const ZRefusal = z.object({ id: z.string(), type: z.string(), detail: z.string() });

export const ZBulkCancelResult = z
  .object({
    matched: z.number().int().describe('Jobs of this workspace selected'),
    cancelled: z.array(z.string()).describe('Jobs cancelled now'),
    skipped: z.array(z.string()).describe('Jobs that had already ended'),
    not_found: z.array(z.string()).describe('Requested ids that are not jobs of this workspace'),
  })
  .meta({ id: 'BulkCancelResult' });
export type BulkCancelResult = z.infer<typeof ZBulkCancelResult>;

export const ZBulkRerunResult = z
  .object({
    matched: z.number().int().describe('Jobs of this workspace selected'),
    rerun: z.array(z.object({ of: z.string(), id: z.string() })).describe('The new jobs, by original'),
    skipped: z
      .array(z.string())
      .describe('Jobs not rerun: still queued or running, or (from "failed") succeeded'),
    refused: z
      .array(ZRefusal)
      .describe('Jobs whose rerun was refused, with the problem type (e.g. budget-exceeded)'),
    not_found: z.array(z.string()).describe('Requested ids that are not jobs of this workspace'),
  })
  .meta({ id: 'BulkRerunResult' });
export type BulkRerunResult = z.infer<typeof ZBulkRerunResult>;

type Selected = { id: string; status: (typeof jobs.$inferSelect)['status'] };

/** The workspace's jobs a selection names (never another workspace's), and the ids it does not know. */
async function select(
  db: DbOrTx,
  workspaceId: string,
  raw: BulkSelection,
): Promise<{ jobs: Selected[]; notFound: string[] }> {
  const selection = ZBulkSelection.parse(raw);
  if ((selection.ids === undefined) === (selection.filter === undefined))
    throw new DomainError('validation', 'Give either ids or filter (exactly one) to select the jobs');
  if (selection.ids) {
    const ids = [...new Set(selection.ids)];
    const found = await db
      .select({ id: jobs.id, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.workspaceId, workspaceId), inArray(jobs.id, ids)));
    const known = new Set(found.map((j) => j.id));
    return { jobs: found, notFound: ids.filter((id) => !known.has(id)) };
  }
  const found = await matchingJobs(db, workspaceId, selection.filter!, MAX_BULK_JOBS + 1);
  if (found.length > MAX_BULK_JOBS)
    throw new DomainError(
      'bulk-limit-exceeded',
      `More than ${MAX_BULK_JOBS} jobs match this filter; one request acts on at most ${MAX_BULK_JOBS}. Narrow the filter (status, workflow, date range) or send ids.`,
      { limit: MAX_BULK_JOBS },
    );
  return { jobs: found, notFound: [] };
}

const isEnded = (j: Selected) => TERMINAL.includes(j.status);

/** Cancels the selected jobs that are queued or running (sleeping included); ended ones are skipped. */
export async function bulkCancelJobs(
  db: DbOrTx,
  opts: { workspaceId: string; events: EventSender; selection: BulkSelection },
): Promise<BulkCancelResult> {
  const { jobs: selected, notFound } = await select(db, opts.workspaceId, opts.selection);
  const result: BulkCancelResult = {
    matched: selected.length,
    cancelled: [],
    skipped: [],
    not_found: notFound,
  };
  const live = selected.filter((j) => {
    if (isEnded(j)) result.skipped.push(j.id);
    return !isEnded(j);
  });
  for (let i = 0; i < live.length; i += CANCEL_CONCURRENCY) {
    const chunk = live.slice(i, i + CANCEL_CONCURRENCY);
    const outcomes = await Promise.allSettled(
      chunk.map((j) => cancelJob(db, opts.events, opts.workspaceId, j.id)),
    );
    outcomes.forEach((o, k) => {
      const id = chunk[k]!.id;
      if (o.status === 'fulfilled') result.cancelled.push(id);
      // Ended (or deleted) since it was selected.
      else if (
        o.reason instanceof DomainError &&
        (o.reason.reason === 'job-ended' || o.reason.reason === 'job-not-found')
      )
        result.skipped.push(id);
      else throw o.reason;
    });
  }
  return result;
}

/**
 * Reruns the selected ended jobs as new linked jobs (replays, see replay-job.ts); each goes through
 * intake and the budget like any submission, and a refusal (budget, workflow changed…) is reported per job.
 */
export async function bulkRerunJobs(
  db: DbOrTx,
  opts: ReplayContext & { input: BulkRerunInput },
): Promise<BulkRerunResult> {
  const input = ZBulkRerunInput.parse(opts.input);
  const { jobs: selected, notFound } = await select(db, opts.workspaceId, input);
  const result: BulkRerunResult = {
    matched: selected.length,
    rerun: [],
    skipped: [],
    refused: [],
    not_found: notFound,
  };
  const rerunnable = selected.filter((j) => {
    const eligible = isEnded(j) && (input.from === 'start' || j.status !== 'succeeded');
    if (!eligible) result.skipped.push(j.id);
    return eligible;
  });
  for (let i = 0; i < rerunnable.length; i += RERUN_CONCURRENCY) {
    const chunk = rerunnable.slice(i, i + RERUN_CONCURRENCY);
    const outcomes = await Promise.allSettled(
      chunk.map((j) =>
        replayJob(db, { ...opts, jobId: j.id, input: { from_step: input.from === 'start' ? 0 : 'failed' } }),
      ),
    );
    outcomes.forEach((o, k) => {
      const of = chunk[k]!.id;
      if (o.status === 'fulfilled') result.rerun.push({ of, id: o.value.job.id });
      else if (o.reason instanceof DomainError)
        result.refused.push({ id: of, type: o.reason.reason, detail: o.reason.message });
      else throw o.reason;
    });
  }
  return result;
}
