import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { costLedger, eq, jobSteps, sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSender } from '../../events/events';
import { setMonthlyBudget } from '../../usage/budget';
import { createWorkflow, publishWorkflow, updateWorkflow } from '../../workflows/manage-workflows';
import type { DurableSteps } from '../durable-steps';
import { getJobTrace } from '../get-job-trace';
import { getJob } from '../manage-jobs';
import { runJob } from '../run-job';
import { submitJob } from '../submit-job';
import { bulkCancelJobs, bulkRerunJobs, MAX_BULK_JOBS } from './bulk-jobs';
import { replayJob } from './replay-job';

const events: EventSender = { async send() {}, async flush() {} };
const directSteps: DurableSteps = {
  attempt: 0,
  signal: new AbortController().signal,
  step: (_id, fn) => fn({ signal: new AbortController().signal }),
  async sleep() {},
};

let server: Server;
let hits = 0;
let base = '';
beforeAll(async () => {
  process.env.LEVQOR_SSRF_ALLOW = '127.0.0.1';
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n: hits }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.LEVQOR_SSRF_ALLOW;
  await new Promise<void>((r) => server.close(() => r()));
});

/** http (counted) → a transform that fails unless the payload says ok → a transform. */
const stepsOf = (): Record<string, unknown>[] => [
  { id: 'fetch', type: 'http', method: 'GET', url: `${base}/step1` },
  {
    id: 'check',
    type: 'transform',
    expression: 'input.ok = true ? {"n": steps.fetch.output.body.n} : $error("input.ok is not true")',
  },
  { id: 'done', type: 'transform', expression: '{"final": steps.check.output.n}' },
];

async function tenant() {
  const { user, workspace } = await makeUser();
  const wf = await createWorkflow(testDb(), workspace.id, {
    slug: 'replayed',
    name: 'Replayed',
    steps: stepsOf() as never,
    publish: true,
  });
  const ctx = { workspaceId: workspace.id, submittedBy: user.id, events };
  const submit = async (payload: unknown) => {
    const { job } = await submitJob(testDb(), ctx, { workflow: wf.slug, payload });
    return job.id;
  };
  const run = (jobId: string) => runJob(testDb(), events, jobId, directSteps);
  return { ctx, wf, submit, run, workspaceId: workspace.id };
}

const stepRows = async (jobId: string) =>
  (await testDb().select().from(jobSteps).where(eq(jobSteps.jobId, jobId))).sort(
    (a, b) => a.position - b.position,
  );

describe('replay from the failed step', () => {
  it('reuses the earlier steps’ outputs (not executed, no cost), executes from the failed step, links both jobs', async () => {
    const t = await tenant();
    const original = await t.submit({ ok: false });
    await t.run(original);
    const failed = await getJob(testDb(), t.workspaceId, original);
    expect(failed.status).toBe('failed');
    expect(failed.steps.map((s) => s.status)).toEqual(['succeeded', 'failed', 'skipped']);
    const hitsBefore = hits;

    const { job: replay } = await replayJob(testDb(), {
      ...t.ctx,
      jobId: original,
      input: { from_step: 'failed', payload: { ok: true } },
    });
    expect(replay).toMatchObject({ rerun_of: original, replay_from_step: 1, payload: { ok: true } });
    // The estimate covers the two transforms it executes, not the http step it reuses.
    expect(replay.estimated_cost_cents).toBeLessThan(failed.estimated_cost_cents);
    await t.run(replay.id);

    expect(hits).toBe(hitsBefore); // step 1 was not called again
    const done = await getJob(testDb(), t.workspaceId, replay.id);
    expect(done.status).toBe('succeeded');
    // Built from the reused output: the n the server answered the original job's step 1 with.
    const { n } = (failed.steps[0]!.output as { body: { n: number } }).body;
    expect(done.result).toEqual({ final: n });
    const rows = await stepRows(replay.id);
    expect(rows.map((r) => [r.stepId, r.status, r.reusedFromJobId, Number(r.cost) > 0])).toEqual([
      ['fetch', 'succeeded', original, false],
      ['check', 'succeeded', null, true],
      ['done', 'succeeded', null, true],
    ]);
    expect(rows[0]!.output).toEqual(failed.steps[0]!.output);
    expect(done.events.some((e) => e.type === 'step.reused' && e.step_id === 'fetch')).toBe(true);
    expect(done.events.some((e) => e.type === 'step.started' && e.step_id === 'fetch')).toBe(false);
    const trace = await getJobTrace(testDb(), { workspaceId: t.workspaceId, jobId: replay.id });
    expect(trace.steps.map((s) => s.reused_from)).toEqual([original, null, null]);
    expect(trace.steps[0]!.attempts).toEqual([]);
    // The job's cost and its ledger settlement count only the executed steps.
    const settle = await testDb().select().from(costLedger).where(eq(costLedger.jobId, replay.id));
    const settled = settle.find((r) => r.kind === 'settle')!;
    expect(Number(settled.amount)).toBe(Number(rows[1]!.cost) + Number(rows[2]!.cost));

    const after = await getJob(testDb(), t.workspaceId, original);
    expect(after.reruns).toEqual([expect.objectContaining({ id: replay.id, replay_from_step: 1 })]);
    expect(after.events.some((e) => e.type === 'job.replayed' && e.message.includes(replay.id))).toBe(true);
  });

  it('a rerun from step 0 with an edited payload executes every step again', async () => {
    const t = await tenant();
    const original = await t.submit({ ok: false });
    await t.run(original);
    const before = hits;
    const { job } = await replayJob(testDb(), {
      ...t.ctx,
      jobId: original,
      input: { payload: { ok: true } },
    });
    expect(job.replay_from_step).toBe(0);
    await t.run(job.id);
    expect(hits).toBe(before + 1);
    expect(
      (await stepRows(job.id)).every((r) => r.reusedFromJobId === null && r.status === 'succeeded'),
    ).toBe(true);
  });

  it('refuses (job-not-replayable) a job still queued, a step past the failed one, a reused step changed since', async () => {
    const t = await tenant();
    const queued = await t.submit({ ok: false });
    await expect(replayJob(testDb(), { ...t.ctx, jobId: queued, input: {} })).rejects.toMatchObject({
      reason: 'job-not-replayable',
      message: expect.stringContaining('still queued'),
    });
    await t.run(queued);
    await expect(
      replayJob(testDb(), { ...t.ctx, jobId: queued, input: { from_step: 2 } }),
    ).rejects.toMatchObject({ reason: 'job-not-replayable', message: expect.stringContaining('at most 1') });
    // Same failing payload, from the failed step: accepted (the caller may have fixed the cause elsewhere).
    await expect(replayJob(testDb(), { ...t.ctx, jobId: queued, input: {} })).resolves.toBeDefined();

    const changed = stepsOf();
    changed[0] = { ...changed[0]!, url: `${base}/other` };
    await updateWorkflow(testDb(), t.workspaceId, t.wf.id, { steps: changed as never });
    await publishWorkflow(testDb(), t.workspaceId, t.wf.id);
    await expect(
      replayJob(testDb(), { ...t.ctx, jobId: queued, input: { from_step: 1 } }),
    ).rejects.toMatchObject({ reason: 'job-not-replayable', message: expect.stringContaining('"fetch"') });
    // From step 0 nothing is reused: the new version runs whole.
    await expect(
      replayJob(testDb(), { ...t.ctx, jobId: queued, input: { from_step: 0 } }),
    ).resolves.toBeDefined();
  });

  it('never reaches another workspace’s job (job-not-found)', async () => {
    const a = await tenant();
    const b = await tenant();
    const job = await a.submit({ ok: false });
    await a.run(job);
    await expect(replayJob(testDb(), { ...b.ctx, jobId: job, input: {} })).rejects.toMatchObject({
      reason: 'job-not-found',
    });
  });
});

describe('bulk cancel and rerun', () => {
  it('cancels the selected live jobs, skips ended ones, never touches another workspace', async () => {
    const a = await tenant();
    const b = await tenant();
    const live = [await a.submit({ ok: true, tag: 'x' }), await a.submit({ ok: true, tag: 'x' })];
    const ended = await a.submit({ ok: false });
    await a.run(ended);
    const other = await b.submit({ ok: true });

    const byIds = await bulkCancelJobs(testDb(), {
      workspaceId: a.workspaceId,
      events,
      selection: { ids: [live[0]!, ended, other] },
    });
    expect(byIds).toEqual({ matched: 2, cancelled: [live[0]], skipped: [ended], not_found: [other] });
    expect((await getJob(testDb(), b.workspaceId, other)).status).toBe('queued');

    const byFilter = await bulkCancelJobs(testDb(), {
      workspaceId: a.workspaceId,
      events,
      selection: { filter: { status: 'queued' } },
    });
    expect(byFilter).toMatchObject({ matched: 1, cancelled: [live[1]], skipped: [] });
    expect((await getJob(testDb(), b.workspaceId, other)).status).toBe('queued');

    await expect(
      bulkCancelJobs(testDb(), { workspaceId: a.workspaceId, events, selection: {} }),
    ).rejects.toMatchObject({ reason: 'validation' });
    await expect(
      bulkCancelJobs(testDb(), {
        workspaceId: a.workspaceId,
        events,
        selection: { ids: Array.from({ length: MAX_BULK_JOBS + 1 }, (_, i) => `job_${i}`) },
      }),
    ).rejects.toThrow(/at most 500/);
  });

  it('refuses a filter matching more than the limit (bulk-limit-exceeded)', async () => {
    const a = await tenant();
    await testDb().execute(
      // 501 queued jobs written directly: the limit is about selection, not intake.
      sql`insert into jobs (id, workspace_id, workflow_id, workflow_version_id, workflow_slug, workflow_version, payload)
        select 'job_bulk' || g || ${a.workspaceId.slice(-6)}, ${a.workspaceId}, ${a.wf.id}, v.id, 'replayed', 1, '{}'::jsonb
        from generate_series(1, ${MAX_BULK_JOBS + 1}) g, (select id from workflow_versions where workflow_id = ${a.wf.id} limit 1) v`,
    );
    await expect(
      bulkCancelJobs(testDb(), {
        workspaceId: a.workspaceId,
        events,
        selection: { filter: { status: 'queued' } },
      }),
    ).rejects.toMatchObject({ reason: 'bulk-limit-exceeded' });
  });

  it('reruns failed jobs from their failed step; skips live and succeeded ones; reports refusals', async () => {
    const a = await tenant();
    const failed = await a.submit({ ok: false });
    await a.run(failed);
    const ok = await a.submit({ ok: true });
    await a.run(ok);
    const live = await a.submit({ ok: true });
    const result = await bulkRerunJobs(testDb(), { ...a.ctx, input: { ids: [failed, ok, live] } });
    expect(result.matched).toBe(3);
    expect(result.rerun).toEqual([{ of: failed, id: expect.stringMatching(/^job_/) }]);
    expect(result.skipped.sort()).toEqual([ok, live].sort());
    const replay = await getJob(testDb(), a.workspaceId, result.rerun[0]!.id);
    expect(replay).toMatchObject({ rerun_of: failed, replay_from_step: 1 });

    const fromStart = await bulkRerunJobs(testDb(), { ...a.ctx, input: { ids: [ok], from: 'start' } });
    expect(fromStart.rerun).toHaveLength(1);
    await setMonthlyBudget(testDb(), a.workspaceId, { cents: 0 });
    const broke = await bulkRerunJobs(testDb(), { ...a.ctx, input: { ids: [failed] } });
    expect(broke.refused).toEqual([{ id: failed, type: 'budget-exceeded', detail: expect.any(String) }]);
  });
});
