import { and, eq, jobs, sql, workflows, workflowVersions } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicMetricsCache } from './cached-public-metrics';
import { PUBLIC_METRICS_JOBS_SQL } from './public-metrics';

/** Jobs from last month, finished: what a flood of /public/metrics must never make PostgreSQL read. */
const OLD_JOBS = 50_000;
let workspaceId = '';

beforeAll(async () => {
  const { workspace } = await makeUser();
  workspaceId = workspace.id;
  const [v] = await testDb()
    .select({ id: workflowVersions.id, workflowId: workflowVersions.workflowId })
    .from(workflowVersions)
    .innerJoin(workflows, eq(workflows.id, workflowVersions.workflowId))
    .where(and(eq(workflows.workspaceId, workspace.id), eq(workflows.slug, 'demo.flow')));
  await testDb().execute(sql`
    insert into jobs (id, workspace_id, workflow_id, workflow_version_id, workflow_slug, workflow_version,
                      payload, status, created_at, started_at, finished_at)
    select 'job_old_' || ${workspace.id} || '_' || g, ${workspace.id}, ${v!.workflowId}, ${v!.id}, 'demo.flow', 1,
           '{}'::jsonb, 'succeeded', now() - interval '40 days', now() - interval '40 days',
           now() - interval '40 days' + interval '1 second'
    from generate_series(1, ${OLD_JOBS}) g`);
  await testDb().execute(sql`analyze jobs`);
}, 120_000);

afterAll(async () => {
  await testDb().delete(jobs).where(eq(jobs.workspaceId, workspaceId));
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

describe('/public/metrics', () => {
  it('reads jobs only through the indexes led by its conditions: no scan of the table or of a whole index, no old job read', async () => {
    // Other test files write jobs in the same database meanwhile (and some ANALYZE inside transactions
    // they roll back): plan on statistics taken now, in the same transaction, so the plan is the one
    // PostgreSQL picks for this table as it stands — mostly old jobs, as in production.
    const [row] = await testDb().transaction(async (tx) => {
      await tx.execute(sql`analyze jobs`);
      return tx.execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        sql`explain (analyze, format json) ${PUBLIC_METRICS_JOBS_SQL}`,
      );
    });
    const onJobs = nodes(row!['QUERY PLAN'][0].Plan).filter((n) => n['Relation Name'] === 'jobs');
    expect(onJobs.length).toBeGreaterThan(0);
    expect(onJobs.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    // An index led by another column (e.g. workspace_id) would be read whole: only these two may appear.
    const indexes = nodes(row!['QUERY PLAN'][0].Plan).flatMap((n) =>
      n['Index Name'] ? [n['Index Name']] : [],
    );
    expect(new Set(indexes)).toEqual(new Set(['jobs_created_idx', 'jobs_finished_idx']));
    const rowsTouched = onJobs.reduce(
      (sum, n) =>
        sum + (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1) + (n['Rows Removed by Filter'] ?? 0),
      0,
    );
    const [{ recent }] = (await testDb().execute<{ recent: number }>(
      sql`select count(*)::int as recent from jobs where created_at >= now() - interval '8 days' or finished_at >= now() - interval '8 days'`,
    )) as unknown as [{ recent: number }];
    // Twice: a job created and finished this week is read once by each half of the statement.
    expect(rowsTouched).toBeLessThanOrEqual(2 * recent);
    expect(rowsTouched).toBeLessThan(OLD_JOBS);
  });

  it('is computed once per TTL, one computation at a time, whatever the number of requests', async () => {
    let clock = 1_000_000;
    const cache = createPublicMetricsCache(testDb(), { ttlMs: 15_000, now: () => clock });
    const burst = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    // Fifty concurrent requests with nothing cached: one computation, the same answer object for all.
    expect(new Set(burst.map((b) => b.metrics)).size).toBe(1);
    expect(burst[0]!.expiresAt).toBe(clock + 15_000);
    expect(burst[0]!.metrics.jobs_today).toBeGreaterThanOrEqual(0);
    clock += 14_999;
    expect((await cache.get()).metrics).toBe(burst[0]!.metrics);
    clock += 1;
    const next = await Promise.all([cache.get(), cache.get()]);
    expect(next[0].metrics).not.toBe(burst[0]!.metrics);
    expect(next[1].metrics).toBe(next[0].metrics);
  });
});
