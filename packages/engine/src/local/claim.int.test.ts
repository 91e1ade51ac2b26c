import { type Database, sql } from '@levqor/db';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFunction } from '../define-function';
import { createEngineClient } from '../engine-client';
import { NonRetriableError } from '../errors';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, delay, openTestDb, submit, uid, waitFor } from '../testing/helpers';
import { type ClaimedRun, claimRuns, claimStatement } from './claim';
import { createWorker } from './worker';

const db = openTestDb(16);
afterAll(() => closeDb(db));

const ZWork = z.object({ ws: z.string(), n: z.number(), mode: z.string().default('ok') });

/** A keyed function (per-`ws` limit) whose handler does nothing: these tests drive claims directly. */
function keyedFunction(limit: number) {
  const id = uid('claim');
  const def = defineFunction({
    id,
    trigger: { event: `test/${id}` },
    payload: ZWork,
    concurrency: { key: 'ws', limit },
    handler: async () => null,
  });
  const client = createEngineClient({ db, registry: createRegistry([def]), provider: 'local' });
  const send = (ws: string, count: number, from = 0) =>
    submit(
      db,
      client,
      Array.from({ length: count }, (_, i) => ({ name: `test/${id}`, data: { ws, n: from + i } })),
    );
  return { id, send };
}

const claim = (functionId: string, limit: number, workerId = 'test-claimer') =>
  claimRuns(db, { functionIds: [functionId], limit, leaseMs: 60_000, workerId, reclaim: false, keyed: true });

const wsOf = (run: ClaimedRun) => (run.payload as { ws: string }).ws;

/** Sets claimed runs succeeded, as a worker finishing them would. */
async function finish(runs: ClaimedRun[]) {
  await db.execute(sql`
    update engine_runs set status = 'succeeded', finished_at = now(), lease_until = null, locked_by = null
    where id = any(${sql.param(runs.map((r) => r.id))}::text[])`);
}

/** Each key's running runs next to its limit, and its next due time next to its waiting runs. */
async function slotState(database: Database, functionId: string) {
  return database.execute<{
    key: string;
    limit: number;
    running: number;
    next_run_at: Date | null;
    min_waiting: Date | null;
  }>(sql`
    select k.key, k.concurrency_limit as limit,
      (select count(*)::int from engine_runs r where r.concurrency_key = k.key and r.status = 'running') as running,
      k.next_run_at,
      (select min(run_at) from engine_runs r
        where r.concurrency_key = k.key and r.status in ('queued', 'sleeping')) as min_waiting
    from engine_concurrency_keys k where k.function_id = ${functionId} order by k.key`);
}

/** The key table agrees with the runs: no key over its limit, and no key with waiting runs lacks a due bound. */
async function expectSlotsConsistent(functionId: string) {
  const rows = await slotState(db, functionId);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.running, `running runs of ${row.key}`).toBeLessThanOrEqual(row.limit);
    if (row.min_waiting) {
      expect(row.next_run_at, `next_run_at of ${row.key}`).not.toBeNull();
      expect(new Date(row.next_run_at!).getTime()).toBeLessThanOrEqual(new Date(row.min_waiting).getTime());
    }
  }
}

describe('claims are fair across concurrency keys', () => {
  it('claims a job of an idle workspace on the next poll, whatever another workspace has queued', async () => {
    const { id, send } = keyedFunction(5);
    await send('ws-a', 300);
    // The worker takes A's oldest runs (A is the only workspace with work), filling 3 slots.
    const first = await claim(id, 3);
    expect(first.map(wsOf)).toEqual(['ws-a', 'ws-a', 'ws-a']);
    await send('ws-b', 1);
    // One slot frees up: the next claim serves B, not A's 297 older runs (A still has room under its limit).
    await finish(first.slice(0, 1));
    const next = await claim(id, 1);
    expect(next.map(wsOf)).toEqual(['ws-b']);
    await expectSlotsConsistent(id);
  });

  it('rotates across keys with work due (least recently served first); priorities order runs within a key', async () => {
    const id = uid('rr');
    const def = defineFunction({
      id,
      trigger: { event: `test/${id}` },
      payload: ZWork,
      concurrency: { key: 'ws', limit: 10 },
      priority: (p) => (p.mode === 'high' ? 10 : 0),
      handler: async () => null,
    });
    const client = createEngineClient({ db, registry: createRegistry([def]), provider: 'local' });
    const events = ['ws-a', 'ws-b', 'ws-c'].flatMap((ws) =>
      Array.from({ length: 4 }, (_, n) => ({ name: `test/${id}`, data: { ws, n, mode: 'normal' } })),
    );
    await submit(db, client, events);
    await submit(db, client, { name: `test/${id}`, data: { ws: 'ws-c', n: 99, mode: 'high' } });
    const served: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const [run] = await claim(id, 1);
      served.push(`${wsOf(run!)}:${(run!.payload as { n: number }).n}`);
    }
    // Every key once before any key twice; within ws-c, the high-priority run (submitted last) first.
    expect(
      served
        .slice(0, 3)
        .map((s) => s.split(':')[0])
        .sort(),
    ).toEqual(['ws-a', 'ws-b', 'ws-c']);
    expect(served.slice(3, 6).map((s) => s.split(':')[0])).toEqual(
      served.slice(0, 3).map((s) => s.split(':')[0]),
    );
    expect(served.filter((s) => s.startsWith('ws-c'))).toEqual(['ws-c:99', 'ws-c:0']);
    // A claim of several slots takes the first run of each key before a second run of any.
    const wide = await claim(id, 3);
    expect(new Set(wide.map(wsOf)).size).toBe(3);
    await expectSlotsConsistent(id);
  });

  it('serves a key with a free slot behind more keys at their limit than a claim looks at', async () => {
    const { id, send } = keyedFunction(1);
    // 32 workspaces (a claim's key budget) each start their only job: every key is at its limit, and its
    // due bound still says "due" (the claim that took its last run did not find it short).
    for (let n = 0; n < 32; n += 1) await send(`ws-full-${String(n).padStart(2, '0')}`, 1);
    expect(await claim(id, 32)).toHaveLength(32);
    // Then a workspace served after them: its first job runs and ends, its second one is due.
    await send('ws-late', 2);
    const first = await claim(id, 1);
    expect(first.map(wsOf)).toEqual(['ws-late']);
    await finish(first);
    // The full keys come first in round-robin order; they have no slot to give, ws-late does.
    expect((await claim(id, 1)).map(wsOf)).toEqual(['ws-late']);
    await expectSlotsConsistent(id);
  });

  it('does not starve runs without a concurrency key behind keyed backlogs', async () => {
    const keyed = keyedFunction(50);
    const plainId = uid('plain');
    const plain = defineFunction({
      id: plainId,
      trigger: { event: `test/${plainId}` },
      payload: z.object({ n: z.number() }),
      handler: async () => null,
    });
    await keyed.send('ws-a', 100);
    await submit(db, createEngineClient({ db, registry: createRegistry([plain]), provider: 'local' }), {
      name: `test/${plainId}`,
      data: { n: 1 },
    });
    const runs = await claimRuns(db, {
      functionIds: [keyed.id, plainId],
      limit: 2,
      leaseMs: 60_000,
      workerId: 'test-claimer',
      reclaim: false,
      keyed: true,
    });
    expect(runs.map((r) => r.functionId).sort()).toEqual([keyed.id, plainId].sort());
  });
});

describe('per-key limits with concurrent claimers', () => {
  it('never lets concurrent claimers exceed a key limit; later claims fill it exactly', async () => {
    const { id, send } = keyedFunction(3);
    await send('ws-a', 60);
    await send('ws-b', 60);
    for (let round = 0; round < 5; round += 1) {
      // Eight claimers on their own connections at once, four slots each.
      const batches = await Promise.all(Array.from({ length: 8 }, (_, n) => claim(id, 4, `claimer-${n}`)));
      // Claimers skip a key another one is filling: a round may leave a slot free, never overfill.
      const claimed = batches.flat();
      for (let more = await claim(id, 8, 'top-up'); more.length > 0; more = await claim(id, 8, 'top-up'))
        claimed.push(...more);
      const [state] = await db.execute<{ a: number; b: number }>(sql`
        select count(*) filter (where payload->>'ws' = 'ws-a')::int as a,
          count(*) filter (where payload->>'ws' = 'ws-b')::int as b
        from engine_runs where function_id = ${id} and status = 'running'`);
      expect(state).toEqual({ a: 3, b: 3 });
      expect(new Set(claimed.map((r) => r.id)).size).toBe(claimed.length);
      await expectSlotsConsistent(id);
      // Finish what this round claimed: the next round fills the freed slots, never more.
      await finish(claimed);
      await expectSlotsConsistent(id);
    }
  });
});

describe("a run's end", () => {
  it("does not write its key's row: the ends of one workspace's runs never wait on each other", async () => {
    const { id, send } = keyedFunction(5);
    await send('ws-a', 3);
    const [a, b, c] = await claim(id, 3);
    const version = async () =>
      (
        await db.execute<{ v: string }>(
          sql`select xmin::text as v from engine_concurrency_keys where key = ${`${id}:ws-a`}`,
        )
      )[0]!.v;
    const before = await version();
    // Run A ends in a transaction that stays open; run B of the same key ends meanwhile, without waiting.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let ended!: () => void;
    const aEnded = new Promise<void>((resolve) => {
      ended = resolve;
    });
    const open = db.transaction(async (tx) => {
      await tx.execute(
        sql`update engine_runs set status = 'succeeded', finished_at = now() where id = ${a!.id}`,
      );
      ended();
      await held;
    });
    await aEnded;
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '500ms'`);
        await tx.execute(
          sql`update engine_runs set status = 'failed', finished_at = now() where id = ${b!.id}`,
        );
      });
    } finally {
      release();
      await open;
    }
    await finish([c!]);
    expect(await version()).toBe(before);
    // Their slots are free: the next claim fills them.
    await send('ws-a', 5, 100);
    expect(await claim(id, 5)).toHaveLength(5);
    await expectSlotsConsistent(id);
  });
});

describe('keys stay consistent (limits, due bounds)', () => {
  it('after success, failure, retry, sleep, cancellation and reclaim of expired leases', async () => {
    const id = uid('slots');
    const attempts = new Map<number, number>();
    const def = defineFunction({
      id,
      trigger: { event: `test/${id}` },
      payload: ZWork,
      concurrency: { key: 'ws', limit: 2 },
      retries: 1,
      cancelOn: { event: `test/${id}.cancel`, match: 'n' },
      handler: async ({ payload, io }) => {
        const attempt = (attempts.get(payload.n) ?? 0) + 1;
        attempts.set(payload.n, attempt);
        if (payload.mode === 'fail') throw new NonRetriableError('failing on purpose');
        if (payload.mode === 'retry' && attempt === 1) throw new Error('once');
        if (payload.mode === 'sleep') await io.sleep('nap', 150);
        if (payload.mode === 'slow') await io.step('wait', ({ signal }) => waitAborted(signal, 5_000));
        return payload.n;
      },
    });
    const registry = createRegistry([def]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    const modes = ['ok', 'fail', 'retry', 'sleep', 'slow', 'ok', 'queued-cancel', 'ok'];
    // Two runs of ws-lost claimed by a "worker" that dies: their leases expire, a worker reclaims them.
    await submit(
      db,
      client,
      [0, 1].map((n) => ({ name: `test/${id}`, data: { ws: 'ws-lost', n: 100 + n, mode: 'ok' } })),
    );
    const lost = await claimRuns(db, {
      functionIds: [id],
      limit: 8,
      leaseMs: 100,
      workerId: 'dead-worker',
      reclaim: false,
      keyed: true,
    });
    expect(lost).toHaveLength(2);
    await submit(
      db,
      client,
      modes.map((mode, n) => ({ name: `test/${id}`, data: { ws: `ws-${n % 3}`, n, mode } })),
    );
    // A queued run cancelled before it starts.
    await submit(db, client, { name: `test/${id}.cancel`, data: { n: 6 } });
    await expectSlotsConsistent(id);

    const worker = createWorker({
      db,
      registry,
      concurrency: 4,
      pollMs: 20,
      leaseMs: 2_000,
      log: silentSink,
    });
    await worker.start();
    try {
      // The slow run is cancelled while it runs.
      await waitFor(async () => {
        const [row] = await db.execute<{ status: string }>(
          sql`select status from engine_runs where function_id = ${id} and payload->>'n' = '4'`,
        );
        return row?.status === 'running';
      });
      await expectSlotsConsistent(id);
      await submit(db, client, { name: `test/${id}.cancel`, data: { n: 4 } });
      await waitFor(
        async () => {
          const [row] = await db.execute<{ n: number }>(sql`
            select count(*)::int as n from engine_runs
            where function_id = ${id} and status in ('queued', 'sleeping', 'running')`);
          return row?.n === 0;
        },
        20_000,
        'every run to end',
      );
    } finally {
      await worker.stop();
    }
    const ends = await db.execute<{ mode: string; status: string }>(sql`
      select payload->>'mode' as mode, status from engine_runs where function_id = ${id}`);
    const statusOf = (mode: string) => [...new Set(ends.filter((e) => e.mode === mode).map((e) => e.status))];
    expect(statusOf('fail')).toEqual(['failed']);
    expect(statusOf('retry')).toEqual(['succeeded']);
    expect(statusOf('sleep')).toEqual(['succeeded']);
    expect(statusOf('slow')).toEqual(['cancelled']);
    expect(statusOf('queued-cancel')).toEqual(['cancelled']);
    expect(statusOf('ok')).toEqual(['succeeded']);
    const state = await slotState(db, id);
    expect(state.map((row) => [row.key, row.running, row.next_run_at])).toEqual(
      ['ws-0', 'ws-1', 'ws-2', 'ws-lost'].map((key) => [`${id}:${key}`, 0, null]),
    );
  });

  it('notices work that becomes due later (retries, sleeps) through the key, after claims found none', async () => {
    const { id, send } = keyedFunction(5);
    await send('ws-a', 1);
    const [run] = await claim(id, 5);
    // Nothing else is due: the claim recorded that the key has no waiting runs.
    expect(await claim(id, 5)).toEqual([]);
    const [before] = await slotState(db, id);
    expect(before!.next_run_at).toBeNull();
    // The run goes back to the queue (a retry), due in 200 ms: the key's next due time follows.
    await db.execute(sql`
      update engine_runs set status = 'queued', run_at = now() + interval '200 milliseconds',
        lease_until = null, locked_by = null
      where id = ${run!.id}`);
    await expectSlotsConsistent(id);
    expect(await claim(id, 5)).toEqual([]);
    await delay(250);
    expect((await claim(id, 5)).map((r) => r.id)).toEqual([run!.id]);
  });
});

describe('claim cost', () => {
  /** Buffers the claim statement touches (EXPLAIN ANALYZE BUFFERS: it claims for real). */
  async function claimBuffers(
    functionId: string,
    limit: number,
  ): Promise<{ buffers: number; claimed: number }> {
    const statement = claimStatement({
      functionIds: sql.param([functionId]),
      room: limit,
      keyed: true,
      expired: [],
      token: 'explain/claim',
      leaseMs: 60_000,
    });
    // Statistics taken in the same transaction: other test files write (and ANALYZE in transactions they
    // roll back) meanwhile, which must not change the plan measured here.
    const [row] = await db.transaction(async (tx) => {
      await tx.execute(sql`analyze engine_runs`);
      return tx.execute<{ 'QUERY PLAN': [{ Plan: Record<string, number> }] }>(
        sql`explain (analyze, buffers, format json) ${statement}`,
      );
    });
    const plan = row!['QUERY PLAN'][0].Plan;
    return {
      buffers: plan['Shared Hit Blocks']! + plan['Shared Read Blocks']!,
      claimed: plan['Actual Rows']!,
    };
  }

  /** Bulk-inserts `count` due runs of `functionId` for the key of workspace `ws`. */
  async function backlog(functionId: string, ws: string, count: number) {
    await db.execute(sql`
      insert into engine_runs (id, function_id, event_name, payload, concurrency_key, concurrency_limit)
      select ${`run_${functionId}_`} || g, ${functionId}, 'bench', jsonb_build_object('ws', ${ws}::text, 'n', g),
        ${`${functionId}:${ws}`}, 5
      from generate_series(1, ${count}) g`);
    await db.execute(sql`analyze engine_runs`);
  }

  it('touches about as many buffers with 40,000 runs waiting in a key as with 200', async () => {
    const small = uid('cost');
    await backlog(small, 'ws-small', 200);
    const deep = uid('cost');
    await backlog(deep, 'ws-deep', 40_000);
    const few = await claimBuffers(small, 4);
    const many = await claimBuffers(deep, 4);
    expect([few.claimed, many.claimed]).toEqual([4, 4]);
    // The old claim counted each candidate's key's running runs and sorted every due run: thousands.
    expect(many.buffers).toBeLessThan(few.buffers * 2 + 50);
    // A key at its limit costs nothing more with its backlog behind it.
    await claimBuffers(deep, 1);
    const full = await claimBuffers(deep, 4);
    expect(full.claimed).toBe(0);
    expect(full.buffers).toBeLessThan(few.buffers * 2 + 50);
    await db.execute(sql`delete from engine_runs where function_id in (${small}, ${deep})`);
  });
});

function waitAborted(signal: AbortSignal, ms: number): Promise<null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}
