import { type EventSender, submitJob } from '@levqor/core';
import { eq, jobs } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../context';
import { callerFor, trpcHttp } from '../test-client';

const events: EventSender = { send: async () => {}, flush: async () => {} };

async function userWithJobs(statuses: ('succeeded' | 'failed' | 'queued')[]) {
  const { user, workspace } = await makeUser({ label: 'dash' });
  for (const status of statuses) {
    const { job } = await submitJob(
      testDb(),
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow', payload: {} },
    );
    const startedAt = new Date(Date.now() - 1_000);
    await testDb()
      .update(jobs)
      .set({
        status,
        startedAt: status === 'queued' ? null : startedAt,
        finishedAt: status === 'queued' ? null : new Date(startedAt.getTime() + 250),
        error: status === 'failed' ? 'boom' : null,
      })
      .where(eq(jobs.id, job.id));
  }
  const session: SessionUser = { id: user.id, email: user.email, name: user.name, role: user.role };
  return { session, workspace };
}

describe('dashboard procedures', () => {
  it('answer with the caller’s own workspace figures, over HTTP too', async () => {
    const a = await userWithJobs(['succeeded', 'succeeded', 'failed', 'queued']);
    const b = await userWithJobs(['failed', 'failed']);
    const overview = await callerFor(a.session).dashboard.overview();
    expect(overview.health['24h'].counts).toMatchObject({ succeeded: 2, failed: 1, queued: 1, total: 4 });
    expect(overview.health['24h'].p95_duration_ms).toBe(250);
    expect(overview.recent_failures).toHaveLength(1);
    expect(overview.checklist).toMatchObject({ demo_job: true, api_key: false });

    const res = await trpcHttp(b.session, 'dashboard.overview', undefined);
    expect(res.status).toBe(200);
    const body = res.json as unknown as { result: { data: { json: typeof overview } } };
    expect(body.result.data.json.health['7d'].counts.total).toBe(2);
    expect(body.result.data.json.health['7d'].success_rate).toBe(0);

    const budget = await callerFor(a.session).dashboard.budget();
    expect(budget.state).toBe('ok');
    expect(budget.budget_cents).toBeGreaterThan(0);
  });

  it('refuse anonymous callers', async () => {
    const res = await trpcHttp(null, 'dashboard.overview', undefined);
    expect(res.status).toBe(401);
    await expect(callerFor(null).dashboard.budget()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
