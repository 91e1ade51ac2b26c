import { createDb, type DbOrTx, sql } from '@levqor/db';
import { testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { checkReadiness } from './check-readiness';

class Rollback extends Error {}

/**
 * Runs `fn` on a view of engine_workers that holds only `rows` (other test files' workers write their
 * heartbeats into the same table: the exclusive lock keeps them out until the rollback).
 */
async function withWorkers(rows: { id: string; secondsAgo: number }[], fn: (tx: DbOrTx) => Promise<void>) {
  await testDb()
    .transaction(async (tx) => {
      await tx.execute(sql`lock table engine_workers in exclusive mode`);
      await tx.execute(sql`delete from engine_workers`);
      for (const r of rows)
        await tx.execute(sql`insert into engine_workers (id, pid, host, last_seen)
          values (${r.id}, 1, 'test', now() - ${r.secondsAgo} * interval '1 second')`);
      await fn(tx);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
}

describe('checkReadiness', () => {
  it('is ok while a local-engine worker reported within 30 s', async () => {
    await withWorkers(
      [
        { id: 'w-old', secondsAgo: 3_600 },
        { id: 'w-live', secondsAgo: 4 },
      ],
      async (tx) => expect(await checkReadiness(tx, { provider: 'local' })).toEqual({ status: 'ok' }),
    );
  });

  it('is degraded, with the reason, when no worker reported for 30 s or none ever did', async () => {
    await withWorkers([{ id: 'w-gone', secondsAgo: 45 }], async (tx) => {
      const r = await checkReadiness(tx, { provider: 'local' });
      expect(r).toEqual({
        status: 'degraded',
        reason: expect.stringMatching(/no job worker heartbeat for 45 s/),
      });
    });
    await withWorkers([], async (tx) => {
      const r = await checkReadiness(tx, { provider: 'local' });
      expect(r).toEqual({
        status: 'degraded',
        reason: expect.stringMatching(/no job worker has reported in/),
      });
    });
  });

  it('ignores worker heartbeats when Inngest runs the jobs', async () => {
    await withWorkers([], async (tx) =>
      expect(await checkReadiness(tx, { provider: 'inngest' })).toEqual({ status: 'ok' }),
    );
  });

  it('is unavailable when the database does not answer', async () => {
    const down = createDb('postgres://postgres:x@127.0.0.1:9/levqor', { max: 1 });
    try {
      expect(await checkReadiness(down, { provider: 'local' })).toEqual({
        status: 'unavailable',
        reason: expect.stringMatching(/^database (unavailable|timeout)$/),
      });
    } finally {
      await down.$client.end({ timeout: 1 });
    }
  });
});
