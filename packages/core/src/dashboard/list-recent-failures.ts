import { and, type DbOrTx, desc, eq, jobs } from '@levqor/db';
import { z } from 'zod';

export const ZRecentFailure = z.object({
  id: z.string(),
  workflow: z.string(),
  workflow_version: z.number().int(),
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});
export type RecentFailure = z.infer<typeof ZRecentFailure>;

/** The workspace's most recently finished failed jobs with their errors, newest first. */
export async function listRecentFailures(
  db: DbOrTx,
  options: { workspaceId: string; limit?: number },
): Promise<RecentFailure[]> {
  const limit = Math.min(Math.max(options.limit ?? 5, 1), 50);
  const rows = await db
    .select({
      id: jobs.id,
      workflow: jobs.workflowSlug,
      version: jobs.workflowVersion,
      error: jobs.error,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(and(eq(jobs.workspaceId, options.workspaceId), eq(jobs.status, 'failed')))
    .orderBy(desc(jobs.finishedAt), desc(jobs.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    workflow: r.workflow,
    workflow_version: r.version,
    error: r.error,
    created_at: r.createdAt.toISOString(),
    finished_at: r.finishedAt?.toISOString() ?? null,
  }));
}
