import { flushSentry, initSentry } from '@levqor/observability/sentry';
import { type FakeSentry, startFakeSentry } from '@levqor/observability/testing/fake-sentry';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineFunction } from '../define-function';
import { createEngineClient } from '../engine-client';
import { NonRetriableError } from '../errors';
import { createRegistry } from '../registry';
import { closeDb, onlyRun, openTestDb, submit, uid } from '../testing/helpers';
import { createWorker } from './worker';

const db = openTestDb();
let ingest: FakeSentry;
beforeAll(async () => {
  ingest = await startFakeSentry();
  expect(await initSentry('worker-test', { SENTRY_DSN: ingest.dsn, NODE_ENV: 'test' })).toBe(true);
});
afterAll(async () => {
  await ingest.close();
  await closeDb(db);
});

const EMAIL = 'ada.lovelace@example.com';

describe('a run failing in the worker', () => {
  it('reaches Sentry tagged with run, job and workspace ids, and logs JSON lines carrying them; no email or payload leaves', async () => {
    const id = uid('sentry');
    const jobId = `job_${id}`;
    const workspaceId = `ws_${id}`;
    const def = defineFunction({
      id,
      trigger: { event: `test/${id}` },
      payload: z.object({
        jobId: z.string(),
        workspaceId: z.string(),
        email: z.string(),
        input: z.unknown(),
      }),
      retries: 0,
      handler: async ({ payload }) => {
        throw new NonRetriableError(`step failed for ${payload.email}`);
      },
    });
    const registry = createRegistry([def]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    await submit(db, client, {
      name: `test/${id}`,
      data: { jobId, workspaceId, email: EMAIL, input: { secret: 'payload-value-77' } },
    });
    // The worker's default sink: the shared logger, one JSON line per record on stdout.
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let lines: Record<string, unknown>[];
    try {
      await createWorker({ db, registry, pollMs: 50 }).drain({ settle: true });
      lines = out.mock.calls.flatMap((c) => {
        try {
          return [JSON.parse(String(c[0])) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    } finally {
      out.mockRestore();
    }
    const run = await onlyRun(db, id);
    expect(run.status).toBe('failed');

    const failed = lines.find((l) => l.msg === 'run failed');
    expect(failed).toMatchObject({ level: 'error', runId: run.id, functionId: id, jobId, workspaceId });
    expect(typeof failed?.time).toBe('string');

    await flushSentry();
    const events = await ingest.waitForEvents(1);
    const event = events.find((e) => (e.tags as Record<string, string>).run_id === run.id);
    expect(event?.tags).toMatchObject({
      service: 'worker-test',
      run_id: run.id,
      function_id: id,
      job_id: jobId,
      workspace_id: workspaceId,
    });
    expect(JSON.stringify(event)).toContain('step failed for [email]');
    const raw = ingest.envelopes.map((e) => e.raw).join('\n');
    for (const secret of [EMAIL, 'payload-value-77']) expect(raw).not.toContain(secret);
  });
});
