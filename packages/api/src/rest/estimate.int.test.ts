import { createApiKey, setMonthlyBudget } from '@levqor/core';
import { costLedger, eq, jobs, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestTestServer } from './test-server';

let rest: Awaited<ReturnType<typeof startRestTestServer>>;
beforeAll(async () => {
  rest = await startRestTestServer();
});
afterAll(() => rest.close());

async function tenant(scopes: ('jobs:read' | 'jobs:write')[] = ['jobs:read', 'jobs:write']) {
  const { user, workspace } = await makeUser();
  const { plaintext } = await createApiKey(testDb(), {
    workspaceId: workspace.id,
    userId: user.id,
    input: { name: 'estimate', scopes },
  });
  return { workspaceId: workspace.id, key: plaintext };
}

const post = async (key: string, path: string, body: unknown) => {
  const res = await fetch(`${rest.base}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), json: await res.json() };
};

const count = async (workspaceId: string) =>
  (
    await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(costLedger)
      .where(eq(costLedger.workspaceId, workspaceId))
  )[0]!.n +
  (
    await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(eq(jobs.workspaceId, workspaceId))
  )[0]!.n;

describe('POST /api/v1/jobs/estimate', () => {
  it('answers the estimate POST /jobs then reserves, creating nothing itself', async () => {
    const t = await tenant();
    const body = { workflow: 'demo.flow', payload: { x: 1 } };
    const est = await post(t.key, '/jobs/estimate', body);
    expect(est.status).toBe(200);
    expect(est.json).toMatchObject({ fits: true, budget_cents: 500, workflow: { slug: 'demo.flow' } });
    expect(await count(t.workspaceId)).toBe(0);
    const job = await post(t.key, '/jobs', body);
    expect(job.status).toBe(202);
    expect(job.json.estimated_cost_cents).toBe(est.json.estimated_cost_cents);
  });

  it('is 200 with fits: false over budget, 400 for invalid input, 404 for an unknown workflow (problem+json)', async () => {
    const t = await tenant(['jobs:read']);
    await setMonthlyBudget(testDb(), t.workspaceId, { cents: 0 });
    const poor = await post(t.key, '/jobs/estimate', { workflow: 'demo.flow' });
    expect(poor.status).toBe(200);
    expect(poor.json).toMatchObject({
      fits: false,
      refusal: { type: 'https://levqor.dev/problems/budget-exceeded' },
    });
    const bad = await post(t.key, '/jobs/estimate', { workflow: '', priority: 'urgent' });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    const missing = await post(t.key, '/jobs/estimate', { workflow: 'nope.flow' });
    expect(missing.status).toBe(404);
    expect(await count(t.workspaceId)).toBe(0);
  });
});
