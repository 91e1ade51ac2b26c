import { and, auditEvents, costLedger, engineEvents, eq, insertRowsSql, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../api-keys/manage-api-keys';
import { createApiKeyVerifier } from '../api-keys/verify-api-key';
import { DomainError } from '../errors';
import type { EventSender, LevqorEvent } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import { budgetStatus, monthOf, setMonthlyBudget } from '../usage/budget';
import { changeBudget } from '../usage/change-budget';
import { PLANS } from './plans';
import { setWorkspacePlan } from './set-plan';
import { restoreWorkspace, suspendWorkspace } from './suspension';

/** Events become `engine_events` rows in the intake's transaction (as in submit-job.int.test.ts). */
const events: EventSender = {
  statementFor: (e: LevqorEvent[]) =>
    insertRowsSql(
      engineEvents,
      e.map((ev) => ({ name: ev.name, data: ev.data })),
    ),
  async send(tx, e) {
    await tx.execute(events.statementFor!(Array.isArray(e) ? e : [e])!);
  },
  async flush() {},
};

async function tenant() {
  const { user, workspace } = await makeUser();
  const ctx = { workspaceId: workspace.id, submittedBy: user.id, events };
  /** Through the group-committed intake (the REST path) or inside a transaction (the locked path). */
  const submit = () => submitJob(testDb(), ctx, { workflow: 'demo.flow' });
  const submitInTx = () => testDb().transaction((tx) => submitJob(tx, ctx, { workflow: 'demo.flow' }));
  return { user, workspace, submit, submitInTx };
}

const reasonOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof DomainError ? err.reason : err;
};

describe('plans', () => {
  it('the plan sets the budget; the owner may cap it lower, never higher (Enterprise: set per workspace)', async () => {
    const t = await tenant();
    expect((await budgetStatus(testDb(), t.workspace.id)).budget).toBe(500 * 10_000);
    await changeBudget(testDb(), { workspaceId: t.workspace.id, userId: t.user.id, input: { cents: 300 } });
    expect((await budgetStatus(testDb(), t.workspace.id)).budget).toBe(300 * 10_000);
    const refused = await reasonOf(
      changeBudget(testDb(), { workspaceId: t.workspace.id, userId: t.user.id, input: { cents: 900 } }),
    );
    expect(refused).toBe('validation');
    await setWorkspacePlan(testDb(), { workspaceId: t.workspace.id, plan: 'growth', actor: 'system' });
    // The owner's cap stays while lower than the new plan's included spend.
    expect((await budgetStatus(testDb(), t.workspace.id)).budget).toBe(300 * 10_000);
    await setMonthlyBudget(testDb(), t.workspace.id, { cents: null });
    expect((await budgetStatus(testDb(), t.workspace.id)).budget).toBe(6_000 * 10_000);
    await setMonthlyBudget(testDb(), t.workspace.id, { cents: 1_000_000 });
    expect((await budgetStatus(testDb(), t.workspace.id)).budget).toBe(6_000 * 10_000);
    await setWorkspacePlan(testDb(), { workspaceId: t.workspace.id, plan: 'enterprise', actor: 'system' });
    expect((await budgetStatus(testDb(), t.workspace.id)).budget).toBe(1_000_000 * 10_000);
  });

  it('refuses jobs beyond the monthly quota with 402 job-quota-exceeded, on both intake paths', async () => {
    const t = await tenant();
    // The month already holds the Free plan's 1,000 jobs (their reservations, 0¢ each).
    await testDb().execute(
      insertRowsSql(
        costLedger,
        Array.from({ length: PLANS.free.jobsPerMonth! }, () => ({
          workspaceId: t.workspace.id,
          kind: 'reserve' as const,
          amount: '0',
          month: monthOf(),
        })),
      ),
    );
    expect((await budgetStatus(testDb(), t.workspace.id)).jobs).toBe(1_000);
    expect(await reasonOf(t.submit())).toBe('job-quota-exceeded');
    expect(await reasonOf(t.submitInTx())).toBe('job-quota-exceeded');
    await setWorkspacePlan(testDb(), { workspaceId: t.workspace.id, plan: 'starter', actor: 'system' });
    const { job } = await t.submit();
    expect(job.status).toBe('queued');
    expect((await budgetStatus(testDb(), t.workspace.id)).jobs).toBe(1_001);
  });

  it("carries the plan's concurrency on each job's engine event", async () => {
    const t = await tenant();
    await setWorkspacePlan(testDb(), { workspaceId: t.workspace.id, plan: 'business', actor: 'system' });
    const { job } = await t.submitInTx();
    const [ev] = await testDb()
      .select()
      .from(engineEvents)
      .where(sql`${engineEvents.data} ->> 'jobId' = ${job.id}`);
    expect(ev!.data).toMatchObject({ workspaceId: t.workspace.id, concurrency: PLANS.business.concurrency });
  });

  it("clamps an API key's rate limit to the plan's, at once when the plan changes", async () => {
    const t = await tenant();
    const key = await createApiKey(testDb(), {
      workspaceId: t.workspace.id,
      userId: t.user.id,
      input: { name: 'ci', scopes: ['jobs:read'], rate_limit_per_min: 1_000 },
    });
    const verifier = await createApiKeyVerifier(testDb());
    try {
      expect((await verifier.verify(key.plaintext))!.rateLimitPerMin).toBe(60);
      await setWorkspacePlan(testDb(), { workspaceId: t.workspace.id, plan: 'growth', actor: 'system' });
      await expect.poll(async () => (await verifier.verify(key.plaintext))!.rateLimitPerMin).toBe(1_000);
      await setWorkspacePlan(testDb(), { workspaceId: t.workspace.id, plan: 'starter', actor: 'system' });
      await expect.poll(async () => (await verifier.verify(key.plaintext))!.rateLimitPerMin).toBe(600);
    } finally {
      await verifier.close();
    }
  });
});

describe('suspension', () => {
  it('refuses intake with account-suspended until restored; both audited with the reason', async () => {
    const t = await tenant();
    const other = await tenant();
    await t.submit();
    const s = await suspendWorkspace(testDb(), {
      workspaceId: t.workspace.id,
      actor: 'system',
      reason: 'invoice in_1 unpaid after the final notice',
    });
    expect(s.changed).toBe(true);
    expect(await reasonOf(t.submit())).toBe('account-suspended');
    expect(await reasonOf(t.submitInTx())).toBe('account-suspended');
    // Another workspace is untouched.
    expect((await other.submit()).job.status).toBe('queued');
    // Suspending twice changes nothing.
    expect(
      (await suspendWorkspace(testDb(), { workspaceId: t.workspace.id, actor: 'system', reason: 'again' }))
        .changed,
    ).toBe(false);
    await restoreWorkspace(testDb(), {
      workspaceId: t.workspace.id,
      actor: 'stripe',
      reason: 'invoice in_1 paid',
    });
    expect((await t.submit()).job.status).toBe('queued');
    // Billing's restore of a workspace in good standing (a payment, again) stays a quiet no-op.
    expect(
      await restoreWorkspace(testDb(), {
        workspaceId: t.workspace.id,
        actor: 'stripe',
        reason: 'paid again',
      }),
    ).toMatchObject({ changed: false });
    // An administrator's override refuses instead, before writing anything.
    await expect(
      restoreWorkspace(
        testDb(),
        { workspaceId: t.workspace.id, actor: 'system', reason: 'override' },
        { ifUnchanged: 'refuse' },
      ),
    ).rejects.toMatchObject({ reason: 'suspension-state', code: 'CONFLICT' });
    const audit = await testDb()
      .select({ action: auditEvents.action, actor: auditEvents.actor, metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, t.workspace.id)))
      .orderBy(auditEvents.createdAt);
    expect(audit).toMatchObject([
      {
        action: 'workspace.suspended',
        actor: 'system',
        metadata: { reason: 'invoice in_1 unpaid after the final notice' },
      },
      { action: 'workspace.restored', actor: 'stripe', metadata: { reason: 'invoice in_1 paid' } },
    ]);
  });
});
