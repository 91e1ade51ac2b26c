import { sql } from '@levqor/db';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFunction } from '../define-function';
import { createEngineClient } from '../engine-client';
import { RunTimeoutError, StepTimeoutError } from '../errors';
import { type LogSink, silentSink } from '../log';
import { createRegistry } from '../registry';
import {
  abortableWait,
  closeDb,
  delay,
  onlyRun,
  openTestDb,
  runsOf,
  submit,
  uid,
  waitFor,
} from '../testing/helpers';
import { createWorker, type WorkerOptions } from './worker';

const db = openTestDb();
afterAll(() => closeDb(db));

const ZId = z.object({ id: z.string() });

function setup(definitions: Parameters<typeof createRegistry>[0], options: Partial<WorkerOptions> = {}) {
  const registry = createRegistry(definitions);
  const client = createEngineClient({ db, registry, provider: 'local' });
  const worker = createWorker({ db, registry, log: silentSink, pollMs: 50, ...options });
  return { registry, client, worker };
}

describe('local engine', () => {
  it('records a step once and replays it on later attempts', async () => {
    const calls = { a: 0, b: 0 };
    const id = uid('memo');
    const def = defineFunction({
      id,
      trigger: { event: 'test/memo' },
      payload: ZId,
      retries: 3,
      handler: async ({ io }) => {
        const a = await io.step('a', () => {
          calls.a += 1;
          return { value: 41, at: new Date(0) };
        });
        const b = await io.step('b', () => {
          calls.b += 1;
          if (io.attempt < 2) throw new Error(`flaky ${io.attempt}`);
          return a.value + 1;
        });
        return { a, b };
      },
    });
    const { client, worker } = setup([def], { backoff: { baseMs: 10, maxMs: 20 } });
    await submit(db, client, { name: 'test/memo', data: { id } });
    await worker.drain({ settle: true });

    const run = await onlyRun(db, id);
    expect(run.status).toBe('succeeded');
    expect(run.attempt).toBe(2);
    // Step results are JSON: the date was recorded as a string, on the first run as on replays.
    expect(run.output).toEqual({ a: { value: 41, at: '1970-01-01T00:00:00.000Z' }, b: 42 });
    expect(calls).toEqual({ a: 1, b: 3 });
    const steps = await db.execute<{ step_id: string }>(
      sql`select step_id from engine_steps where run_id = ${run.id} order by step_id`,
    );
    expect(steps.map((s) => s.step_id)).toEqual(['a', 'b']);
  });

  it('retries with growing back-off through run_at, then fails and calls onFailure once', async () => {
    const id = uid('retry');
    const failures: { message: string; payloadId: string }[] = [];
    let attempts = 0;
    const def = defineFunction({
      id,
      trigger: { event: 'test/retry' },
      payload: ZId,
      retries: 2,
      handler: async ({ io }) => {
        await io.step('work', () => {
          attempts += 1;
          throw new Error('boom');
        });
      },
      onFailure: async ({ payload, error, io }) => {
        await io.step('notify', () => failures.push({ message: error.message, payloadId: payload.id }));
      },
    });
    const { client, worker } = setup([def], { backoff: { baseMs: 300, maxMs: 5_000 } });
    await submit(db, client, { name: 'test/retry', data: { id } });

    expect(await worker.drain()).toBe(1);
    const first = await onlyRun(db, id);
    const now1 = Date.now();
    expect(first).toMatchObject({ status: 'queued', attempt: 1, last_error: 'boom' });
    // First retry: 300 ms nominal, equal jitter → 150–300 ms from the failure.
    expect(first.run_at_ms - now1).toBeGreaterThan(100);
    expect(first.run_at_ms - now1).toBeLessThanOrEqual(300);
    expect(await worker.drain()).toBe(0); // not due yet

    await waitFor(() => Date.now() >= first.run_at_ms + 20, 5_000, 'first retry due');
    expect(await worker.drain()).toBe(1);
    const second = await onlyRun(db, id);
    const now2 = Date.now();
    expect(second).toMatchObject({ status: 'queued', attempt: 2 });
    expect(second.run_at_ms).toBeGreaterThan(first.run_at_ms);
    // Second retry: 600 ms nominal → 300–600 ms.
    expect(second.run_at_ms - now2).toBeGreaterThan(250);

    await waitFor(() => Date.now() >= second.run_at_ms + 20, 5_000, 'second retry due');
    expect(await worker.drain()).toBe(1);
    const last = await onlyRun(db, id);
    expect(last).toMatchObject({ status: 'failed', attempt: 3, last_error: 'boom' });
    expect(attempts).toBe(3);
    expect(failures).toEqual([{ message: 'boom', payloadId: id }]);
    expect(await worker.drain({ settle: true })).toBe(0);
    expect(failures).toHaveLength(1);
  });

  it('sleeps durably and resumes after the wake-up time without re-running recorded steps', async () => {
    const id = uid('sleep');
    let before = 0;
    const def = defineFunction({
      id,
      trigger: { event: 'test/sleep' },
      payload: ZId,
      handler: async ({ io }) => {
        const start = await io.step('before', () => {
          before += 1;
          return Date.now();
        });
        await io.sleep('nap', '1s');
        const end = await io.step('after', () => Date.now());
        return { slept: end - start };
      },
    });
    const { client, worker } = setup([def]);
    await submit(db, client, { name: 'test/sleep', data: { id } });
    const submittedAt = Date.now();
    await worker.drain();
    const sleeping = await onlyRun(db, id);
    expect(sleeping.status).toBe('sleeping');
    expect(sleeping.run_at_ms - submittedAt).toBeGreaterThan(700);
    expect(await worker.drain()).toBe(0);

    await worker.drain({ settle: true, timeoutMs: 10_000 });
    const done = await onlyRun(db, id);
    expect(done.status).toBe('succeeded');
    expect((done.output as { slept: number }).slept).toBeGreaterThanOrEqual(1_000);
    expect(before).toBe(1);
  });

  it('aborts a step at its timeout and fails the attempt', async () => {
    const id = uid('step-timeout');
    let observed: { result: string; reason: unknown } | undefined;
    const def = defineFunction({
      id,
      trigger: { event: 'test/step-timeout' },
      payload: ZId,
      retries: 0,
      handler: async ({ io }) => {
        await io.step(
          'slow',
          async ({ signal }) => {
            const result = await abortableWait(signal, 10_000);
            observed = { result, reason: signal.reason };
          },
          { timeoutMs: 150 },
        );
      },
    });
    const { client, worker } = setup([def]);
    await submit(db, client, { name: 'test/step-timeout', data: { id } });
    const started = Date.now();
    await worker.drain();
    expect(Date.now() - started).toBeLessThan(5_000);
    const run = await onlyRun(db, id);
    expect(run.status).toBe('failed');
    expect(run.last_error).toBe('Step "slow" timed out after 150 ms');
    await waitFor(() => observed, 1_000, 'step observed its abort');
    expect(observed?.result).toBe('aborted');
    expect(observed?.reason).toBeInstanceOf(StepTimeoutError);
  });

  it('fails a job at its timeout without retrying, aborting the running step, and calls onFailure', async () => {
    const id = uid('job-timeout');
    const errors: Error[] = [];
    let stepResult: string | undefined;
    const def = defineFunction({
      id,
      trigger: { event: 'test/job-timeout' },
      payload: ZId,
      retries: 3,
      timeoutMs: 300,
      handler: async ({ io }) => {
        await io.step('slow', async ({ signal }) => {
          stepResult = await abortableWait(signal, 10_000);
        });
      },
      onFailure: async ({ error }) => {
        errors.push(error);
      },
    });
    const { client, worker } = setup([def]);
    await submit(db, client, { name: 'test/job-timeout', data: { id } });
    await worker.drain({ settle: true });
    const run = await onlyRun(db, id);
    expect(run).toMatchObject({ status: 'failed', attempt: 1, last_error: 'The job timed out after 300 ms' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(RunTimeoutError);
    expect(stepResult).toBe('aborted');
  });

  it('runs higher priorities first, then in order of submission', async () => {
    const id = uid('priority');
    const order: number[] = [];
    const def = defineFunction({
      id,
      trigger: { event: 'test/priority' },
      payload: z.object({ id: z.string(), n: z.number(), rank: z.number() }),
      priority: (payload) => payload.rank,
      handler: async ({ payload, io }) => {
        await io.step('record', () => order.push(payload.n));
      },
    });
    const { client, worker } = setup([def], { concurrency: 1 });
    const ranks = [0, 5, 1, 5, 10, 0];
    for (const [n, rank] of ranks.entries())
      await submit(db, client, { name: 'test/priority', data: { id: `${id}-${n}`, n, rank } });
    await worker.drain();
    expect(order).toEqual([4, 1, 3, 2, 0, 5]);
    expect((await runsOf(db, id)).map((r) => r.priority)).toEqual(ranks);
  });

  it('writes nothing when the sending transaction rolls back (transactional outbox)', async () => {
    const id = uid('outbox');
    const def = defineFunction({
      id,
      trigger: { event: 'test/outbox' },
      payload: ZId,
      handler: async () => 'ran',
    });
    const { client, worker } = setup([def]);
    const rolledBack = uid('rolled-back');
    await expect(
      db.transaction(async (tx) => {
        await client.send(tx, { name: 'test/outbox', data: { id: rolledBack } });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await runsOf(db, id)).toHaveLength(0);
    const events = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from engine_events where data ->> 'id' = ${rolledBack}`,
    );
    expect(events[0]?.n).toBe(0);
    expect(await worker.drain()).toBe(0);

    // An event whose data does not fit a triggered job's payload fails the caller's transaction.
    await expect(
      db.transaction((tx) => client.send(tx, { name: 'test/outbox', data: { id: 42 } })),
    ).rejects.toThrow();

    const committed = uid('committed');
    await submit(db, client, { name: 'test/outbox', data: { id: committed } });
    const runs = await runsOf(db, id);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.payload).toEqual({ id: committed });
    await worker.drain();
    expect((await onlyRun(db, id)).output).toBe('ran');
  });

  it('sends events from a run exactly once, even when the run is retried', async () => {
    const parentId = uid('sender');
    const childId = uid('receiver');
    const childRuns: string[] = [];
    const lines: Record<string, unknown>[] = [];
    const capture: LogSink = (level, record) => lines.push({ level, ...record });
    const parent = defineFunction({
      id: parentId,
      trigger: { event: 'test/send-parent' },
      payload: ZId,
      handler: async ({ payload, io }) => {
        await io.sendEvent('notify', { name: 'test/send-child', data: { id: payload.id } });
        io.log.info('sent', { attempt: io.attempt });
        if (io.attempt === 0) throw new Error('fail after sending');
      },
    });
    const child = defineFunction({
      id: childId,
      trigger: { event: 'test/send-child' },
      payload: ZId,
      handler: async ({ payload }) => {
        childRuns.push(payload.id);
      },
    });
    const { client, worker } = setup([parent, child], { backoff: { baseMs: 10 }, log: capture });
    const id = uid('evt');
    await submit(db, client, { name: 'test/send-parent', data: { id } });
    await worker.drain({ settle: true });
    expect((await onlyRun(db, parentId)).status).toBe('succeeded');
    expect(childRuns).toEqual([id]);
    const sent = lines.filter((line) => line.msg === 'sent');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ level: 'info', functionId: parentId, attempt: 0 });
    expect(sent[0]?.runId).toMatch(/^run_/);
  });

  it('stops gracefully: a running run finishes within the grace period, a longer one is given back', async () => {
    const id = uid('graceful');
    const def = defineFunction({
      id,
      trigger: { event: 'test/graceful' },
      payload: z.object({ id: z.string(), ms: z.number() }),
      handler: async ({ payload, io }) => {
        await io.step('work', ({ signal }) => abortableWait(signal, payload.ms));
        return 'done';
      },
    });
    const { client, worker } = setup([def], { concurrency: 2 });
    await submit(db, client, [
      { name: 'test/graceful', data: { id: `${id}-short`, ms: 200 } },
      { name: 'test/graceful', data: { id: `${id}-long`, ms: 30_000 } },
    ]);
    await worker.start();
    await waitFor(() => worker.activeCount === 2, 5_000, 'both runs started');
    await worker.stop({ graceMs: 1_000 });
    const runs = await runsOf(db, id);
    const byId = new Map(runs.map((r) => [r.payload.id, r]));
    expect(byId.get(`${id}-short`)).toMatchObject({ status: 'succeeded', output: 'done' });
    // Given back, not failed: no attempt consumed, and its step was not recorded.
    expect(byId.get(`${id}-long`)).toMatchObject({ status: 'queued', attempt: 0 });
    const steps = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from engine_steps where run_id = ${byId.get(`${id}-long`)!.id}`,
    );
    expect(steps[0]?.n).toBe(0);
    await delay(10);
  });
});
