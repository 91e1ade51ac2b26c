import { InngestTestEngine } from '@inngest/test';
import { BUCKET_MS, createAlertRule } from '@levqor/core';
import { seedJob } from '@levqor/core/intelligence/testing';
import { alerts, and, eq, metricRollups, sql } from '@levqor/db';
import { makeUser } from '@levqor/testing';
import { Inngest } from 'inngest';
import { afterAll, describe, expect, it } from 'vitest';
import { createInngestFunctions } from '../inngest/functions';
import { scheduleCronTicks } from '../local/cron';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb } from '../testing/helpers';
import { intelligenceRollupFunction } from './intelligence-rollup';
import { stabilizeCheckFunction } from './stabilize-check';

const db = openTestDb();
afterAll(() => closeDb(db));

async function rollupsOf(scope: string, bucket: Date) {
  const rows = await db
    .select({ metric: metricRollups.metric, value: metricRollups.value })
    .from(metricRollups)
    .where(and(eq(metricRollups.scope, scope), eq(metricRollups.bucketStart, bucket)));
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}

describe('intelligence.rollup on both engines', () => {
  it('the local engine and Inngest run the same definition to the same rows; a rerun changes nothing', async () => {
    const { user, workspace } = await makeUser({ admin: true });
    const ws = workspace.id;
    // A tick in the past: other test files write rows at the current time.
    const tick = new Date('2021-12-07T09:05:00Z');
    const bucket = new Date(tick.getTime() - BUCKET_MS);
    for (const [i, status] of (['succeeded', 'failed', 'failed', 'failed'] as const).entries())
      await seedJob(db, ws, {
        createdAt: new Date(bucket.getTime() + i * 1000),
        startedAt: new Date(bucket.getTime() + 10_000),
        finishedAt: new Date(bucket.getTime() + 20_000 + i * 1000),
        status,
      });
    await createAlertRule(db, {
      userId: user.id,
      input: {
        name: 'Failures',
        scope: ws,
        metric: 'jobs.failed',
        condition: 'gte',
        threshold: 3,
        severity: 'warning',
        channels: [{ type: 'email', to: user.email }],
      },
    });
    const registry = createRegistry([intelligenceRollupFunction(db, { alertScopes: [ws] })]);

    // Local engine: the worker's cron scheduler inserts the tick's run (deterministic id); drain runs it.
    expect(await scheduleCronTicks(db, registry.crons, new Map(), new Date(tick.getTime() - 1000))).toBe(1);
    expect(await scheduleCronTicks(db, registry.crons, new Map(), new Date(tick.getTime() - 1000))).toBe(0);
    const worker = createWorker({ db, registry, concurrency: 1, pollMs: 50 });
    await worker.drain({ timeoutMs: 20_000 });
    const [run] = await db.execute<{ status: string; output: Record<string, unknown> }>(
      sql`select status, output from engine_runs where dedupe_key = ${`cron:intelligence.rollup:${tick.toISOString()}`}`,
    );
    expect(run).toMatchObject({ status: 'succeeded', output: { fired: 1 } });
    const local = await rollupsOf(ws, bucket);
    expect(local).toMatchObject({
      'jobs.created': 4,
      'jobs.succeeded': 1,
      'jobs.failed': 3,
      'jobs.error_rate': 0.75,
    });

    // Inngest: the same definition through @inngest/test, for the same tick.
    const inngest = new Inngest({ id: 'levqor-intelligence', isDev: true });
    const [fn] = createInngestFunctions(inngest, registry, { log: silentSink });
    const { result, error } = (await new InngestTestEngine({
      function: fn!,
      events: [{ name: 'inngest/scheduled.timer', data: {}, ts: tick.getTime() } as never],
    }).execute()) as { result: unknown; error: unknown };
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ buckets: expect.arrayContaining([bucket.toISOString()]), fired: 1 });
    expect(await rollupsOf(ws, bucket)).toEqual(local);
    // Twice → one alert with one occurrence (same bucket), one set of rows.
    const open = await db.select().from(alerts).where(eq(alerts.scope, ws));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ occurrences: 1, status: 'open', value: 3 });
  });
});

describe('stabilize.check on both engines', () => {
  it('judges the minute that ended on the local engine and on Inngest alike', async () => {
    const tick = new Date('2021-12-08T07:31:00Z');
    // One minute of slow intake (p99 900 ms) in 07:30–07:31, platform-wide.
    await db.execute(sql`
      insert into api_requests (id, workspace_id, method, path, status, duration_ms, request_id, created_at)
      select 'req_stab' || g, null, 'POST', '/jobs', 202, case when g <= 2 then 900 else 20 end, 't',
             ${tick.toISOString()}::timestamptz - interval '1 minute' + g * interval '1 second'
      from generate_series(1, 40) g`);
    const registry = createRegistry([stabilizeCheckFunction(db, {})]);
    await scheduleCronTicks(db, registry.crons, new Map(), new Date(tick.getTime() - 1000));
    await createWorker({ db, registry, concurrency: 1, pollMs: 50 }).drain({ timeoutMs: 20_000 });
    const [run] = await db.execute<{ output: Record<string, unknown> }>(
      sql`select output from engine_runs where dedupe_key = ${`cron:stabilize.check:${tick.toISOString()}`}`,
    );
    expect(run?.output).toMatchObject({
      breach: ['p99 intake 900 ms > 200 ms'],
      transition: null,
      active: false,
    });
    const inngest = new Inngest({ id: 'levqor-stabilize', isDev: true });
    const [fn] = createInngestFunctions(inngest, registry, { log: silentSink });
    const { result } = (await new InngestTestEngine({
      function: fn!,
      events: [{ name: 'inngest/scheduled.timer', data: {}, ts: tick.getTime() } as never],
    }).execute()) as { result: unknown };
    expect(result).toEqual(run?.output);
  });
});
