import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFunction, ZCronTick } from '../define-function';
import { createEngineClient } from '../engine-client';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, delay, onlyRun, openTestDb, runsOf, submit, uid, waitFor } from '../testing/helpers';
import { cronDedupeKey } from './cron';
import { createWorker } from './worker';

const db = openTestDb();
const url = process.env.DATABASE_URL!;
afterAll(() => closeDb(db));

describe('several workers on one database', () => {
  it('never runs more than the concurrency limit per key at once, across two workers', async () => {
    const id = uid('limit');
    const current = new Map<string, number>();
    const peak = new Map<string, number>();
    let overall = 0;
    let overallPeak = 0;
    const def = defineFunction({
      id,
      trigger: { event: 'test/limited' },
      payload: z.object({ jobId: z.string(), workspaceId: z.string() }),
      concurrency: { key: 'workspaceId', limit: 2 },
      handler: async ({ payload, io }) => {
        await io.step('work', async () => {
          const ws = payload.workspaceId;
          current.set(ws, (current.get(ws) ?? 0) + 1);
          peak.set(ws, Math.max(peak.get(ws) ?? 0, current.get(ws)!));
          overall += 1;
          overallPeak = Math.max(overallPeak, overall);
          await delay(80);
          current.set(ws, current.get(ws)! - 1);
          overall -= 1;
        });
      },
    });
    const registry = createRegistry([def]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    const [wsA, wsB] = [uid('ws'), uid('ws')];
    const events = [
      ...Array.from({ length: 10 }, (_, n) => ({
        name: 'test/limited',
        data: { jobId: `a${n}`, workspaceId: wsA },
      })),
      ...Array.from({ length: 6 }, (_, n) => ({
        name: 'test/limited',
        data: { jobId: `b${n}`, workspaceId: wsB },
      })),
    ];
    await submit(db, client, events);
    const w1 = createWorker({ db, registry, concurrency: 4, pollMs: 20, log: silentSink });
    const w2 = createWorker({ url, registry, concurrency: 4, pollMs: 20, log: silentSink });
    try {
      const [n1, n2] = await Promise.all([w1.drain({ settle: true }), w2.drain({ settle: true })]);
      expect(n1 + n2).toBe(16);
    } finally {
      await w2.stop();
    }
    expect(peak.get(wsA)).toBe(2);
    expect(peak.get(wsB)).toBe(2);
    // The limit is per key: the two workspaces ran side by side.
    expect(overallPeak).toBeGreaterThan(2);
    expect((await runsOf(db, id)).every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('two workers draining one queue never run a step twice', async () => {
    const id = uid('pair');
    const executions = new Map<string, number>();
    const count = (key: string) => executions.set(key, (executions.get(key) ?? 0) + 1);
    const def = defineFunction({
      id,
      trigger: { event: 'test/pair' },
      payload: z.object({ n: z.number() }),
      handler: async ({ payload, io }) => {
        for (const step of ['one', 'two', 'three'])
          await io.step(step, async () => {
            count(`${payload.n}:${step}`);
            await delay(payload.n % 3);
          });
      },
    });
    const registry = createRegistry([def]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    await submit(
      db,
      client,
      Array.from({ length: 60 }, (_, n) => ({ name: 'test/pair', data: { n } })),
    );
    const w1 = createWorker({ db, registry, concurrency: 4, pollMs: 20, log: silentSink });
    const w2 = createWorker({ url, registry, concurrency: 4, pollMs: 20, log: silentSink });
    try {
      const [n1, n2] = await Promise.all([w1.drain({ settle: true }), w2.drain({ settle: true })]);
      expect(n1 + n2).toBe(60);
      expect(n1).toBeGreaterThan(0);
      expect(n2).toBeGreaterThan(0);
    } finally {
      await w2.stop();
    }
    expect(executions.size).toBe(180);
    expect([...executions.values()].every((n) => n === 1)).toBe(true);
    expect((await runsOf(db, id)).every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('fires a cron job exactly once per tick with two workers, and never for past ticks', async () => {
    const id = uid('cron');
    const fired = new Map<string, number>();
    const def = defineFunction({
      id,
      trigger: { cron: '* * * * * *' }, // every second
      payload: ZCronTick,
      handler: async ({ payload }) => {
        fired.set(payload.tick, (fired.get(payload.tick) ?? 0) + 1);
      },
    });
    const registry = createRegistry([def]);
    const options = { registry, pollMs: 100, cronIntervalMs: 50, log: silentSink };
    const w1 = createWorker({ db, ...options });
    const w2 = createWorker({ url, ...options });
    const startedAt = Date.now();
    await Promise.all([w1.start(), w2.start()]);
    await delay(3_300);
    await Promise.all([w1.stop(), w2.stop()]);

    const runs = await runsOf(db, id);
    const done = runs.filter((r) => r.status === 'succeeded');
    expect(done.length).toBeGreaterThanOrEqual(2);
    // One run per tick, keyed deterministically; the only other run is the next, not yet due, tick.
    expect(new Set(runs.map((r) => r.dedupe_key)).size).toBe(runs.length);
    expect(runs.filter((r) => r.status !== 'succeeded').every((r) => r.status === 'queued')).toBe(true);
    expect(runs.length - done.length).toBeLessThanOrEqual(1);
    for (const run of done) {
      const tick = (run.payload as { tick: string }).tick;
      expect(run.dedupe_key).toBe(cronDedupeKey(id, new Date(tick)));
      expect(fired.get(tick)).toBe(1);
      expect(new Date(tick).getTime()).toBeGreaterThan(startedAt - 1_000);
    }
    expect(fired.size).toBe(done.length);
  });

  it('starts a job submitted while the worker idles at once (LISTEN/NOTIFY), not at the next poll', async () => {
    const id = uid('notify');
    const def = defineFunction({
      id,
      trigger: { event: 'test/notify' },
      payload: z.object({ id: z.string() }),
      handler: async () => 'ok',
    });
    const registry = createRegistry([def]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    const worker = createWorker({ url, registry, pollMs: 60_000, log: silentSink });
    await worker.start();
    try {
      await delay(300); // idle: its next poll is a minute away
      const submittedAt = Date.now();
      await submit(db, client, { name: 'test/notify', data: { id } });
      await waitFor(async () => (await onlyRun(db, id)).status === 'succeeded', 5_000, 'the run to succeed');
      expect(Date.now() - submittedAt).toBeLessThan(1_000);
    } finally {
      await worker.stop();
    }
  });
});
