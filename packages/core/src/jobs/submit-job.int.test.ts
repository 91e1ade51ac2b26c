import { costLedger, eq, jobIdempotencyKeys, jobs, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender, LevqorEvent } from '../events/events';
import { budgetStatus, setMonthlyBudget } from '../usage/budget';
import { archiveWorkflow } from '../workflows/manage-workflows';
import { type SubmitJobInput, submitJob } from './submit-job';

/** Records what intake hands to the engine. */
function recordingEvents() {
  const sent: LevqorEvent[] = [];
  let flushes = 0;
  const events: EventSender = {
    async send(_tx, e) {
      sent.push(...(Array.isArray(e) ? e : [e]));
    },
    async flush() {
      flushes += 1;
    },
  };
  return { events, sent, flushes: () => flushes };
}

async function tenant() {
  const { user, workspace } = await makeUser();
  const rec = recordingEvents();
  const submit = (input: Partial<SubmitJobInput> = {}) =>
    submitJob(
      testDb(),
      { workspaceId: workspace.id, submittedBy: user.id, events: rec.events },
      { workflow: 'demo.flow', payload: { x: 1 }, ...input },
    );
  return { user, workspace, submit, ...rec };
}

const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);

describe('intake under concurrency (submissions for one workspace share transactions)', () => {
  it('gives every concurrent submission its own queued job, reservation and engine event', async () => {
    const t = await tenant();
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => t.submit({ payload: { n } })));
    const ids = new Set(results.map((r) => r.job.id));
    expect(ids.size).toBe(40);
    expect(results.every((r) => r.created && r.job.status === 'queued')).toBe(true);
    expect(results.map((r) => r.job.payload)).toEqual(Array.from({ length: 40 }, (_, n) => ({ n })));
    expect(t.sent.map((e) => (e.data as { jobId: string }).jobId).sort()).toEqual([...ids].sort());
    // Grouped: far fewer transactions (one flush each) than submissions.
    expect(t.flushes()).toBeLessThan(40);
    const reserves = await testDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(costLedger)
      .where(eq(costLedger.workspaceId, t.workspace.id));
    expect(reserves[0]!.n).toBe(40);
  });

  it('splits large payloads over several transactions (about 4 MB of payload each)', async () => {
    const t = await tenant();
    const big = 'x'.repeat(190 * 1024);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, n) => t.submit({ payload: { n, big } })),
    );
    expect(results.every((r) => r.created)).toBe(true);
    // 30 × 190 KB = 5.6 MB: at least two transactions.
    expect(t.flushes()).toBeGreaterThanOrEqual(2);
    const rows = await testDb().select().from(jobs).where(eq(jobs.workspaceId, t.workspace.id));
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => (r.payload as { big: string }).big === big)).toBe(true);
  });

  it('never reserves past the budget: exactly what fits is accepted, the rest is 402', async () => {
    const t = await tenant();
    // demo.flow is one transform step: 0.01¢. A 1¢ budget fits exactly 100 jobs.
    await setMonthlyBudget(testDb(), t.workspace.id, { cents: 1 });
    const outcomes = await settle(Array.from({ length: 130 }, () => t.submit()));
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(accepted).toHaveLength(100);
    expect(refused).toHaveLength(30);
    for (const r of refused) {
      expect(r.reason).toMatchObject({ code: 'PAYMENT_REQUIRED' });
      expect(r.reason.message).toContain('budget 1¢ − spent 0¢ − reserved 1¢ = 0¢');
    }
    const status = await budgetStatus(testDb(), t.workspace.id);
    expect(status.reserved).toBe(status.budget);
  });

  it('honours one idempotency key across concurrent submissions: one job, the same answer, 409 on another body', async () => {
    const t = await tenant();
    const same = Array.from({ length: 10 }, () => t.submit({ idempotency_key: 'same-key' }));
    const other = t.submit({ idempotency_key: 'same-key', payload: { x: 2 } });
    const results = await Promise.all(same);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    await expect(other).rejects.toMatchObject({ code: 'CONFLICT' });
    const rows = await testDb()
      .select()
      .from(jobIdempotencyKeys)
      .where(eq(jobIdempotencyKeys.workspaceId, t.workspace.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.jobId).toBe(results[0]!.job.id);
    // Later, alone: still the same job.
    const again = await t.submit({ idempotency_key: 'same-key' });
    expect(again).toMatchObject({ created: false, job: { id: results[0]!.job.id } });
  });

  it('refuses one submission without failing the others sharing its transaction', async () => {
    const t = await tenant();
    await archiveWorkflow(testDb(), t.workspace.id, 'fetch-url');
    const outcomes = await settle([
      t.submit(),
      t.submit({ workflow: 'no-such-flow' }),
      t.submit(),
      t.submit({ workflow: 'fetch-url' }),
      t.submit({ workflow: 'wf_doesnotexist' }),
      t.submit(),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? o.reason : null));
    expect(reasons[1]).toMatchObject({ code: 'NOT_FOUND', message: 'Workflow "no-such-flow" not found' });
    expect(reasons[3]).toMatchObject({ code: 'UNPROCESSABLE' });
    expect(reasons[4]).toMatchObject({ code: 'NOT_FOUND' });
    const rows = await testDb().select().from(jobs).where(eq(jobs.workspaceId, t.workspace.id));
    expect(rows).toHaveLength(3);
  });

  it('a database error fails only the submission that caused it, not those sharing its transaction', async () => {
    const t = await tenant();
    // A failing statement aborts the shared transaction, as a constraint violation would.
    const poisoned: EventSender = {
      async send(tx, e) {
        if ((Array.isArray(e) ? e : [e]).some((ev) => (ev.data as { priority?: string }).priority === 'high'))
          await tx.execute(sql`select 1 / 0`);
      },
      async flush() {},
    };
    const submit = (priority: 'normal' | 'high') =>
      submitJob(
        testDb(),
        { workspaceId: t.workspace.id, submittedBy: t.user.id, events: poisoned },
        { workflow: 'demo.flow', payload: {}, priority },
      );
    const outcomes = await settle([submit('normal'), submit('normal'), submit('high'), submit('normal')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await testDb().select().from(jobs).where(eq(jobs.workspaceId, t.workspace.id));
    expect(rows.map((r) => r.priority)).toEqual(['normal', 'normal', 'normal']);
  });

  it('a transaction that cannot even begin fails its submissions, and the next ones still go', async () => {
    const t = await tenant();
    let failures = 1;
    const flaky = new Proxy(testDb(), {
      get(target, prop, receiver) {
        if (prop === 'transaction' && failures > 0) {
          failures -= 1;
          return async () => {
            throw new Error('connection refused');
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const submit = () =>
      submitJob(
        flaky,
        { workspaceId: t.workspace.id, submittedBy: t.user.id, events: t.events },
        { workflow: 'demo.flow', payload: {} },
      );
    // Alone: its own error.
    await expect(submit()).rejects.toThrow('connection refused');
    await expect(submit()).resolves.toMatchObject({ created: true });
    // Together: the failed transaction's waiting submissions are retried one by one.
    failures = 1;
    const outcomes = await settle([submit(), submit(), submit()]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    await expect(submit()).resolves.toMatchObject({ created: true });
  });

  it('inside a caller’s transaction, submits there and rolls back with it', async () => {
    const t = await tenant();
    const rollback = new Error('rollback');
    await expect(
      testDb().transaction(async (tx) => {
        const r = await submitJob(
          tx,
          { workspaceId: t.workspace.id, submittedBy: t.user.id, events: t.events },
          { workflow: 'demo.flow', payload: {} },
        );
        expect(r.created).toBe(true);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const rows = await testDb().select().from(jobs).where(eq(jobs.workspaceId, t.workspace.id));
    expect(rows).toHaveLength(0);
  });
});
