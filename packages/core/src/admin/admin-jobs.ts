import {
  and,
  type DbOrTx,
  desc,
  eq,
  gte,
  ilike,
  jobStatus,
  jobs,
  lt,
  type SQL,
  sql,
  workspaces,
} from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import type { EventSender } from '../events/events';
import { cancelJob, getJob, rerunJob } from '../jobs/manage-jobs';
import { recordAdminAction, ZAdminReason } from './admin-action';
import { exactInstant, keysetPage, olderThan } from './keyset-cursor';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ZInstant = z.iso.datetime({ offset: true, error: 'a date-time such as 2026-12-01T00:00:00Z' });

export const ZAdminListJobsInput = z.object({
  status: z.enum(jobStatus.enumValues).optional(),
  workspaceId: z.string().trim().max(100).optional(),
  workflowId: z.string().trim().max(100).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  /** Text within the job's error. */
  error: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).nullish(),
});
export type AdminListJobsInput = z.input<typeof ZAdminListJobsInput>;

/** Jobs of every workspace, newest first, with keyset pagination (created_at, id). */
export async function adminListJobs(db: DbOrTx, raw: AdminListJobsInput) {
  const input = ZAdminListJobsInput.parse(raw);
  const where: SQL[] = [];
  if (input.status) where.push(eq(jobs.status, input.status));
  if (input.workspaceId) where.push(eq(jobs.workspaceId, input.workspaceId));
  if (input.workflowId) where.push(eq(jobs.workflowId, input.workflowId));
  if (input.from) where.push(gte(jobs.createdAt, new Date(input.from)));
  if (input.to) where.push(lt(jobs.createdAt, new Date(input.to)));
  if (input.error) where.push(ilike(jobs.error, `%${escapeLike(input.error)}%`));
  if (input.cursor) where.push(olderThan(jobs.createdAt, jobs.id, input.cursor));
  const rows = await db
    .select({
      id: jobs.id,
      workspaceId: jobs.workspaceId,
      workspaceName: workspaces.name,
      workflowId: jobs.workflowId,
      status: jobs.status,
      error: jobs.error,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
      at: exactInstant(jobs.createdAt),
    })
    .from(jobs)
    .innerJoin(workspaces, eq(workspaces.id, jobs.workspaceId))
    .where(and(...where))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit);
}

/** Failure rate and the most frequent errors of the jobs that ended in the last 24 hours. */
export async function adminJobStats(db: DbOrTx) {
  const since = sql`now() - interval '24 hours'`;
  const [totals] = await db
    .select({
      ended: sql<number>`count(*)::int`,
      failed: sql<number>`count(*) filter (where ${jobs.status} = 'failed')::int`,
    })
    .from(jobs)
    .where(and(sql`${jobs.finishedAt} is not null`, gte(jobs.finishedAt, since)));
  const topErrors = await db
    .select({ error: sql<string>`left(${jobs.error}, 200)`, count: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(eq(jobs.status, 'failed'), gte(jobs.finishedAt, since)))
    .groupBy(sql`left(${jobs.error}, 200)`)
    .orderBy(desc(sql`count(*)`))
    .limit(10);
  const ended = totals?.ended ?? 0;
  const failed = totals?.failed ?? 0;
  return { ended, failed, failureRate: ended === 0 ? 0 : failed / ended, topErrors };
}

async function workspaceOfJob(db: DbOrTx, jobId: string): Promise<string> {
  const [row] = await db.select({ workspaceId: jobs.workspaceId }).from(jobs).where(eq(jobs.id, jobId));
  if (!row) throw new DomainError('job-not-found', `No job with id "${jobId}"`);
  return row.workspaceId;
}

export const ZAdminJobIdInput = z.object({ id: z.string().trim().min(1).max(64) });
export const ZAdminJobActionInput = ZAdminJobIdInput.extend({ reason: ZAdminReason });
export type AdminJobActionInput = z.input<typeof ZAdminJobActionInput>;

/** A job of any workspace, as its customer sees it (steps, timeline, reruns), with its workspace id. */
export async function adminGetJob(db: DbOrTx, jobId: string) {
  const workspaceId = await workspaceOfJob(db, jobId);
  return { workspaceId, job: await getJob(db, workspaceId, jobId) };
}

/** Cancels a customer's job on their behalf: the customer's own rules (only while live), audited. */
export async function adminCancelJob(
  db: DbOrTx,
  opts: { actor: string; events: EventSender; input: AdminJobActionInput },
) {
  const input = ZAdminJobActionInput.parse(opts.input);
  const workspaceId = await workspaceOfJob(db, input.id);
  const job = await cancelJob(db, opts.events, workspaceId, input.id);
  await recordAdminAction(db, {
    actor: opts.actor,
    action: 'admin.job.cancel',
    target: input.id,
    workspaceId,
    reason: input.reason,
  });
  return job;
}

/** Reruns a customer's job on their behalf: budgeted like the customer's own submission, audited. */
export async function adminRerunJob(
  db: DbOrTx,
  opts: { actor: string; events: EventSender; requestId?: string | null; input: AdminJobActionInput },
) {
  const input = ZAdminJobActionInput.parse(opts.input);
  const workspaceId = await workspaceOfJob(db, input.id);
  const result = await rerunJob(
    db,
    { workspaceId, submittedBy: opts.actor, events: opts.events, requestId: opts.requestId },
    input.id,
  );
  await recordAdminAction(db, {
    actor: opts.actor,
    action: 'admin.job.rerun',
    target: input.id,
    workspaceId,
    reason: input.reason,
    details: { newJobId: result.job.id },
  });
  return { id: result.job.id, status: result.job.status };
}
