import { InngestTestEngine } from '@inngest/test';
import { flushSentry, initSentry } from '@levqor/observability/sentry';
import { type FakeSentry, startFakeSentry } from '@levqor/observability/testing/fake-sentry';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFunction } from '../define-function';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { createInngestFunctions } from './functions';

const inngest = new Inngest({ id: 'levqor-test-sentry', isDev: true });
let ingest: FakeSentry;
beforeAll(async () => {
  ingest = await startFakeSentry();
  expect(await initSentry('inngest-test', { SENTRY_DSN: ingest.dsn, NODE_ENV: 'test' })).toBe(true);
});
afterAll(() => ingest.close());

describe('a run failing for good on Inngest', () => {
  it('reaches Sentry once, tagged with run, function, job and workspace ids, without the payload', async () => {
    const def = defineFunction({
      id: 'sentry-inngest',
      trigger: { event: 'test/sentry-inngest' },
      payload: z.object({ jobId: z.string(), workspaceId: z.string(), secret: z.string() }),
      retries: 0,
      // No onFailure of its own: the failure is reported all the same.
      handler: async () => {
        throw new Error('the step gave up');
      },
    });
    const [fn] = createInngestFunctions(inngest, createRegistry([def]), { log: silentSink });
    const event = {
      name: 'test/sentry-inngest',
      data: { jobId: 'job_inngest_1', workspaceId: 'ws_inngest_1', secret: 'payload-value-91' },
    };
    // Inngest runs onFailure as its own function, triggered by inngest/function.failed.
    const failureFn = inngest.createFunction(
      { id: `${def.id}-failure`, triggers: [{ event: 'inngest/function.failed' }] },
      fn!.opts.onFailure!,
    );
    await new InngestTestEngine({
      function: failureFn,
      events: [
        {
          name: 'inngest/function.failed',
          data: {
            event,
            error: { name: 'Error', message: 'the step gave up' },
            function_id: def.id,
            run_id: 'run-inngest-1',
          },
        },
      ],
    }).execute();
    await flushSentry();
    const events = await ingest.waitForEvents(1);
    const reported = events.find((e) => (e.tags as Record<string, string>).run_id === 'run-inngest-1');
    expect(reported?.tags).toMatchObject({
      function_id: def.id,
      job_id: 'job_inngest_1',
      workspace_id: 'ws_inngest_1',
    });
    expect(JSON.stringify(reported)).not.toContain('payload-value-91');
  });
});
