import { sql } from '@levqor/db';
import { afterAll, describe, expect, it } from 'vitest';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, openTestDb, uid, waitFor } from '../testing/helpers';
import { createWorker } from './worker';

const db = openTestDb();
afterAll(() => closeDb(db));

const seen = async (id: string) =>
  (
    await db.execute<{ pid: number; host: string; last_seen: Date }>(
      sql`select pid, host, last_seen from engine_workers where id = ${id}`,
    )
  )[0];

describe('worker presence (engine_workers)', () => {
  it('records the started worker, refreshes last_seen, and removes it on stop', async () => {
    const workerId = uid('presence');
    const worker = createWorker({
      db,
      registry: createRegistry([]),
      workerId,
      presenceIntervalMs: 100,
      log: silentSink,
    });
    expect(await seen(workerId)).toBeUndefined();
    await worker.start();
    const first = await seen(workerId);
    expect(first).toMatchObject({ pid: process.pid, host: expect.any(String) });
    await waitFor(
      async () => {
        const now = await seen(workerId);
        return now && new Date(now.last_seen) > new Date(first!.last_seen);
      },
      5_000,
      'a newer heartbeat',
    );
    await worker.stop();
    expect(await seen(workerId)).toBeUndefined();
  });
});
