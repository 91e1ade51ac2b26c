import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InngestTestEngine } from '@inngest/test';
import { sql } from '@levqor/db';
import { Inngest } from 'inngest';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineFunction, ZCronTick } from '../define-function';
import { createEngineClient } from '../engine-client';
import { RunTimeoutError } from '../errors';
import { createWorker } from '../local/worker';
import { silentSink } from '../log';
import { createRegistry } from '../registry';
import { closeDb, delay, onlyRun, openTestDb, submit, uid, waitFor } from '../testing/helpers';
import { createInngestFunctions } from './functions';
import { createInngestHandler } from './handler';

const db = openTestDb();
afterAll(() => closeDb(db));

const inngest = new Inngest({ id: 'levqor-test', isDev: true });
const ZParity = z.object({ id: z.string(), n: z.number() });

/** One definition exercising every io call; run on both engines. */
function parityJob(id: string, effects: string[]) {
  return defineFunction({
    id,
    trigger: { event: 'test/parity' },
    payload: ZParity,
    concurrency: { key: 'id', limit: 1 },
    retries: 2,
    cancelOn: { event: 'test/parity.cancelled', match: 'id' },
    handler: async ({ payload, io }) => {
      const doubled = await io.step('double', () => {
        effects.push('double');
        return payload.n * 2;
      });
      await io.sleep('pause', '1s');
      await io.sendEvent('announce', { name: 'test/parity.done', data: { id: payload.id, doubled } });
      const repeated: number[] = [];
      for (const i of [1, 2]) repeated.push(await io.step('repeat', () => i));
      io.log.info('parity done');
      return { doubled, repeated, attempt: io.attempt };
    },
  });
}

/** Step mocks for @inngest/test: an unmocked step.sleep never resolves, and step.sendEvent would call out. */
const inngestMocks = [
  { id: 'pause', handler: () => undefined },
  { id: 'announce', handler: () => ({ ids: ['evt-mock'] }) },
];

describe('the inngest engine', () => {
  it('maps a definition onto an Inngest function', () => {
    const registry = createRegistry([
      parityJob('parity-config', []),
      defineFunction({
        id: 'cron-config',
        trigger: { cron: '*/5 * * * *' },
        payload: ZCronTick,
        handler: async () => {},
      }),
    ]);
    const [fn, cron] = createInngestFunctions(inngest, registry, { log: silentSink });
    expect(fn?.opts).toMatchObject({
      id: 'parity-config',
      triggers: [{ event: 'test/parity' }],
      retries: 2,
      concurrency: { key: 'event.data.id', limit: 1 },
      cancelOn: [{ event: 'test/parity.cancelled', match: 'data.id' }],
    });
    expect(cron?.opts.triggers).toEqual([{ cron: '*/5 * * * *' }]);
  });

  it('runs the same handler with the same io semantics as the local engine', async () => {
    const id = uid('parity');
    const inngestEffects: string[] = [];
    const [fn] = createInngestFunctions(inngest, createRegistry([parityJob(id, inngestEffects)]), {
      log: silentSink,
    });
    const t = new InngestTestEngine({
      function: fn!,
      events: [{ name: 'test/parity', data: { id, n: 21 } }],
      steps: inngestMocks,
    });
    const { result, ctx } = await t.execute();
    expect(result).toEqual({ doubled: 42, repeated: [1, 2], attempt: 0 });
    // Recorded once although @inngest/test re-executes the function from the top after each step.
    expect(inngestEffects).toEqual(['double']);
    expect(ctx.step.run.mock.calls.map((call) => call[0])).toEqual(['double', 'repeat', 'repeat:1']);
    expect(ctx.step.sleep).toHaveBeenCalledWith('pause', 1_000);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith('announce', [
      { name: 'test/parity.done', data: { id, doubled: 42 } },
    ]);

    // The same definition on the local engine: same result, same step ids.
    const localEffects: string[] = [];
    const registry = createRegistry([parityJob(id, localEffects)]);
    const client = createEngineClient({ db, registry, provider: 'local' });
    await submit(db, client, { name: 'test/parity', data: { id, n: 21 } });
    await createWorker({ db, registry, log: silentSink, pollMs: 50 }).drain({ settle: true });
    const run = await onlyRun(db, id);
    expect(run.output).toEqual(result);
    expect(localEffects).toEqual(['double']);
    const steps = await db.execute<{ step_id: string }>(
      sql`select step_id from engine_steps where run_id = ${run.id} order by created_at, step_id`,
    );
    expect(steps.map((s) => s.step_id)).toEqual(['double', 'pause', 'announce', 'repeat', 'repeat:1']);
  });

  it('fails a timed-out job without retries and hands onFailure the timeout error', async () => {
    const failures: Error[] = [];
    const def = defineFunction({
      id: uid('timeout'),
      trigger: { event: 'test/slow' },
      payload: ZParity,
      retries: 4,
      timeoutMs: 150,
      handler: async ({ io }) => {
        await io.step(
          'slow',
          ({ signal }) => new Promise((resolve) => signal.addEventListener('abort', resolve)),
        );
        return 'never';
      },
      onFailure: async ({ payload, error, io }) => {
        await io.step('record', () => failures.push(Object.assign(error, { payloadId: payload.id })));
      },
    });
    const [fn] = createInngestFunctions(inngest, createRegistry([def]), { log: silentSink });
    const event = { name: 'test/slow', data: { id: 'p1', n: 1 } };
    const { error } = (await new InngestTestEngine({ function: fn!, events: [event] }).execute()) as {
      error?: { name: string; message: string };
    };
    expect(error).toMatchObject({ name: 'NonRetriableError', message: 'The job timed out after 150 ms' });

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
            error: {
              ...error,
              cause: { name: 'RunTimeoutError', message: 'The job timed out after 150 ms' },
            },
            function_id: def.id,
            run_id: 'run-1',
          },
        },
      ],
    }).execute();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(RunTimeoutError);
    expect(failures[0]).toMatchObject({ message: 'The job timed out after 150 ms', payloadId: 'p1' });
  });

  it('serves the functions for Next (inngest/next)', async () => {
    const registry = createRegistry([parityJob('served', [])]);
    const handler = createInngestHandler(registry, { client: inngest, log: silentSink });
    const response = (await (handler.GET as (req: Request, res: unknown) => Promise<Response>)(
      new Request('http://localhost/api/inngest'),
      undefined,
    )) as Response;
    expect(response.status).toBe(200);
    // The function and its failure handler (every function has one: it reports the failure to Sentry).
    expect(await response.json()).toMatchObject({ function_count: 2, mode: 'dev' });
  });
});

describe('the inngest provider outbox', () => {
  it('sends only committed events, marks them dispatched, and leaves failed sends to the sweep', async () => {
    const received: { id: string; name: string; data: Record<string, unknown> }[] = [];
    let failing = false;
    const body = (req: IncomingMessage) =>
      new Promise<string>((resolve) => {
        let text = '';
        req.on('data', (chunk) => {
          text += chunk;
        });
        req.on('end', () => resolve(text));
      });
    const server = createServer(async (req, res) => {
      const events = JSON.parse(await body(req)) as typeof received;
      res.setHeader('content-type', 'application/json');
      if (failing || !req.url?.startsWith('/e/')) {
        res.statusCode = 500;
        res.end(JSON.stringify({ status: 500, error: 'unavailable' }));
        return;
      }
      received.push(...events);
      res.end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const sender = new Inngest({
        id: 'levqor-outbox-test',
        isDev: true,
        baseUrl: `http://127.0.0.1:${port}`,
      });
      const def = parityJob(uid('outbox'), []);
      const client = createEngineClient({
        db,
        registry: createRegistry([def]),
        provider: 'inngest',
        inngest: sender,
        log: silentSink,
      });
      const [kept, dropped, later] = [uid('kept'), uid('dropped'), uid('later')];
      const mine = () => received.filter((e) => [kept, dropped, later].includes(e.data.id as string));

      await expect(
        db.transaction(async (tx) => {
          await client.send(tx, { name: 'test/parity', data: { id: dropped, n: 1 } });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await submit(db, client, { name: 'test/parity', data: { id: kept, n: 1 } });
      // The inngest provider starts no local run.
      const runs = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from engine_runs where function_id = ${def.id}`,
      );
      expect(runs[0]?.n).toBe(0);

      await client.flush();
      expect(mine().map((e) => e.data.id)).toEqual([kept]);
      const [row] = await db.execute<{ id: string; dispatched: boolean }>(
        sql`select id, dispatched_at is not null as dispatched from engine_events where data ->> 'id' = ${kept}`,
      );
      expect(row?.dispatched).toBe(true);
      expect(mine()[0]?.id).toBe(row?.id); // the outbox id is the Inngest event id (de-duplication)

      failing = true;
      await submit(db, client, { name: 'test/parity', data: { id: later, n: 2 } });
      await client.flush(); // logs and keeps the event
      await expect(client.dispatch()).rejects.toThrow();
      expect(mine().map((e) => e.data.id)).toEqual([kept]);

      failing = false;
      const stopSweep = client.startSweep(50);
      try {
        await waitFor(() => mine().length === 2, 10_000, 'the sweep to send the event');
      } finally {
        stopSweep();
      }
      expect(mine().map((e) => e.data.id)).toEqual([kept, later]);
      await delay(100);
      expect(mine()).toHaveLength(2);
    } finally {
      server.close();
    }
  });
});
