import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { costLedger, eq, jobSteps, sql, webhookDeliveries } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventSender } from '../events/events';
import { createWorkflow } from '../workflows/manage-workflows';
import type { DurableSteps } from './durable-steps';
import { finalizeJob } from './finalize-job';
import { cancelJob, getJob } from './manage-jobs';
import { runQuickJob } from './quick-job';
import { readJobAtStart } from './read-at-start';
import { runJob } from './run-job';
import { submitJob } from './submit-job';

/** Events land nowhere: these tests drive `runJob` themselves. */
const events: EventSender = {
  async send() {},
  async flush() {},
};

/** Runs each step once, at once: what an engine does on a first attempt that never fails. */
const directSteps: DurableSteps = {
  attempt: 0,
  signal: new AbortController().signal,
  step: (_id, fn) => fn({ signal: new AbortController().signal }),
  async sleep() {},
};

async function tenantWith(steps: unknown[]) {
  const { user, workspace } = await makeUser();
  const wf = await createWorkflow(testDb(), workspace.id, {
    slug: 'flow',
    name: 'Flow',
    steps: steps as never,
    publish: true,
  });
  const submit = () =>
    submitJob(testDb(), { workspaceId: workspace.id, submittedBy: user.id, events }, { workflow: wf.slug });
  return { workspace, submit };
}

const ledgerOf = async (jobId: string) =>
  (await testDb().select().from(costLedger).where(eq(costLedger.jobId, jobId)))
    .map((r) => [r.kind, r.month, r.amount])
    .sort();

describe('one clock for a job’s ledger rows', () => {
  afterEach(() => vi.useRealTimers());

  it('reserved a moment before a month ends and settled after it: every row carries the reserve’s month', async () => {
    const { workspace, submit } = await tenantWith([{ id: 'echo', type: 'transform', expression: '$' }]);
    // Only the application's clock moves; PostgreSQL keeps its own (today).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-31T23:59:59.900Z'));
    const { job } = await submit();
    vi.setSystemTime(new Date('2026-11-01T00:00:00.100Z'));
    await runJob(testDb(), events, job.id, directSteps);
    vi.useRealTimers();
    expect((await getJob(testDb(), workspace.id, job.id)).status).toBe('succeeded');
    expect(await ledgerOf(job.id)).toEqual([
      ['release', '2026-10', '0.0100'],
      ['reserve', '2026-10', '0.0100'],
      ['settle', '2026-10', '0.0100'],
    ]);
  });
});

describe('a step that finishes after its job was cancelled', () => {
  let server: Server;
  let url = '';
  let onRequest: () => Promise<void> = async () => {};
  beforeAll(async () => {
    process.env.LEVQOR_SSRF_ALLOW = '127.0.0.1';
    server = createServer((_req, res) => {
      void onRequest().then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
  });
  afterAll(async () => {
    delete process.env.LEVQOR_SSRF_ALLOW;
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('leaves the job and the step cancelled and records no cost after the settlement', async () => {
    const { workspace, submit } = await tenantWith([
      { id: 'call', type: 'http', url },
      { id: 'after', type: 'transform', expression: '$' },
    ]);
    const { job } = await submit();
    // The job is cancelled while its http step is in flight (between the step's start and its record).
    onRequest = async () => {
      await cancelJob(testDb(), events, workspace.id, job.id);
    };
    await runJob(testDb(), events, job.id, directSteps);
    const done = await getJob(testDb(), workspace.id, job.id);
    expect(done.status).toBe('cancelled');
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([
      ['call', 'cancelled'],
      ['after', 'cancelled'],
    ]);
    expect(done.events.map((e) => e.type)).not.toContain('step.succeeded');
    const steps = await testDb().select().from(jobSteps).where(eq(jobSteps.jobId, job.id));
    expect(steps.map((s) => Number(s.cost))).toEqual([0, 0]);
    expect(done.cost_cents).toBe(0);
    const ledger = await ledgerOf(job.id);
    expect(ledger.filter(([kind]) => kind === 'settle').map(([, , amount]) => amount)).toEqual(['0.0000']);
  });

  it('waits for a cancellation in progress, then records nothing', async () => {
    const { workspace, submit } = await tenantWith([{ id: 'call', type: 'http', url }]);
    const { job } = await submit();
    let ending: Promise<void> = Promise.resolve();
    // The cancellation holds the job row (as finalizeJob does) while the step's record is attempted.
    onRequest = async () => {
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      ending = testDb().transaction(async (tx) => {
        await tx.execute(sql`select 1 from jobs where id = ${job.id} for update`);
        locked();
        // Until the step's record waits for this lock (at most 5 s).
        for (let i = 0; i < 100; i++) {
          const [w] = await testDb().execute<{ n: number }>(
            sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%for share%'`,
          );
          if (w!.n > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await finalizeJob(tx, events, job.id, { status: 'cancelled' });
      });
      await isLocked;
    };
    await runJob(testDb(), events, job.id, directSteps);
    await ending;
    const done = await getJob(testDb(), workspace.id, job.id);
    expect(done.status).toBe('cancelled');
    expect(done.steps.map((s) => [s.id, s.status, s.cost_cents])).toEqual([['call', 'cancelled', 0]]);
  });
});

describe('quick steps end their job in the same round trip', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    process.env.LEVQOR_SSRF_ALLOW = '127.0.0.1';
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"n": 1}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/one`;
  });
  afterAll(async () => {
    delete process.env.LEVQOR_SSRF_ALLOW;
    await new Promise((resolve) => server.close(resolve));
  });

  /** Records which steps went through the engine's memo. */
  const counting = () => {
    const memoized: string[] = [];
    const io: DurableSteps = {
      ...directSteps,
      step: (id, fn) => {
        memoized.push(id);
        return fn({ signal: new AbortController().signal });
      },
    };
    return { io, memoized };
  };

  /** Statements sent through `db.execute` while `fn` runs. */
  async function statementsOf(fn: () => Promise<void>): Promise<number> {
    const spy = vi.spyOn(testDb(), 'execute');
    try {
      await fn();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('a job of transforms: read, then its start, every step and its end in one statement (no memo)', async () => {
    const { workspace, submit } = await tenantWith([
      { id: 'first', type: 'transform', expression: '{"n": 1}' },
      { id: 'last', type: 'transform', expression: '{"n": steps.first.output.n + 1}' },
    ]);
    const { job } = await submit();
    const { io, memoized } = counting();
    const statements = await statementsOf(() => runJob(testDb(), events, job.id, io));
    expect(memoized).toEqual([]);
    expect(statements).toBe(2);
    const done = await getJob(testDb(), workspace.id, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ n: 2 });
    const [row] = await testDb().execute<{ attempts: number }>(
      sql`select attempts from jobs where id = ${job.id}`,
    );
    expect(row?.attempts).toBe(1);
    expect(Date.parse(done.started_at!)).toBeLessThanOrEqual(Date.parse(done.finished_at!));
    const steps = await testDb().select().from(jobSteps).where(eq(jobSteps.jobId, job.id));
    expect(
      steps
        .sort((a, b) => a.position - b.position)
        .map((s) => [s.stepId, s.status, s.attempt, s.output, s.startedAt !== null]),
    ).toEqual([
      ['first', 'succeeded', 1, { n: 1 }, true],
      ['last', 'succeeded', 1, { n: 2 }, true],
    ]);
    // The timeline reads as if each write had been its own.
    expect(done.events.map((e) => [e.type, e.step_id ?? null])).toEqual([
      ['job.queued', null],
      ['job.started', null],
      ['step.started', 'first'],
      ['step.succeeded', 'first'],
      ['step.started', 'last'],
      ['step.succeeded', 'last'],
      ['job.succeeded', null],
    ]);
    // The settlement counts the steps written by the same statement.
    const stepCosts = steps.reduce((sum, s) => sum + Number(s.cost), 0);
    const settle = (await ledgerOf(job.id)).find(([kind]) => kind === 'settle')!;
    expect(stepCosts).toBeGreaterThan(0);
    expect(Number(settle[2])).toBeCloseTo(stepCosts, 4);

    // A rerun of the run (a lost worker) finds the job ended: nothing runs or is written again.
    const before = await testDb().select().from(jobSteps).where(eq(jobSteps.jobId, job.id));
    await runJob(testDb(), events, job.id, counting().io);
    expect(await testDb().select().from(jobSteps).where(eq(jobSteps.jobId, job.id))).toEqual(before);
  });

  it('a failing transform: the job is started for real and the step fails as any step does', async () => {
    const { workspace, submit } = await tenantWith([
      { id: 'ok', type: 'transform', expression: '1' },
      { id: 'boom', type: 'transform', expression: '$error("no such customer")' },
    ]);
    const { job } = await submit();
    await runJob(testDb(), events, job.id, counting().io);
    const done = await getJob(testDb(), workspace.id, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toContain('no such customer');
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([
      ['ok', 'succeeded'],
      ['boom', 'failed'],
    ]);
    expect(done.events.map((e) => e.type)).toContain('job.started');
    expect((await ledgerOf(job.id)).map(([kind]) => kind)).toEqual(['release', 'reserve', 'settle']);
  });

  it('a job cancelled between its read and its end: the end writes nothing', async () => {
    const { workspace, submit } = await tenantWith([{ id: 'only', type: 'transform', expression: '1' }]);
    const { job } = await submit();
    const read = await readJobAtStart(testDb(), job.id);
    expect(read?.quick).toBe(true);
    await cancelJob(testDb(), events, workspace.id, job.id);
    expect(await runQuickJob(testDb(), events, job.id, read!, counting().io)).toEqual({ ended: true });
    const done = await getJob(testDb(), workspace.id, job.id);
    expect(done.status).toBe('cancelled');
    expect(done.events.map((e) => e.type)).not.toContain('job.started');
    expect(await testDb().select().from(jobSteps).where(eq(jobSteps.jobId, job.id))).toEqual([]);
  });

  it('after a step that is not quick, the last transform is recorded with the end (no memo); earlier steps keep theirs', async () => {
    const { workspace, submit } = await tenantWith([
      { id: 'first', type: 'http', url },
      { id: 'last', type: 'transform', expression: '{"n": steps.first.output.body.n + 1}' },
    ]);
    const { job } = await submit();
    const { io, memoized } = counting();
    await runJob(testDb(), events, job.id, io);
    expect(memoized).toEqual(['first']);
    const done = await getJob(testDb(), workspace.id, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ n: 2 });
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([
      ['first', 'succeeded'],
      ['last', 'succeeded'],
    ]);
    const stepCosts = (await testDb().select().from(jobSteps).where(eq(jobSteps.jobId, job.id))).reduce(
      (sum, s) => sum + Number(s.cost),
      0,
    );
    const settle = (await ledgerOf(job.id)).find(([kind]) => kind === 'settle')!;
    expect(Number(settle[2])).toBeCloseTo(stepCosts, 4);
  });

  it('reads of jobs started in the same tick go as one statement; an ended or unknown job reads as null', async () => {
    const { submit } = await tenantWith([{ id: 'only', type: 'transform', expression: '1' }]);
    const jobs = await Promise.all([submit(), submit(), submit()]);
    const { workspace: other, submit: submitOther } = await tenantWith([{ id: 'call', type: 'http', url }]);
    const { job: slow } = await submitOther();
    await cancelJob(testDb(), events, other.id, slow.id);
    const spy = vi.spyOn(testDb(), 'execute');
    try {
      const reads = await Promise.all([
        ...jobs.map(({ job }) => readJobAtStart(testDb(), job.id)),
        readJobAtStart(testDb(), slow.id),
        readJobAtStart(testDb(), 'job_missing'),
      ]);
      expect(spy.mock.calls).toHaveLength(1);
      expect(reads.map((r) => r?.quick ?? null)).toEqual([true, true, true, null, null]);
      expect(reads[0]?.steps).toEqual([{ id: 'only', type: 'transform', expression: '1' }]);
    } finally {
      spy.mockRestore();
    }
    // A job with a step that is not quick is read as such.
    const { job: http } = await submitOther();
    expect((await readJobAtStart(testDb(), http.id))?.quick).toBe(false);
  });

  it('a job with a callback_url still gets its webhook delivery', async () => {
    const { user, workspace } = await makeUser();
    const wf = await createWorkflow(testDb(), workspace.id, {
      slug: 'hooked',
      name: 'Hooked',
      steps: [{ id: 'only', type: 'transform', expression: '"done"' }] as never,
      publish: true,
    });
    const { job } = await submitJob(
      testDb(),
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: wf.slug, callback_url: 'http://127.0.0.1:9/hook' },
    );
    await runJob(testDb(), events, job.id, counting().io);
    const done = await getJob(testDb(), workspace.id, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toBe('done');
    const [delivery] = await testDb()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.jobId, job.id));
    expect(delivery).toBeDefined();
    expect((await ledgerOf(job.id)).map(([kind]) => kind)).toEqual(['release', 'reserve', 'settle']);
  });
});
