import { monitorEventLoopDelay } from 'node:perf_hooks';
import { InngestTestEngine } from '@inngest/test';
import {
  budgetStatus,
  cancelJob,
  createWorkflow,
  getJob,
  getJobTrace,
  PLANS,
  setMonthlyBudget,
  setWorkspacePlan,
  submitJob,
  verifyWebhook,
} from '@levqor/core';
import {
  costLedger,
  devMail,
  engineConcurrencyKeys,
  engineRuns,
  eq,
  jobEvents,
  jobSteps,
  jobs,
  securityEvents,
  sql,
  webhookAttempts,
  webhookDeliveries,
  workspaces,
} from '@levqor/db';
import { makeUser } from '@levqor/testing';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInngestFunctions } from '../inngest/functions';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb, waitFor } from '../testing/helpers';
import { createLevqorEngine } from './index';
import { jobsRunFunction } from './jobs-run';
import { fakeOpenAi, startTestServer, type TestServer } from './test-servers';

// All product-flow tests live in this one file: they share the `jobs.run` function id.
const db = openTestDb();
const { registry, client } = createLevqorEngine(db, { provider: 'local' });
const worker = createWorker({
  db,
  // Not the billing functions: billing.int.test.ts runs those, on the same database, at the same time.
  registry: createRegistry(registry.definitions.filter((d) => !d.id.startsWith('billing.'))),
  concurrency: 4,
  pollMs: 100,
  backoff: { baseMs: 100, maxMs: 400 },
});
let ai: TestServer;

beforeAll(async () => {
  ai = await fakeOpenAi();
  process.env.LEVQOR_AI_BASE_URL = `${ai.url}/v1`;
  process.env.LEVQOR_SSRF_ALLOW = '127.0.0.1,localhost';
  process.env.LEVQOR_WEBHOOK_BACKOFF = '1s,1s';
});
afterAll(async () => {
  await ai.close();
  await closeDb(db);
});

async function setup(steps: unknown[], extra: { budgetCents?: number } = {}) {
  const { user, workspace } = await makeUser({ name: 'Owner' });
  if (extra.budgetCents !== undefined) await setMonthlyBudget(db, workspace.id, { cents: extra.budgetCents });
  const wf = await createWorkflow(db, workspace.id, {
    slug: 'flow',
    name: 'Flow',
    steps: steps as never,
    publish: true,
  });
  const submit = (body: Record<string, unknown> = {}) =>
    submitJob(
      db,
      { workspaceId: workspace.id, submittedBy: user.id, events: client },
      { workflow: wf.slug, ...body },
    );
  return { user, workspace, submit };
}

describe('jobs run for real on the local engine', () => {
  it('demo.flow echoes its input; reservation settled and released in the ledger', async () => {
    const { user, workspace } = await makeUser();
    const { job } = await submitJob(
      db,
      { workspaceId: workspace.id, submittedBy: user.id, events: client },
      { workflow: 'demo.flow', payload: { x: 1 }, priority: 'normal' },
    );
    expect(job.status).toBe('queued');
    expect(job.estimated_cost_cents).toBe(0.01);
    expect((await budgetStatus(db, workspace.id)).reserved).toBe(100);
    await worker.drain();
    const done = await getJob(db, workspace.id, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ x: 1 });
    expect(done.cost_cents).toBe(0.01);
    expect(done.steps).toMatchObject([
      { id: 'echo', type: 'transform', status: 'succeeded', attempt: 1, cost_cents: 0.01, output: { x: 1 } },
    ]);
    expect(done.events.map((e) => e.type)).toEqual([
      'job.queued',
      'job.started',
      'step.started',
      'step.succeeded',
      'job.succeeded',
    ]);
    const ledger = await db.select().from(costLedger).where(eq(costLedger.jobId, job.id));
    expect(ledger.map((l) => [l.kind, l.amount]).sort()).toEqual([
      ['release', '0.0100'],
      ['reserve', '0.0100'],
      ['settle', '0.0100'],
    ]);
    expect(await budgetStatus(db, workspace.id)).toMatchObject({ reserved: 0, spent: 100 });
  });

  it('runs http → ai → transform → delay → email with exact costs', async () => {
    const site = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Levqor runs jobs durably.');
    });
    try {
      const { workspace, submit, user } = await setup([
        {
          id: 'fetch',
          type: 'http',
          method: 'GET',
          url: '{{input.url}}',
          headers: { 'x-trace': '{{input.trace}}' },
        },
        {
          id: 'sum',
          type: 'ai',
          model: 'gpt-4o-mini',
          prompt: 'Summarize: {{steps.fetch.output.body}}',
          max_tokens: 300,
        },
        {
          id: 'shape',
          type: 'transform',
          expression: "{ 'summary': steps.sum.output.text, 'status': steps.fetch.output.status }",
        },
        { id: 'wait', type: 'delay', duration: '1s' },
        {
          id: 'tell',
          type: 'email',
          to: 'owner',
          subject: 'Done: {{input.trace}}',
          body: '{{steps.sum.output.text}}',
        },
      ]);
      const { job } = await submit({ payload: { url: `${site.url}/page`, trace: 'abc' } });
      await worker.drain({ settle: true, timeoutMs: 30_000 });
      const done = await getJob(db, workspace.id, job.id);
      expect(done.error).toBeNull();
      expect(done.status).toBe('succeeded');
      const [fetch, sum, shape, wait, tell] = done.steps;
      expect(fetch!.output).toMatchObject({ status: 200, body: 'Levqor runs jobs durably.' });
      expect(site.requests[0]!.headers['x-trace']).toBe('abc');
      expect(sum!.output).toEqual({
        text: 'SUMMARY(36 chars)',
        usage: { prompt_tokens: 1200, completion_tokens: 150 },
      });
      expect(JSON.parse(ai.requests.at(-1)!.body)).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 300 });
      expect(shape!.output).toEqual({ summary: 'SUMMARY(36 chars)', status: 200 });
      expect((wait!.output as { slept_ms: number }).slept_ms).toBeGreaterThanOrEqual(1000);
      expect(tell!.output).toMatchObject({ message_id: expect.stringMatching(/^mail_/) });
      const [mail] = await db
        .select()
        .from(devMail)
        .where(eq(devMail.id, (tell!.output as { message_id: string }).message_id));
      expect(mail).toMatchObject({ to: user.email, subject: 'Done: abc' });
      // fees: http 0.05 + ai 0.1 + transform 0.01 + delay 0.01 + email 0.1 = 0.27¢;
      // tokens: 1200 × 15 / 1e6 = 0.018¢, 150 × 60 / 1e6 = 0.009¢ → 0.297¢
      expect(sum!.cost_cents).toBe(0.127);
      expect(done.cost_cents).toBe(0.297);
      expect(done.result).toEqual(tell!.output);
    } finally {
      await site.close();
    }
  });

  it('retries a failing step with back-off and records every attempt', async () => {
    const flaky = await startTestServer((_req, res, _b, n) => {
      if (n <= 2) res.socket?.destroy();
      else res.writeHead(200).end('ok');
    });
    try {
      const { workspace, submit } = await setup([
        { id: 'fetch', type: 'http', url: `${flaky.url}/x`, timeout_ms: 2000 },
      ]);
      const { job } = await submit();
      const t0 = Date.now();
      await worker.drain({ settle: true, timeoutMs: 30_000 });
      const done = await getJob(db, workspace.id, job.id);
      expect(done.status).toBe('succeeded');
      expect(done.steps[0]).toMatchObject({ status: 'succeeded', attempt: 3 });
      expect(done.events.filter((e) => e.type === 'step.failed')).toHaveLength(2);
      expect(flaky.requests).toHaveLength(3);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
      const [row] = await db.select().from(jobs).where(eq(jobs.id, job.id));
      expect(row!.attempts).toBe(3);
    } finally {
      await flaky.close();
    }
  });

  it('fails a job at once on a permanent error (SSRF refusal) and releases its reservation', async () => {
    const { workspace, submit } = await setup([
      { id: 'fetch', type: 'http', url: 'http://169.254.169.254/latest/meta-data' },
    ]);
    const { job } = await submit();
    await worker.drain();
    const done = await getJob(db, workspace.id, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/Refusing to connect to 169\.254\.169\.254/);
    expect(done.steps[0]).toMatchObject({ status: 'failed', attempt: 1 });
    expect((await budgetStatus(db, workspace.id)).reserved).toBe(0);
  });

  it('honours idempotency keys', async () => {
    const { submit } = await setup([{ id: 't', type: 'transform', expression: 'input' }]);
    const a = await submit({ payload: { n: 1 }, idempotency_key: 'key-1' });
    const b = await submit({ payload: { n: 1 }, idempotency_key: 'key-1' });
    expect(b.job.id).toBe(a.job.id);
    expect(b.created).toBe(false);
    await expect(submit({ payload: { n: 2 }, idempotency_key: 'key-1' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const c = await submit({ payload: { n: 1 }, idempotency_key: 'key-2' });
    expect(c.job.id).not.toBe(a.job.id);
  });

  it('refuses a job over budget with the three numbers, and accepts it once budget frees up', async () => {
    const { workspace, submit } = await setup(
      [
        {
          id: 'sum',
          type: 'ai',
          model: 'gpt-4o-mini',
          prompt: 'x',
          max_tokens: 1000,
          max_input_tokens: 1000,
        },
      ],
      {
        budgetCents: 0,
      },
    );
    const err = (await submit().catch((e: unknown) => e)) as { code: string; message: string };
    expect(err.code).toBe('PAYMENT_REQUIRED');
    expect(err.message).toBe(
      'Estimated cost 0.175¢ exceeds the remaining budget: budget 0¢ − spent 0¢ − reserved 0¢ = 0¢ this month',
    );
    await setMonthlyBudget(db, workspace.id, { cents: 1 });
    const ok = await submit();
    expect(ok.job.estimated_cost_cents).toBe(0.175);
    expect((await budgetStatus(db, workspace.id)).reserved).toBe(1750);
  });

  it('cancels a queued job and releases its reservation', async () => {
    const { workspace, submit } = await setup([{ id: 't', type: 'transform', expression: 'input' }]);
    const { job } = await submit();
    const cancelled = await cancelJob(db, client, workspace.id, job.id);
    expect(cancelled.status).toBe('cancelled');
    expect((await budgetStatus(db, workspace.id)).reserved).toBe(0);
    const [run] = await db
      .select()
      .from(engineRuns)
      .where(
        eq(engineRuns.payload, {
          jobId: job.id,
          workspaceId: workspace.id,
          priority: 'normal',
          concurrency: 2,
        }),
      );
    expect(run?.status).toBe('cancelled');
    await expect(cancelJob(db, client, workspace.id, job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("runs at most the plan's number of a workspace's jobs at once (its key's limit follows the plan)", async () => {
    const { user, workspace, submit } = await setup([{ id: 't', type: 'transform', expression: 'input' }]);
    const limitOfKey = async () => {
      const [row] = await db
        .select({ limit: engineConcurrencyKeys.concurrencyLimit })
        .from(engineConcurrencyKeys)
        .where(eq(engineConcurrencyKeys.key, `jobs.run:${workspace.id}`));
      return row?.limit;
    };
    await submit();
    expect(await limitOfKey()).toBe(PLANS.free.concurrency);
    await setWorkspacePlan(db, { workspaceId: workspace.id, plan: 'business', actor: 'system' });
    // Intake reads the plan at most 5 s stale; a locked intake (inside a transaction) reads it fresh.
    await db.transaction((tx) =>
      submitJob(
        tx,
        { workspaceId: workspace.id, submittedBy: user.id, events: client },
        { workflow: 'flow' },
      ),
    );
    expect(await limitOfKey()).toBe(PLANS.business.concurrency);
  });

  it('stores no steps or timeline rows at intake: a queued job reads them from its version, and its run stores the steps', async () => {
    const { workspace, submit } = await setup([
      { id: 'a', type: 'transform', expression: 'input' },
      { id: 'b', type: 'transform', expression: '2' },
    ]);
    const { job } = await submit({ payload: { n: 1 } });
    const stored = async () => ({
      steps: (await db.select().from(jobSteps).where(eq(jobSteps.jobId, job.id))).length,
      events: (await db.select().from(jobEvents).where(eq(jobEvents.jobId, job.id))).map((e) => e.type),
    });
    expect(await stored()).toEqual({ steps: 0, events: [] });
    const queued = await getJob(db, workspace.id, job.id);
    const pending = (id: string) => ({
      id,
      type: 'transform',
      status: 'pending',
      attempt: 0,
      duration_ms: null,
      cost_cents: 0,
      output: null,
      error: null,
      reused_from: null,
    });
    expect(queued.steps).toEqual([pending('a'), pending('b')]);
    expect(queued.events).toEqual([
      {
        id: `evt_${job.id.slice('job_'.length)}`,
        type: 'job.queued',
        message: `Queued flow v1 (estimate ${job.estimated_cost_cents}¢)`,
        step_id: null,
        created_at: job.created_at,
      },
    ]);
    expect((await getJob(db, workspace.id, job.id)).events[0]!.id).toBe(queued.events[0]!.id);

    await worker.drain();
    const done = await getJob(db, workspace.id, job.id);
    expect(done.steps.map((s) => [s.id, s.status, s.attempt])).toEqual([
      ['a', 'succeeded', 1],
      ['b', 'succeeded', 1],
    ]);
    expect(done.events[0]).toEqual(queued.events[0]);
    expect(done.events.map((e) => e.type)).toContain('job.succeeded');
    expect(await stored()).toMatchObject({ steps: 2 });
    expect((await stored()).events).not.toContain('job.queued');
  });

  it('a job cancelled before it starts reads its steps as cancelled, in the API and in its webhook', async () => {
    const hook = await startTestServer((_req, res) => res.writeHead(204).end());
    try {
      const { workspace, submit } = await setup([
        { id: 'a', type: 'transform', expression: 'input' },
        { id: 'b', type: 'transform', expression: '2' },
      ]);
      const { job } = await submit({ callback_url: `${hook.url}/hook` });
      await cancelJob(db, client, workspace.id, job.id);
      const cancelled = await getJob(db, workspace.id, job.id);
      expect(cancelled.steps.map((s) => [s.id, s.status])).toEqual([
        ['a', 'cancelled'],
        ['b', 'cancelled'],
      ]);
      expect(cancelled.events.map((e) => e.type)).toEqual([
        'job.queued',
        'job.cancel_requested',
        'job.cancelled',
        'webhook.queued',
      ]);
      await worker.drain({ settle: true, timeoutMs: 20_000 });
      expect(hook.requests).toHaveLength(1);
      const sent = JSON.parse(hook.requests[0]!.body) as {
        type: string;
        data: { job: { steps: { id: string; status: string }[] } };
      };
      expect(sent.type).toBe('job.cancelled');
      expect(sent.data.job.steps.map((s) => [s.id, s.status])).toEqual([
        ['a', 'cancelled'],
        ['b', 'cancelled'],
      ]);
    } finally {
      await hook.close();
    }
  });

  it('reads a job accepted before intake stopped storing steps and its queued entry without doubling them', async () => {
    const { workspace, submit } = await setup([{ id: 'a', type: 'transform', expression: 'input' }]);
    const { job } = await submit();
    // As intake stored them until 2026-11: a pending step and the queued entry.
    await db.insert(jobSteps).values({ jobId: job.id, stepId: 'a', type: 'transform', position: 0 });
    await db.insert(jobEvents).values({ jobId: job.id, type: 'job.queued', message: 'Queued flow v1' });
    const before = await getJob(db, workspace.id, job.id);
    expect(before.events.map((e) => [e.type, e.message])).toEqual([['job.queued', 'Queued flow v1']]);
    await worker.drain();
    const done = await getJob(db, workspace.id, job.id);
    expect(done.steps.map((s) => [s.id, s.status])).toEqual([['a', 'succeeded']]);
    expect(done.events.filter((e) => e.type === 'job.queued')).toHaveLength(1);
  });

  it('cancels a sleeping job', async () => {
    const { workspace, submit } = await setup([
      { id: 'a', type: 'transform', expression: '1' },
      { id: 'nap', type: 'delay', duration: '1h' },
      { id: 'b', type: 'transform', expression: '2' },
    ]);
    const { job } = await submit();
    await worker.drain();
    expect((await getJob(db, workspace.id, job.id)).steps.map((s) => s.status)).toEqual([
      'succeeded',
      'sleeping',
      'pending',
    ]);
    await cancelJob(db, client, workspace.id, job.id);
    const done = await getJob(db, workspace.id, job.id);
    expect(done.status).toBe('cancelled');
    expect(done.steps.map((s) => s.status)).toEqual(['succeeded', 'cancelled', 'cancelled']);
    expect(done.cost_cents).toBe(0.01);
  });

  it('cancels a running job: the in-flight http call is aborted', async () => {
    let aborted = false;
    const hang = await startTestServer((req) => {
      req.socket.on('close', () => {
        aborted = true;
      });
    });
    const running = createWorker({ db, registry, concurrency: 2, pollMs: 50 });
    try {
      const { workspace, submit } = await setup([
        { id: 'slow', type: 'http', url: `${hang.url}/slow`, timeout_ms: 30_000 },
      ]);
      const { job } = await submit();
      await running.start();
      await waitFor(
        async () => (await getJob(db, workspace.id, job.id)).steps[0]!.status === 'running',
        10_000,
        'step running',
      );
      await cancelJob(db, client, workspace.id, job.id);
      await waitFor(() => aborted, 10_000, 'request aborted');
      expect((await getJob(db, workspace.id, job.id)).status).toBe('cancelled');
    } finally {
      await running.stop();
      await hang.close();
    }
  });

  it('delivers a signed webhook, retrying after a 500', async () => {
    const hook = await startTestServer((_req, res, _b, n) => res.writeHead(n === 1 ? 500 : 204).end());
    try {
      const { workspace, submit } = await setup([
        { id: 't', type: 'transform', expression: "{ 'ok': true }" },
      ]);
      const { job } = await submit({ callback_url: `${hook.url}/hook`, payload: { a: 1 } });
      await worker.drain({ settle: true, timeoutMs: 20_000 });
      expect(hook.requests).toHaveLength(2);
      const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
      const last = hook.requests[1]!;
      expect(verifyWebhook(ws!.webhookSecret, last.body, String(last.headers['levqor-signature']))).toBe(
        true,
      );
      expect(verifyWebhook('whsec_wrong', last.body, String(last.headers['levqor-signature']))).toBe(false);
      expect(JSON.parse(last.body)).toMatchObject({
        type: 'job.succeeded',
        data: { job: { id: job.id, status: 'succeeded', result: { ok: true } } },
      });
      const [delivery] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.jobId, job.id));
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 204 });
      const attempts = await db
        .select()
        .from(webhookAttempts)
        .where(eq(webhookAttempts.deliveryId, delivery!.id));
      expect(attempts.map((a) => a.statusCode).sort()).toEqual([204, 500]);
    } finally {
      await hook.close();
    }
  });
});

describe('transforms run sandboxed: a runaway fails its own job only', () => {
  /** Runs `fn` with the given variables set, as the worker reads them for each step. */
  async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    Object.assign(process.env, vars);
    try {
      return await fn();
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it.each([
    // A loop in constant memory (a tail call: ~240 s of work), given 10 s here so that the other jobs
    // surely finish first on a slow (or loaded) machine; run-transform.test.ts checks the 1 s default.
    // (The issue's `$sum([1..10000000].($ * 2))` fills a 256 MB heap within 10 s on a quiet machine, and
    // ends in 8 s with a larger one: which limit it meets depended on the machine's speed.)
    [
      'a CPU runaway',
      '($loop := function($n) { $n = 0 ? 0 : $loop($n - 1) }; $loop(100000000))',
      { LEVQOR_TRANSFORM_TIMEOUT_MS: '10000' },
      'transform exceeded 10 s',
    ],
    // Seconds of work, then one 200 MB string over a 128 MB heap (under a worker thread's
    // resourceLimits that allocation aborts the whole process).
    [
      'a memory runaway',
      '($n := $sum([1..600000].($ * 2)); $pad("x", 200000000))',
      { LEVQOR_TRANSFORM_MEMORY_MB: '128', LEVQOR_TRANSFORM_TIMEOUT_MS: '60000' },
      'transform exceeded its memory limit (128 MB)',
    ],
  ])(
    '%s fails at once (no retry) while the same worker finishes other jobs',
    async (_name, expression, env, message) => {
      const runaway = await setup([{ id: 'spin', type: 'transform', expression }]);
      const normal = await setup([
        { id: 'pick', type: 'transform', expression: 'input.n' },
        { id: 'double', type: 'transform', expression: 'steps.pick.output * 2' },
      ]);
      const spin = await runaway.submit({ payload: {} });
      const others = await Promise.all(
        Array.from({ length: 8 }, (_, n) => normal.submit({ payload: { n } })),
      );
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      await withEnv(env, () => worker.drain());
      delay.disable();

      const failed = await getJob(db, runaway.workspace.id, spin.job.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toBe(`Step spin failed: ${message}`);
      expect(failed.steps).toMatchObject([{ status: 'failed', attempt: 1, error: message }]);
      for (const [n, { job }] of others.entries()) {
        const done = await getJob(db, normal.workspace.id, job.id);
        expect(done.status).toBe('succeeded');
        expect(done.result).toBe(n * 2);
        // Finished while the runaway was still running.
        expect(Date.parse(done.finished_at!)).toBeLessThanOrEqual(Date.parse(failed.finished_at!));
      }
      // The worker's event loop kept turning (evaluated in-process, the CPU runaway held it for ~35 s).
      expect(delay.max / 1e6).toBeLessThan(1000);
    },
  );
});

/** `ssrf.blocked` security events of one job. */
async function ssrfEvents(jobId: string) {
  return db
    .select()
    .from(securityEvents)
    .where(sql`${securityEvents.type} = 'ssrf.blocked' and ${securityEvents.metadata}->>'job_id' = ${jobId}`);
}

/** Runs `fn` with LEVQOR_SSRF_ALLOW set to `allow` (or unset), as production runs jobs. */
async function withSsrfAllow<T>(allow: string | undefined, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.LEVQOR_SSRF_ALLOW;
  if (allow === undefined) delete process.env.LEVQOR_SSRF_ALLOW;
  else process.env.LEVQOR_SSRF_ALLOW = allow;
  try {
    return await fn();
  } finally {
    process.env.LEVQOR_SSRF_ALLOW = saved;
  }
}

/**
 * Loopback forms of a server listening on 127.0.0.1:PORT (the same list is decided offline in
 * packages/core/src/net/ssrf-guard.test.ts). Nothing here ever leaves this machine: every target is
 * an IP literal or a local-only name, refused before any DNS lookup or connection.
 */
const LOOPBACK_TARGETS = [
  'http://localhost:PORT/',
  'http://LOCALHOST:PORT/',
  'http://localhost.:PORT/',
  'http://api.localhost:PORT/',
  'http://127.0.0.1:PORT/',
  'http://127.0.0.1.:PORT/',
  'http://127.1:PORT/',
  'http://127.0.1:PORT/',
  'http://0x7f.1:PORT/',
  'http://0x7f000001:PORT/',
  'http://0x7F.0x0.0x0.0x1:PORT/',
  'http://2130706433:PORT/',
  'http://0177.0.0.1:PORT/',
  'http://017700000001:PORT/',
  'http://%31%32%37.0.0.1:PORT/',
  'http://127。0。0。1:PORT/',
  'http://0.0.0.0:PORT/',
  'http://0:PORT/',
  'http://[::]:PORT/',
  'http://[::1]:PORT/',
  'http://[0:0:0:0:0:0:0:1]:PORT/',
  'http://[::ffff:127.0.0.1]:PORT/',
  'http://[::ffff:7f00:1]:PORT/',
  'http://[0:0:0:0:0:ffff:127.0.0.1]:PORT/',
  'http://[::127.0.0.1]:PORT/',
  'http://[::ffff:0:7f00:1]:PORT/',
  'http://[64:ff9b::7f00:1]:PORT/',
  'http://[2002:7f00:1::]:PORT/',
  'HTTP://127.0.0.1:PORT/',
  'hTtP://LocalHost:PORT/x',
];
const OTHER_REFUSALS: [string, RegExp][] = [
  ['http://user@127.0.0.1:PORT/', /credentials/],
  ['http://user:secret@localhost:PORT/', /credentials/],
  ['file:///etc/passwd', /Only http and https/],
  ['gopher://127.0.0.1:PORT/_GET%20/', /Only http and https/],
  ['ftp://127.0.0.1:PORT/', /Only http and https/],
  ['data:text/plain,hello', /Only http and https/],
];

describe('SSRF guard end to end (LEVQOR_SSRF_ALLOW unset, as in production)', () => {
  it(`refuses ${LOOPBACK_TARGETS.length + OTHER_REFUSALS.length} loopback forms and schemes: jobs fail, the local server receives nothing, each refusal is logged`, async () => {
    const victim = await startTestServer((_req, res) => res.writeHead(200).end('internal only'));
    const port = new URL(victim.url).port;
    try {
      await withSsrfAllow(undefined, async () => {
        const { workspace, submit } = await setup([
          { id: 'fetch', type: 'http', url: '{{input.url}}', timeout_ms: 2000 },
        ]);
        const cases = [
          ...LOOPBACK_TARGETS.map(
            (t) => [t, /^Step fetch failed: Refusing to connect to /] as [string, RegExp],
          ),
          ...OTHER_REFUSALS,
        ].map(([t, expected]) => ({ url: t.replace('PORT', port), expected }));
        const submitted = [];
        for (const c of cases) submitted.push({ ...c, job: (await submit({ payload: { url: c.url } })).job });
        await worker.drain({ timeoutMs: 60_000 });
        for (const { url, expected, job } of submitted) {
          const done = await getJob(db, workspace.id, job.id);
          expect(done.status, url).toBe('failed');
          expect(done.error, url).toMatch(expected);
          expect(done.steps[0], url).toMatchObject({ status: 'failed', attempt: 1 });
          const events = await ssrfEvents(job.id);
          expect(events, url).toHaveLength(1);
          expect(events[0]).toMatchObject({ severity: 'warning', actorHash: null, emailHash: null });
          expect(events[0]!.metadata).toMatchObject({
            source: 'http_step',
            step_id: 'fetch',
            workspace_id: workspace.id,
            host: new URL(url).host || null,
            scheme: new URL(url).protocol,
          });
        }
        const hosts = await Promise.all(
          submitted.slice(0, 3).map(async (s) => (await ssrfEvents(s.job.id))[0]!.metadata),
        );
        expect(hosts.map((m) => (m as { host: string }).host)).toEqual([
          `localhost:${port}`,
          `localhost:${port}`,
          `localhost.:${port}`,
        ]);
      });
      expect(victim.requests).toHaveLength(0);
    } finally {
      await victim.close();
    }
  });

  it('refuses a redirect from an allowed server to loopback or metadata at the second hop', async () => {
    const victim = await startTestServer((_req, res) => res.writeHead(200).end('internal only'));
    const port = new URL(victim.url).port;
    const redirector = await startTestServer((req, res) => {
      const to =
        req.url === '/to-metadata' ? 'http://169.254.169.254/latest/meta-data/' : `http://localhost:${port}/`;
      res.writeHead(302, { location: to }).end();
    });
    try {
      // Only the redirector's address is allowed (by IP): `localhost` is not, though it resolves to it.
      await withSsrfAllow('127.0.0.1', async () => {
        const { workspace, submit } = await setup([
          { id: 'fetch', type: 'http', url: '{{input.url}}', timeout_ms: 2000 },
        ]);
        const a = (await submit({ payload: { url: `${redirector.url}/to-loopback` } })).job;
        const b = (await submit({ payload: { url: `${redirector.url}/to-metadata` } })).job;
        await worker.drain({ timeoutMs: 30_000 });
        const [da, db_] = [await getJob(db, workspace.id, a.id), await getJob(db, workspace.id, b.id)];
        expect(da.status).toBe('failed');
        expect(da.error).toBe(
          'Step fetch failed: Redirect 1 refused: Refusing to connect to localhost: a local or private host name',
        );
        expect(db_.status).toBe('failed');
        expect(db_.error).toMatch(
          /^Step fetch failed: Redirect 1 refused: Refusing to connect to 169\.254\.169\.254/,
        );
        expect((await ssrfEvents(a.id))[0]!.metadata).toMatchObject({ host: `localhost:${port}`, hop: 1 });
        expect((await ssrfEvents(b.id))[0]!.metadata).toMatchObject({ host: '169.254.169.254', hop: 1 });
      });
      expect(redirector.requests.map((r) => r.path).sort()).toEqual(['/to-loopback', '/to-metadata']);
      expect(victim.requests).toHaveLength(0);
    } finally {
      await redirector.close();
      await victim.close();
    }
  });

  it('refuses a webhook to a loopback callback_url at once (no retries) and logs it', async () => {
    const victim = await startTestServer((_req, res) => res.writeHead(204).end());
    const port = new URL(victim.url).port;
    try {
      await withSsrfAllow(undefined, async () => {
        const { submit } = await setup([{ id: 't', type: 'transform', expression: "{ 'ok': true }" }]);
        // Submission refuses such a URL now (400); a job accepted before that check, or whose host
        // resolves inward only later, still meets the delivery guard.
        const { job } = await submit({ callback_url: 'https://hooks.levqor-test.invalid/hook' });
        await db
          .update(jobs)
          .set({ callbackUrl: `http://0x7f.1:${port}/hook` })
          .where(eq(jobs.id, job.id));
        await worker.drain({ settle: true, timeoutMs: 30_000 });
        const [delivery] = await db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.jobId, job.id));
        expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
        expect(delivery!.lastError).toMatch(/^Refusing to connect to 127\.0\.0\.1/);
        const events = await ssrfEvents(job.id);
        expect(events).toHaveLength(1);
        expect(events[0]!.metadata).toMatchObject({
          source: 'webhook',
          host: `127.0.0.1:${port}`,
          delivery_id: delivery!.id,
        });
      });
      expect(victim.requests).toHaveLength(0);
    } finally {
      await victim.close();
    }
  });
});

describe('the Inngest engine runs the same product handler', () => {
  it('jobs.run under @inngest/test (sleep mocked) writes the same job records as the local engine', async () => {
    const { user, workspace } = await makeUser({ name: 'Owner' });
    await createWorkflow(db, workspace.id, {
      slug: 'parity',
      name: 'Parity',
      publish: true,
      steps: [
        { id: 'double', type: 'transform', expression: "{ 'n': input.n * 2 }" },
        { id: 'nap', type: 'delay', duration: '1s' },
        {
          id: 'shape',
          type: 'transform',
          expression: "{ 'result': steps.double.output.n, 'tag': input.tag }",
        },
      ] as never,
    });
    // Inngest's outbox is not drained here: the event is handed to the test engine directly.
    const noEngine = { send: async () => {}, flush: async () => {} };
    const submitWith = (events: typeof noEngine | typeof client) =>
      submitJob(
        db,
        { workspaceId: workspace.id, submittedBy: user.id, events },
        { workflow: 'parity', payload: { n: 21, tag: 'x' } },
      );

    const viaInngest = (await submitWith(noEngine)).job;
    const inngest = new Inngest({ id: 'levqor-parity', isDev: true });
    const [fn] = createInngestFunctions(inngest, createRegistry([jobsRunFunction(db, noEngine)]), {
      log: silentSink,
    });
    const { error } = await new InngestTestEngine({
      function: fn!,
      events: [
        {
          name: 'levqor/job.submitted',
          data: { jobId: viaInngest.id, workspaceId: workspace.id, priority: 'normal' },
        },
      ],
      steps: [{ id: 'nap', handler: () => undefined }],
    }).execute();
    expect(error).toBeUndefined();

    const viaLocal = (await submitWith(client)).job;
    await worker.drain({ settle: true, timeoutMs: 20_000 });

    const [a, b] = [
      await getJob(db, workspace.id, viaInngest.id),
      await getJob(db, workspace.id, viaLocal.id),
    ];
    const shape = (j: typeof a) => ({
      status: j.status,
      result: j.result,
      error: j.error,
      cost_cents: j.cost_cents,
      steps: j.steps.map(({ duration_ms: _d, output, ...s }) => ({
        ...s,
        output: s.type === 'delay' ? 'slept' : output,
      })),
      events: j.events.map((e) => e.type),
    });
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).toMatchObject({
      status: 'succeeded',
      result: { result: 42, tag: 'x' },
      cost_cents: 0.03,
    });
    expect((await budgetStatus(db, workspace.id)).reserved).toBe(0);
  });
});

describe('the run trace reads what the local engine did', () => {
  it('shows each attempt with offsets and durations, the resolved input, the retry wait and the wake time', async () => {
    const flaky = await startTestServer((_req, res, _b, n) => {
      if (n <= 2) res.socket?.destroy();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    try {
      const { workspace, submit } = await setup([
        { id: 'fetch', type: 'http', url: `${flaky.url}/x/{{input.who}}`, timeout_ms: 2000 },
        { id: 'nap', type: 'delay', duration: '1h' },
        { id: 'after', type: 'transform', expression: '1' },
      ]);
      const { job } = await submit({ payload: { who: 'ada' } });
      const trace = () => getJobTrace(db, { workspaceId: workspace.id, jobId: job.id });

      // First attempt fails: the step waits to retry, at the time the engine scheduled.
      await worker.drain();
      const waiting = await trace();
      const fetch1 = waiting.steps[0]!;
      expect(fetch1).toMatchObject({ id: 'fetch', status: 'pending' });
      expect(fetch1.input).toMatchObject({ method: 'GET', url: `${flaky.url}/x/ada` });
      expect(fetch1.attempts).toHaveLength(1);
      expect(fetch1.attempts[0]).toMatchObject({ attempt: 1, status: 'failed' });
      expect(fetch1.attempts[0]!.error).toMatch(/^HTTP request to .*\/x\/ada failed: /);
      expect(fetch1.attempts[0]!.duration_ms).toEqual(expect.any(Number));
      const [run] = await db
        .select()
        .from(engineRuns)
        .where(sql`${engineRuns.payload} ->> 'jobId' = ${job.id}`);
      expect(fetch1.retry).toEqual({ at: run!.runAt.toISOString(), next_attempt: 2, max_attempts: 5 });
      expect(new Date(fetch1.retry!.at!).getTime()).toBeGreaterThan(new Date(waiting.now).getTime() - 1_000);

      // Retried until it succeeds; then the delay step sleeps for an hour.
      for (let i = 0; i < 40; i++) {
        if ((await trace()).steps[1]!.status === 'sleeping') break;
        await new Promise((r) => setTimeout(r, 150));
        await worker.drain();
      }
      const asleep = await trace();
      const [fetch, nap, after] = asleep.steps;
      expect(fetch!.status).toBe('succeeded');
      expect(fetch!.retry).toBeNull();
      expect(fetch!.output).toMatchObject({ status: 200, body: { ok: true } });
      expect(fetch!.attempts.map((a) => [a.attempt, a.status])).toEqual([
        [1, 'failed'],
        [2, 'failed'],
        [3, 'succeeded'],
      ]);
      // Offsets grow with each attempt; each ends before the next starts.
      for (let i = 1; i < 3; i++) {
        const prev = fetch!.attempts[i - 1]!;
        expect(fetch!.attempts[i]!.start_offset_ms).toBeGreaterThanOrEqual(
          prev.start_offset_ms + (prev.duration_ms ?? 0),
        );
      }
      expect(nap!.status).toBe('sleeping');
      expect(nap!.attempts).toEqual([
        expect.objectContaining({ attempt: 1, status: 'sleeping', duration_ms: null }),
      ]);
      const [napRow] = await db
        .select()
        .from(jobSteps)
        .where(sql`${jobSteps.jobId} = ${job.id} and ${jobSteps.stepId} = 'nap'`);
      expect(nap!.wakes_at).toBe(new Date(napRow!.startedAt!.getTime() + 3_600_000).toISOString());
      expect(after).toMatchObject({ status: 'pending', attempts: [], retry: null, wakes_at: null });
      await cancelJob(db, client, workspace.id, job.id);
    } finally {
      await flaky.close();
    }
  });
});
