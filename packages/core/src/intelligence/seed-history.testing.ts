import { type Database, eq, jobSteps, jobs, sql, workflows, workflowVersions } from '@levqor/db';

/** Test seeding: jobs with chosen timestamps (the rollups read recorded rows, so tests write them). */
export async function seedJob(
  db: Database,
  workspaceId: string,
  opts: {
    createdAt: Date;
    startedAt?: Date | null;
    finishedAt?: Date | null;
    status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
    ai?: { promptTokens: number; completionTokens: number; costCents: number };
  },
): Promise<string> {
  const [wf] = await db
    .select({
      id: workflows.id,
      slug: workflows.slug,
      versionId: workflowVersions.id,
      version: workflowVersions.version,
    })
    .from(workflows)
    .innerJoin(workflowVersions, eq(workflowVersions.workflowId, workflows.id))
    .where(eq(workflows.workspaceId, workspaceId))
    .limit(1);
  if (!wf) throw new Error(`workspace ${workspaceId} has no workflow`);
  const [job] = await db
    .insert(jobs)
    .values({
      workspaceId,
      workflowId: wf.id,
      workflowVersionId: wf.versionId,
      workflowSlug: wf.slug,
      workflowVersion: wf.version,
      payload: {},
      status: opts.status,
      createdAt: opts.createdAt,
      startedAt: opts.startedAt ?? null,
      finishedAt: opts.finishedAt ?? null,
    })
    .returning({ id: jobs.id });
  if (opts.ai)
    await db.insert(jobSteps).values({
      jobId: job!.id,
      stepId: 'ai',
      position: 0,
      type: 'ai',
      status: 'succeeded',
      output: {
        text: 'x',
        usage: { prompt_tokens: opts.ai.promptTokens, completion_tokens: opts.ai.completionTokens },
      },
      cost: String(opts.ai.costCents),
    });
  return job!.id;
}

/** Test seeding: API request log rows at a chosen time. */
export async function seedRequests(
  db: Database,
  rows: { workspaceId: string | null; status: number; durationMs: number; at: Date; path?: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into api_requests (id, workspace_id, method, path, status, duration_ms, request_id, created_at)
    select 'req_' || md5(random()::text), r.ws, 'POST', r.path, r.status, r.ms, 'test', r.at
    from jsonb_to_recordset(${JSON.stringify(
      rows.map((r) => ({
        ws: r.workspaceId,
        path: r.path ?? '/jobs',
        status: r.status,
        ms: r.durationMs,
        at: r.at,
      })),
    )}::jsonb) as r(ws text, path text, status int, ms int, at timestamptz)
  `);
}

/**
 * Stabilize mode is one platform-wide row: test files that switch it take this session lock first
 * (beforeAll) and give it back (afterAll), so two files never flip it under each other.
 */
export async function holdStabilizeLock(db: Database): Promise<() => Promise<void>> {
  const conn = await db.$client.reserve();
  await conn`select pg_advisory_lock(4217017)`;
  return async () => {
    await conn`select pg_advisory_unlock(4217017)`;
    conn.release();
  };
}
