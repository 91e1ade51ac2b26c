import { InngestTestEngine } from '@inngest/test';
import { flaggedWorkerConcurrency, forgetStabilizeState, setWorkerConcurrencyFlag } from '@levqor/core';
import { holdStabilizeLock } from '@levqor/core/intelligence/testing';
import { eq, featureFlags, metricRollups, recommendations, sql, stabilizeState } from '@levqor/db';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFunction, ZCronTick } from '../define-function';
import { createEngineClient } from '../engine-client';
import { createInngestFunctions } from '../inngest/functions';
import { scheduleCronTicks } from '../local/cron';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb, submit, uid } from '../testing/helpers';
import { intelligenceRecommendFunction } from './intelligence-recommend';
import { dailySummaryFunction, weeklyReportFunction } from './intelligence-reports';
import { CRITICAL_CRONS, pauseInStabilizeMode } from './stabilize-pause';

const db = openTestDb();
let unlock: () => Promise<void> = async () => {};
beforeAll(async () => {
  unlock = await holdStabilizeLock(db);
});
afterAll(async () => {
  await db.update(stabilizeState).set({ active: false }).where(eq(stabilizeState.id, 'platform'));
  await db.delete(featureFlags).where(eq(featureFlags.key, 'worker.concurrency'));
  forgetStabilizeState();
  await unlock();
  await closeDb(db);
});

describe('intelligence.recommend on both engines', () => {
  it('the local engine and Inngest compute the same period once', async () => {
    const tick = new Date('2019-03-10T00:40:00Z');
    // The day before: a deep queue (avg 60 > 2 × 8) → autoscale up.
    await db.insert(metricRollups).values({
      scope: 'platform',
      metric: 'queue.depth',
      bucketStart: new Date('2019-03-09T12:00:00Z'),
      value: 60,
    });
    const registry = createRegistry([intelligenceRecommendFunction(db, { LEVQOR_WORKER_CONCURRENCY: '8' })]);
    expect(await scheduleCronTicks(db, registry.crons, new Map(), new Date(tick.getTime() - 1000))).toBe(1);
    await createWorker({ db, registry, concurrency: 1, pollMs: 50, log: silentSink }).drain({
      timeoutMs: 20_000,
    });
    const [run] = await db.execute<{ status: string; output: Record<string, unknown> }>(
      sql`select status, output from engine_runs where dedupe_key = ${`cron:intelligence.recommend:${tick.toISOString()}`}`,
    );
    expect(run).toMatchObject({ status: 'succeeded', output: { day: '2019-03-10' } });
    const rows = async () =>
      db.select().from(recommendations).where(eq(recommendations.period, '2019-03-10'));
    const local = await rows();
    expect(local.find((r) => r.kind === 'autoscale')).toMatchObject({
      status: 'open',
      proposal: { from: 8, concurrency: 12 },
    });

    const inngest = new Inngest({ id: 'levqor-recommend', isDev: true });
    const [fn] = createInngestFunctions(inngest, registry, { log: silentSink });
    const { result, error } = (await new InngestTestEngine({
      function: fn!,
      events: [{ name: 'inngest/scheduled.timer', data: {}, ts: tick.getTime() } as never],
    }).execute()) as { result: unknown; error: unknown };
    expect(error).toBeUndefined();
    expect(result).toEqual(run!.output);
    const again = await rows();
    expect(again.map((r) => r.id).sort()).toEqual(local.map((r) => r.id).sort()); // same rows, not new ones
  });
});

describe('non-critical crons pause in stabilize mode', () => {
  it('wraps non-critical crons only; a paused tick does nothing', async () => {
    let ran = 0;
    const cron = defineFunction({
      id: uid('cron.report'),
      trigger: { cron: '0 9 * * 0' },
      payload: ZCronTick,
      handler: async () => ({ ran: ++ran }),
    });
    const critical = defineFunction({
      id: 'health.record',
      trigger: { cron: '* * * * *' },
      payload: ZCronTick,
      handler: async () => null,
    });
    expect(CRITICAL_CRONS.has('health.record')).toBe(true);
    // Reports cover their own tick's period: a paused tick would leave that period unreported for good.
    for (const report of [weeklyReportFunction(db), dailySummaryFunction(db)])
      expect(pauseInStabilizeMode(db, report)).toBe(report);
    expect(pauseInStabilizeMode(db, critical)).toBe(critical);
    const event = defineFunction({
      id: uid('evt'),
      trigger: { event: 'x' },
      payload: z.object({}),
      handler: async () => 1,
    });
    expect(pauseInStabilizeMode(db, event)).toBe(event);

    const wrapped = pauseInStabilizeMode(db, cron);
    const registry = createRegistry([wrapped]);
    const inngest = new Inngest({ id: 'levqor-pause', isDev: true });
    const [fn] = createInngestFunctions(inngest, registry, { log: silentSink });
    const tick = (ts: number) =>
      new InngestTestEngine({
        function: fn!,
        events: [{ name: 'inngest/scheduled.timer', data: {}, ts } as never],
      }).execute() as Promise<{ result: unknown }>;
    expect((await tick(Date.parse('2019-03-03T09:00:00Z'))).result).toEqual({ ran: 1 });
    await db
      .insert(stabilizeState)
      .values({ id: 'platform', active: true })
      .onConflictDoUpdate({
        target: stabilizeState.id,
        set: { active: true },
      });
    forgetStabilizeState();
    expect((await tick(Date.parse('2019-03-10T09:00:00Z'))).result).toEqual({ paused: 'stabilize mode' });
    expect(ran).toBe(1);
    await db.update(stabilizeState).set({ active: false }).where(eq(stabilizeState.id, 'platform'));
    forgetStabilizeState();
  });
});

describe('worker concurrency from the worker.concurrency flag', () => {
  it('a running worker takes the flag’s value within a refresh, and returns to its own when the flag is killed', async () => {
    let inFlight = 0;
    let peak = 0;
    const id = uid('slow');
    const def = defineFunction({
      id,
      trigger: { event: `test/${id}` },
      payload: z.object({ n: z.number() }),
      retries: 0,
      handler: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 150));
        inFlight--;
      },
    });
    const registry = createRegistry([def]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    const worker = createWorker({
      db,
      registry,
      concurrency: 1,
      concurrencyFrom: flaggedWorkerConcurrency,
      maxConcurrency: 64,
      pollMs: 20,
      log: silentSink,
    });
    await submit(
      db,
      client,
      Array.from({ length: 6 }, (_, n) => ({ name: `test/${id}`, data: { n } })),
    );
    await worker.drain({ timeoutMs: 20_000 });
    expect(peak).toBe(1);

    await setWorkerConcurrencyFlag(db, { value: 3, actor: 'test' });
    await worker.refreshConcurrency();
    expect(worker.concurrency).toBe(3);
    peak = 0;
    await submit(
      db,
      client,
      Array.from({ length: 6 }, (_, n) => ({ name: `test/${id}`, data: { n } })),
    );
    await worker.drain({ timeoutMs: 20_000 });
    expect(peak).toBe(3);

    await db.update(featureFlags).set({ killed: true }).where(eq(featureFlags.key, 'worker.concurrency'));
    await worker.refreshConcurrency();
    expect(worker.concurrency).toBe(1);
  });
});
