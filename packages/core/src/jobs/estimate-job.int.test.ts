import { costLedger, engineEvents, eq, jobIdempotencyKeys, jobs, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { suspendWorkspace } from '../billing/suspension';
import type { EventSender } from '../events/events';
import { centsToUnits, unitsToCents } from '../money/money';
import { setMonthlyBudget } from '../usage/budget';
import { createWorkflow } from '../workflows/manage-workflows';
import type { DurableSteps } from './durable-steps';
import { estimateJobCost } from './estimate-job';
import { runJob } from './run-job';
import { submitJob, ZSubmitJobInput } from './submit-job';

const events: EventSender = { async send() {}, async flush() {} };
const directSteps: DurableSteps = {
  attempt: 0,
  signal: new AbortController().signal,
  step: (_id, fn) => fn({ signal: new AbortController().signal }),
  async sleep() {},
};

async function tenant() {
  const { user, workspace } = await makeUser();
  const wf = await createWorkflow(testDb(), workspace.id, {
    slug: 'three-steps',
    name: 'Three steps',
    steps: [
      { id: 'a', type: 'transform', expression: '$' },
      { id: 'b', type: 'transform', expression: '{"n": x}' },
      { id: 'c', type: 'transform', expression: '$' },
    ] as never,
    publish: true,
  });
  const input = ZSubmitJobInput.parse({ workflow: wf.slug, payload: { x: 1 } });
  const estimate = (over: Partial<typeof input> = {}) =>
    estimateJobCost(testDb(), { workspaceId: workspace.id, actor: user.id, input: { ...input, ...over } });
  return { user, workspace, wf, input, estimate };
}

/** Rows of every table intake writes, for a workspace. */
async function written(workspaceId: string) {
  const count = async (table: typeof jobs | typeof costLedger | typeof jobIdempotencyKeys) =>
    (
      await testDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.workspaceId, workspaceId))
    )[0]!.n;
  const [ev] = await testDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(engineEvents)
    .where(sql`${engineEvents.data} ->> 'workspaceId' = ${workspaceId}`);
  return {
    jobs: await count(jobs),
    ledger: await count(costLedger),
    keys: await count(jobIdempotencyKeys),
    events: ev!.n,
  };
}

describe('jobs.estimate', () => {
  it('is the exact amount the same job is then reserved and charged, and writes nothing', async () => {
    const t = await tenant();
    const est = await t.estimate({ idempotency_key: 'would-be-key' });
    expect(est).toMatchObject({
      workflow: { id: t.wf.id, slug: 'three-steps', version: 1 },
      fits: true,
      fits_budget: true,
      fits_quota: true,
      budget_cents: 500,
      jobs_this_month: 0,
      jobs_quota: 1_000,
      refusal: null,
      overage: { enabled: false, metered_cents: 0 },
    });
    expect(est.estimated_cost_cents).toBeGreaterThan(0);
    expect(await written(t.workspace.id)).toEqual({ jobs: 0, ledger: 0, keys: 0, events: 0 });

    const { job } = await submitJob(
      testDb(),
      { workspaceId: t.workspace.id, submittedBy: t.user.id, events },
      { workflow: t.wf.slug, payload: { x: 1 }, idempotency_key: 'would-be-key' },
    );
    expect(job.estimated_cost_cents).toBe(est.estimated_cost_cents);
    await runJob(testDb(), events, job.id, directSteps);
    const ledger = await testDb().select().from(costLedger).where(eq(costLedger.jobId, job.id));
    const amount = (kind: string) => unitsToCents(centsToUnits(ledger.find((r) => r.kind === kind)!.amount));
    expect(amount('reserve')).toBe(est.estimated_cost_cents);
    // Fixed-fee steps: what the job is charged is its estimate to the ten-thousandth of a cent.
    expect(amount('settle')).toBe(est.estimated_cost_cents);

    const after = await t.estimate();
    expect(after).toMatchObject({ jobs_this_month: 1, spent_cents: est.estimated_cost_cents });
  });

  it('answers fits: false with the refusal intake would give (budget, then quota); other refusals throw', async () => {
    const t = await tenant();
    await setMonthlyBudget(testDb(), t.workspace.id, { cents: 0 });
    const poor = await t.estimate();
    expect(poor).toMatchObject({
      fits: false,
      fits_budget: false,
      fits_quota: true,
      budget_cents: 0,
      available_cents: 0,
      refusal: { type: 'https://levqor.dev/problems/budget-exceeded' },
    });
    expect(poor.estimated_cost_cents).toBeGreaterThan(0);
    await expect(
      submitJob(
        testDb(),
        { workspaceId: t.workspace.id, submittedBy: t.user.id, events },
        { workflow: t.wf.slug, payload: { x: 1 } },
      ),
    ).rejects.toMatchObject({ reason: 'budget-exceeded' });

    await expect(t.estimate({ workflow: 'no.such.flow' })).rejects.toMatchObject({ reason: 'not-found' });
    await expect(t.estimate({ payload: { big: 'x'.repeat(210 * 1024) } })).rejects.toMatchObject({
      reason: 'payload-too-large',
    });
    await suspendWorkspace(testDb(), { workspaceId: t.workspace.id, actor: 'system', reason: 'test only' });
    await expect(t.estimate()).rejects.toMatchObject({ reason: 'account-suspended' });
    expect(await written(t.workspace.id)).toEqual({ jobs: 0, ledger: 0, keys: 0, events: 0 });
  });

  it('reads only its own workspace', async () => {
    const a = await tenant();
    const b = await makeUser();
    await expect(
      estimateJobCost(testDb(), { workspaceId: b.workspace.id, actor: b.user.id, input: a.input }),
    ).rejects.toMatchObject({ reason: 'not-found' });
    await expect(
      estimateJobCost(testDb(), {
        workspaceId: b.workspace.id,
        actor: b.user.id,
        input: { ...a.input, workflow: a.wf.id },
      }),
    ).rejects.toMatchObject({ reason: 'not-found' });
  });
});
