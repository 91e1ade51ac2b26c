import {
  closeDb,
  costLedger,
  createDb,
  engineEvents,
  eq,
  insertRowsSql,
  jobIdempotencyKeys,
  jobs,
  sql,
} from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender, LevqorEvent } from '../events/events';
import { budgetStatus, setMonthlyBudget } from '../usage/budget';
import { archiveWorkflow, publishWorkflow, updateWorkflow } from '../workflows/manage-workflows';
import { getJob } from './manage-jobs';
import { type SubmitJobInput, submitJob } from './submit-job';

/**
 * An engine outbox for tests: events become `engine_events` rows in the intake's transaction — by the
 * statement it pipelines, or by `send` under the workspace lock — so only committed ones are found.
 */
function recordingEvents() {
  let flushes = 0;
  const statementFor = (e: LevqorEvent[]) =>
    insertRowsSql(
      engineEvents,
      e.map((ev) => ({ name: ev.name, data: ev.data })),
    );
  const events: EventSender = {
    async send(tx, e) {
      await tx.execute(statementFor(Array.isArray(e) ? e : [e]));
    },
    statementFor,
    async flush() {
      flushes += 1;
    },
  };
  /** The committed events of a workspace's jobs. */
  const sent = async (workspaceId: string) =>
    testDb().select().from(engineEvents).where(sql`${engineEvents.data} ->> 'workspaceId' = ${workspaceId}`);
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
    expect((await t.sent(t.workspace.id)).map((e) => (e.data as { jobId: string }).jobId).sort()).toEqual(
      [...ids].sort(),
    );
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

  it('keeps the budget across processes: their transactions write in parallel and queue only for the reservations', async () => {
    const t = await tenant();
    await setMonthlyBudget(testDb(), t.workspace.id, { cents: 1 }); // 100 jobs of 0.01¢
    // Three database clients stand for three API processes: each has its own intake queue.
    const clients = [
      testDb(),
      createDb(process.env.DATABASE_URL!, { max: 4 }),
      createDb(process.env.DATABASE_URL!, { max: 4 }),
    ];
    try {
      const outcomes = await settle(
        Array.from({ length: 150 }, (_, n) =>
          submitJob(
            clients[n % 3]!,
            { workspaceId: t.workspace.id, submittedBy: t.user.id, events: t.events },
            { workflow: 'demo.flow', payload: { n } },
          ),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(100);
      const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refusals.every((o) => (o.reason as { code?: string }).code === 'PAYMENT_REQUIRED')).toBe(true);
      expect(await budgetStatus(testDb(), t.workspace.id)).toMatchObject({ reserved: 1 * 10_000 });
      const rows = await testDb().select().from(jobs).where(eq(jobs.workspaceId, t.workspace.id));
      expect(rows).toHaveLength(100);
      expect(await t.sent(t.workspace.id)).toHaveLength(100);
    } finally {
      await Promise.all(clients.slice(1).map((c) => closeDb(c)));
    }
  });

  it('honours one idempotency key across concurrent submissions: one job, the same answer, 409 on another body', async () => {
    const t = await tenant();
    const same = Array.from({ length: 10 }, () => t.submit({ idempotency_key: 'same-key' }));
    const other = settle([t.submit({ idempotency_key: 'same-key', payload: { x: 2 } })]);
    const results = await Promise.all(same);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await other).toMatchObject([{ status: 'rejected', reason: { code: 'CONFLICT' } }]);
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

  it.each([
    ['pipelined', true],
    ['under the workspace lock', false],
  ])(
    'a database error (%s) fails only the submission that caused it, not those sharing its transaction',
    async (_, pipelined) => {
      const t = await tenant();
      // A failing statement aborts the shared transaction, as a constraint violation would.
      const poison = (e: LevqorEvent[]) =>
        e.some((ev) => (ev.data as { priority?: string }).priority === 'high')
          ? sql`select 1 / 0`
          : sql`select 1`;
      const poisoned: EventSender = {
        async send(tx, e) {
          await tx.execute(poison(Array.isArray(e) ? e : [e]));
        },
        ...(pipelined ? { statementFor: poison } : {}),
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
    },
  );

  it('a transaction that cannot even begin fails its own submissions, and the next ones still go', async () => {
    const t = await tenant();
    let failures = 0;
    const failing = async () => {
      failures -= 1;
      throw new Error('connection refused');
    };
    const client = new Proxy(testDb().$client, {
      get: (target, prop, receiver) =>
        prop === 'reserve' && failures > 0 ? failing : Reflect.get(target, prop, receiver),
    });
    const flaky = new Proxy(testDb(), {
      get: (target, prop, receiver) =>
        prop === '$client'
          ? client
          : prop === 'transaction' && failures > 0
            ? failing
            : Reflect.get(target, prop, receiver),
    });
    const submit = () =>
      submitJob(
        flaky,
        { workspaceId: t.workspace.id, submittedBy: t.user.id, events: t.events },
        { workflow: 'demo.flow', payload: {} },
      );
    await expect(submit()).resolves.toMatchObject({ created: true });
    // Alone: its own error, not a loop.
    failures = 1;
    await expect(submit()).rejects.toThrow('connection refused');
    await expect(submit()).resolves.toMatchObject({ created: true });
    // Its pipelined transaction and then the one under the lock fail: the error, and nothing written.
    failures = 2;
    await expect(submit()).rejects.toThrow('connection refused');
    const rows = await testDb().select().from(jobs).where(eq(jobs.workspaceId, t.workspace.id));
    expect(rows).toHaveLength(2);
  });

  it('runs the version published at submission, even right after a publish or an archive this process did not see', async () => {
    const t = await tenant();
    // The first submission makes the intake remember demo.flow v1 (per process, a few seconds).
    expect((await t.submit()).job.workflow_version).toBe(1);
    await updateWorkflow(testDb(), t.workspace.id, 'demo.flow', {
      steps: [{ id: 'again', type: 'transform', expression: 'input' }],
    });
    await publishWorkflow(testDb(), t.workspace.id, 'demo.flow');
    // Its guard sees v2 is published now: the batch is decided again on a fresh read.
    const second = await t.submit();
    expect(second.job.workflow_version).toBe(2);
    const { steps } = await getJob(testDb(), t.workspace.id, second.job.id);
    expect(steps.map((s) => s.id)).toEqual(['again']);
    await archiveWorkflow(testDb(), t.workspace.id, 'demo.flow');
    await expect(t.submit()).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    const rows = await testDb().select().from(jobs).where(eq(jobs.workspaceId, t.workspace.id));
    expect(rows).toHaveLength(2);
    // Nothing reserved for the refused one, nor left by the rolled-back attempt.
    const reserves = await testDb()
      .select()
      .from(costLedger)
      .where(eq(costLedger.workspaceId, t.workspace.id));
    expect(reserves).toHaveLength(2);
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
