import {
  API_SCOPES,
  type ApiScope,
  createApiKey,
  createWorkflow,
  type EventSender,
  runJob,
  setMonthlyBudget,
} from '@levqor/core';
import { sql } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, type ProblemReason, problemType } from '../problem-types';
import { startRestTestServer } from './test-server';

let rest: Awaited<ReturnType<typeof startRestTestServer>>;
beforeAll(async () => {
  rest = await startRestTestServer();
});
afterAll(() => rest.close());

const events: EventSender = { async send() {}, async flush() {} };
/** Drives a job's run here (the REST server only queues it). */
const run = (jobId: string) =>
  runJob(testDb(), events, jobId, {
    attempt: 0,
    signal: new AbortController().signal,
    step: (_id, fn) => fn({ signal: new AbortController().signal }),
    async sleep() {},
  });

const STEPS = [
  { id: 'first', type: 'transform', expression: '{"seen": input.n}' },
  {
    id: 'check',
    type: 'transform',
    expression: 'input.ok = true ? steps.first.output : $error("input.ok is not true")',
  },
];

async function tenant(scopes: ApiScope[] = [...API_SCOPES]) {
  const { user, workspace } = await makeUser();
  await createWorkflow(testDb(), workspace.id, {
    slug: 'two',
    name: 'Two',
    steps: STEPS as never,
    publish: true,
  });
  const { plaintext } = await createApiKey(testDb(), {
    workspaceId: workspace.id,
    userId: user.id,
    input: { name: 'replay', scopes, rate_limit_per_min: 600 },
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${rest.base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${plaintext}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      location: res.headers.get('location'),
      contentType: res.headers.get('content-type'),
      json: (await res.json()) as Record<string, unknown> & { id: string },
    };
  };
  const failedJob = async () => {
    const { json } = await call('POST', '/jobs', { workflow: 'two', payload: { n: 1, ok: false } });
    await run(json.id);
    return json.id;
  };
  return { workspaceId: workspace.id, call, failedJob };
}

function expectProblem(
  res: { status: number; contentType: string | null; json: unknown },
  reason: ProblemReason,
) {
  expect(res.contentType).toContain('application/problem+json');
  expect(res.json).toMatchObject({ type: problemType(reason), status: PROBLEM_TYPES[reason].status });
  expect(res.status).toBe(PROBLEM_TYPES[reason].status);
}

describe('POST /api/v1/jobs/{id}/replay', () => {
  it('queues a linked job (202 + Location) that reuses the steps before the failed one', async () => {
    const a = await tenant();
    const original = await a.failedJob();
    const res = await a.call('POST', `/jobs/${original}/replay`, {
      from_step: 'failed',
      payload: { n: 1, ok: true },
    });
    expect(res.status).toBe(202);
    expect(res.location).toBe(`/api/v1/jobs/${res.json.id}`);
    expect(res.json).toMatchObject({ rerun_of: original, replay_from_step: 1, status: 'queued' });
    await run(res.json.id);
    const done = await a.call('GET', `/jobs/${res.json.id}`);
    expect(done.json).toMatchObject({ status: 'succeeded', result: { seen: 1 } });
    expect((done.json.steps as { reused_from: string | null }[]).map((s) => s.reused_from)).toEqual([
      original,
      null,
    ]);
    const orig = await a.call('GET', `/jobs/${original}`);
    expect(orig.json.reruns).toEqual([expect.objectContaining({ id: res.json.id, replay_from_step: 1 })]);
  });

  it('problem types: job-not-found (also for another workspace’s job), job-not-replayable, validation', async () => {
    const a = await tenant();
    const b = await tenant();
    const original = await a.failedJob();
    expectProblem(await a.call('POST', '/jobs/job_missing/replay', {}), 'job-not-found');
    expectProblem(await b.call('POST', `/jobs/${original}/replay`, {}), 'job-not-found');
    const queued = await a.call('POST', '/jobs', { workflow: 'two', payload: { ok: true } });
    expectProblem(await a.call('POST', `/jobs/${queued.json.id}/replay`, {}), 'job-not-replayable');
    expectProblem(await a.call('POST', `/jobs/${original}/replay`, { from_step: 2 }), 'job-not-replayable');
    expectProblem(await a.call('POST', `/jobs/${original}/replay`, { from_step: 'last' }), 'validation');
    expectProblem(await a.call('POST', `/jobs/${original}/replay`, { from_step: -1 }), 'validation');
  });

  it('is budgeted like any submission: 402 budget-exceeded when the budget is spent', async () => {
    const a = await tenant();
    const original = await a.failedJob();
    await setMonthlyBudget(testDb(), a.workspaceId, { cents: 0 });
    expectProblem(
      await a.call('POST', `/jobs/${original}/replay`, { payload: { ok: true } }),
      'budget-exceeded',
    );
  });

  it('needs the jobs:write scope', async () => {
    const a = await tenant(['jobs:read']);
    expectProblem(await a.call('POST', '/jobs/job_x/replay', {}), 'missing-scope');
    expectProblem(await a.call('POST', '/jobs/bulk/cancel', { ids: ['job_x'] }), 'missing-scope');
  });
});

describe('POST /api/v1/jobs/bulk/cancel and /bulk/rerun', () => {
  it('cancels a filtered selection of one workspace only, with a summary', async () => {
    const a = await tenant();
    const b = await tenant();
    const mine = [
      (await a.call('POST', '/jobs', { workflow: 'two', tags: ['batch'] })).json.id,
      (await a.call('POST', '/jobs', { workflow: 'two', tags: ['batch'] })).json.id,
    ];
    const ended = (await a.call('POST', '/jobs', { workflow: 'two', tags: ['batch'] })).json.id;
    await run(ended);
    const theirs = (await b.call('POST', '/jobs', { workflow: 'two', tags: ['batch'] })).json.id;

    const res = await a.call('POST', '/jobs/bulk/cancel', { filter: { tag: 'batch' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ matched: 3, skipped: [ended], not_found: [] });
    expect([...(res.json.cancelled as string[])].sort()).toEqual([...mine].sort());
    // Another workspace's id in `ids` is "not found" and untouched.
    const cross = await b.call('POST', '/jobs/bulk/cancel', { ids: [mine[0]] });
    expect(cross.json).toMatchObject({ matched: 0, cancelled: [], not_found: [mine[0]] });
    expect((await b.call('GET', `/jobs/${theirs}`)).json.status).toBe('queued');
    expect((await a.call('GET', `/jobs/${mine[0]}`)).json.status).toBe('cancelled');
  });

  it('bounds a request: 400 above 500 ids, bulk-limit-exceeded above 500 matches, validation without a selection', async () => {
    const a = await tenant();
    const ids = Array.from({ length: 501 }, (_, i) => `job_${i}`);
    const many = await a.call('POST', '/jobs/bulk/cancel', { ids });
    expectProblem(many, 'validation');
    expect(JSON.stringify(many.json)).toContain('at most 500');
    expectProblem(await a.call('POST', '/jobs/bulk/rerun', {}), 'validation');
    const [wf] = await testDb().execute<{ id: string; vid: string }>(sql`
      select w.id, v.id as vid from workflows w join workflow_versions v on v.workflow_id = w.id
      where w.workspace_id = ${a.workspaceId}`);
    await testDb().execute(sql`
      insert into jobs (id, workspace_id, workflow_id, workflow_version_id, workflow_slug, workflow_version, payload)
      select 'job_rb' || g || ${a.workspaceId.slice(-8)}, ${a.workspaceId}, ${wf!.id}, ${wf!.vid}, 'two', 1, '{}'::jsonb
      from generate_series(1, 501) g`);
    expectProblem(
      await a.call('POST', '/jobs/bulk/cancel', { filter: { status: 'queued' } }),
      'bulk-limit-exceeded',
    );
  });

  it('reruns failed jobs from their failed step, skipping the rest', async () => {
    const a = await tenant();
    const failed = await a.failedJob();
    const live = (await a.call('POST', '/jobs', { workflow: 'two' })).json.id;
    const res = await a.call('POST', '/jobs/bulk/rerun', { ids: [failed, live, 'job_nope'] });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ matched: 2, skipped: [live], refused: [], not_found: ['job_nope'] });
    const { id } = (res.json.rerun as { of: string; id: string }[])[0]!;
    expect((await a.call('GET', `/jobs/${id}`)).json).toMatchObject({
      rerun_of: failed,
      replay_from_step: 1,
    });
  });
});
