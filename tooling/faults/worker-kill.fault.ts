import { join } from 'node:path';
import { submitJob } from '@levqor/core';
import { closeDb, createDb } from '@levqor/db';
import { createLevqorEngine } from '@levqor/engine/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCounterServer } from './support/counter-server';
import { REPO_ROOT } from './support/ports';
import { faultPostgres } from './support/postgres';
import { type Proc, sleep, start, TSX, until } from './support/processes';
import { jobFacts, workspaceWithWorkflow } from './support/workspace';

/**
 * (a) SIGKILL the worker 20 times at random moments of a 500-job mixed workload (an http call to a
 * local counter server, a transform, a 1-s delay). The worker is the real one (`pnpm levqor worker`,
 * through tsx as the launcher runs it); this test plays its supervisor and starts it again after each
 * kill. Every job must end exactly once, succeeded, with a balanced ledger; the counter server proves
 * that no http call whose result was recorded ran again (a call in flight at a kill may run twice).
 */
const KILLS = 20;
const JOBS = 500;

let pg: Awaited<ReturnType<typeof faultPostgres>>;
let counter: Awaited<ReturnType<typeof startCounterServer>>;
let db: ReturnType<typeof createDb>;
const running: Proc[] = [];

beforeAll(async () => {
  pg = await faultPostgres('worker');
  counter = await startCounterServer();
  db = createDb(pg.url, { max: 4 });
});
afterAll(async () => {
  for (const p of running) p.signal('SIGKILL');
  await counter?.close();
  if (db) await closeDb(db);
  await pg?.stop();
});

function workerEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'),
  );
  return {
    ...env,
    DATABASE_URL: pg.url,
    LEVQOR_SSRF_ALLOW: '127.0.0.1',
    LEVQOR_WORKER_CONCURRENCY: '8',
  };
}

const totalHits = () => [...counter.hits.values()].reduce((sum, h) => sum + h.length, 0);

const startWorker = () => {
  const p = start('worker', TSX, [join(REPO_ROOT, 'packages/cli/src/main.ts'), 'worker'], workerEnv());
  running.push(p);
  return p;
};

describe('fault: the worker is SIGKILLed 20 times during 500 jobs', () => {
  it('finishes every job exactly once, re-runs no recorded step, and balances every ledger', async () => {
    const started = Date.now();
    const { user, workspace, slug } = await workspaceWithWorkflow(db, [
      { id: 'call', type: 'http', url: `${counter.url}/hit?n={{input.n}}` },
      { id: 'shape', type: 'transform', expression: "{ 'n': input.n, 'call': steps.call.output.body }" },
      { id: 'pause', type: 'delay', duration: '1s' },
    ]);
    const events = createLevqorEngine(db, { provider: 'local' }).client;
    const submit = async (from: number, count: number) => {
      for (let n = from; n < from + count; n++)
        await submitJob(
          db,
          { workspaceId: workspace.id, submittedBy: user.id, events },
          {
            workflow: slug,
            payload: { n },
          },
        );
    };

    // Each round: more work arrives, a worker starts, and is killed at a random moment of its work.
    const perRound = JOBS / KILLS;
    const killedAfterMs: number[] = [];
    for (let round = 0; round < KILLS; round++) {
      await submit(round * perRound, perRound);
      const worker = startWorker();
      await worker.waitFor(/"msg":"worker started"/, 120_000);
      // A random moment of its work: once it has made a call, 0–1.5 s later.
      const calls = totalHits();
      await until(() => totalHits() > calls, 60_000, 'the worker to make a call', 20);
      const wait = Math.round(Math.random() * 1_500);
      killedAfterMs.push(wait);
      await sleep(wait);
      worker.signal('SIGKILL');
      expect(await worker.exited).toBeNull();
    }
    const recorded = await db.$client<{ n: number }[]>`
      select count(*)::int as n from jobs where workspace_id = ${workspace.id} and status = 'succeeded'`;
    console.log(
      `after ${KILLS} kills (${killedAfterMs.join(', ')} ms after its first call): ${recorded[0]!.n}/${JOBS} jobs done`,
    );

    // The last worker lives: runs held by killed workers come back once their 30-s lease expires.
    const last = startWorker();
    await until(
      async () => {
        const [row] = await db.$client<{ open: number }[]>`
          select count(*)::int as open from jobs
          where workspace_id = ${workspace.id} and status not in ('succeeded', 'failed', 'cancelled')`;
        return row!.open === 0;
      },
      300_000,
      'every job to finish',
      500,
    );
    last.terminate();
    expect(await last.exited).toBe(0);

    const facts = await jobFacts(db, workspace.id);
    expect(facts).toHaveLength(JOBS);
    const notSucceeded = facts.filter((f) => f.status !== 'succeeded');
    expect(notSucceeded).toEqual([]);
    expect(facts.filter((f) => f.terminal !== 1)).toEqual([]);
    const unbalanced = facts.filter(
      (f) => Math.abs(f.reserved - f.released) > 1e-9 || Math.abs(f.settled - f.cost) > 1e-9,
    );
    expect(unbalanced).toEqual([]);
    expect(facts.every((f) => f.reserved > 0)).toBe(true);

    // The counter server: every job's call arrived, and never after its result was recorded.
    const steps = await db.$client<{ n: number; finished_ms: number }[]>`
      select (j.payload->>'n')::int as n, (extract(epoch from s.finished_at) * 1000)::float8 as finished_ms
      from job_steps s join jobs j on j.id = s.job_id
      where j.workspace_id = ${workspace.id} and s.step_id = 'call' and s.status = 'succeeded'`;
    expect(steps).toHaveLength(JOBS);
    let twice = 0;
    for (const { n, finished_ms } of steps) {
      const hits = counter.hits.get(String(n)) ?? [];
      expect(hits.length, `job ${n}`).toBeGreaterThanOrEqual(1);
      // Each kill that caught this call in flight (made, result not yet recorded) adds one more.
      expect(hits.length, `job ${n}`).toBeLessThanOrEqual(1 + KILLS);
      expect(
        hits.filter((at) => at > finished_ms),
        `job ${n}: a call after its result was recorded`,
      ).toEqual([]);
      if (hits.length >= 2) twice += 1;
    }
    console.log(
      `fault (a): ${JOBS} jobs, ${KILLS} SIGKILLs, all succeeded once, ledgers balanced; ` +
        `${twice} http calls ran more than once (in flight at a kill, result not yet recorded); ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }, 1_500_000); // 20 worker starts: minutes on a loaded machine
});
