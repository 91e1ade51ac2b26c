import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFunction } from '../define-function';
import { createEngineClient } from '../engine-client';
import { CancelledError } from '../errors';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import {
  abortableWait,
  closeDb,
  onlyRun,
  openTestDb,
  runsOf,
  submit,
  uid,
  waitFor,
} from '../testing/helpers';
import { createWorker } from './worker';

const db = openTestDb();
afterAll(() => closeDb(db));

const ZJob = z.object({ jobId: z.string(), workspaceId: z.string() });

/** A job cancelled by `test/cancelled` events carrying the same jobId, like the product's jobs.run. */
function cancellable(handler: Parameters<typeof defineFunction<typeof ZJob>>[0]['handler']) {
  const id = uid('cancel');
  const def = defineFunction({
    id,
    trigger: { event: 'test/submitted' },
    payload: ZJob,
    cancelOn: { event: 'test/cancelled', match: 'jobId' },
    handler,
  });
  const registry = createRegistry([def]);
  const client = createEngineClient({ db, registry, provider: 'local' });
  return { id, registry, client };
}

describe('cancellation (local engine)', () => {
  it('cancels a queued run at once, and only the matching one', async () => {
    const ran: string[] = [];
    const { id, registry, client } = cancellable(async ({ payload }) => {
      ran.push(payload.jobId);
    });
    const [keep, cancel] = [uid('job'), uid('job')];
    await submit(db, client, [
      { name: 'test/submitted', data: { jobId: keep, workspaceId: 'ws' } },
      { name: 'test/submitted', data: { jobId: cancel, workspaceId: 'ws' } },
    ]);
    await submit(db, client, { name: 'test/cancelled', data: { jobId: cancel, workspaceId: 'ws' } });
    const byJob = new Map((await runsOf(db, id)).map((r) => [r.payload.jobId, r]));
    expect(byJob.get(cancel)?.status).toBe('cancelled');
    expect(byJob.get(keep)?.status).toBe('queued');

    await createWorker({ db, registry, log: silentSink }).drain();
    expect(ran).toEqual([keep]);
  });

  it('cancels a sleeping run', async () => {
    const steps: string[] = [];
    const { id, registry, client } = cancellable(async ({ io }) => {
      await io.step('before', () => steps.push('before'));
      await io.sleep('wait', '1h');
      await io.step('after', () => steps.push('after'));
    });
    const worker = createWorker({ db, registry, log: silentSink });
    const jobId = uid('job');
    await submit(db, client, { name: 'test/submitted', data: { jobId, workspaceId: 'ws' } });
    await worker.drain();
    expect((await onlyRun(db, id)).status).toBe('sleeping');

    await submit(db, client, { name: 'test/cancelled', data: { jobId, workspaceId: 'ws' } });
    expect((await onlyRun(db, id)).status).toBe('cancelled');
    expect(await worker.drain({ settle: true })).toBe(0);
    expect(steps).toEqual(['before']);
  });

  it('cancels a running run: the running step is aborted and no later step runs', async () => {
    const seen: { step?: 'aborted' | 'elapsed'; reason?: unknown; after?: boolean } = {};
    let started = false;
    const { id, registry, client } = cancellable(async ({ io }) => {
      await io.step('long-call', async ({ signal }) => {
        started = true;
        seen.step = await abortableWait(signal, 30_000);
        seen.reason = signal.reason;
      });
      await io.step('after', () => {
        seen.after = true;
      });
    });
    // A long poll and lease: only NOTIFY can make the worker notice the cancellation quickly.
    const worker = createWorker({ db, registry, log: silentSink, pollMs: 30_000, leaseMs: 60_000 });
    await worker.start();
    try {
      const jobId = uid('job');
      await submit(db, client, { name: 'test/submitted', data: { jobId, workspaceId: 'ws' } });
      await waitFor(() => started, 5_000, 'the step to start');
      const cancelledAt = Date.now();
      await submit(db, client, { name: 'test/cancelled', data: { jobId, workspaceId: 'ws' } });
      const run = await waitFor(
        async () => {
          const r = await onlyRun(db, id);
          return r.status === 'cancelled' ? r : undefined;
        },
        5_000,
        'the run to be cancelled',
      );
      expect(Date.now() - cancelledAt).toBeLessThan(2_000);
      expect(run.cancel_requested).toBe(true);
      expect(seen.step).toBe('aborted');
      expect(seen.reason).toBeInstanceOf(CancelledError);
      expect(seen.after).toBeUndefined();
    } finally {
      await worker.stop();
    }
  });
});
