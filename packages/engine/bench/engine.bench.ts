/**
 * `pnpm bench:engine`: the local engine against a bare `FOR UPDATE SKIP LOCKED` queue on the same
 * database, in the same run.
 *   A. throughput: 1,000 trivial runs submitted (one transaction each), then drained by one worker;
 *   B. latency: 1,000 runs submitted at a steady BENCH_RATE (default 200/s, below both capacities) while
 *      the worker runs; submit→succeeded p50/p99 from the database clock (created_at → finished_at);
 *   C. product jobs (`jobs.run` of demo.flow, see product-jobs.ts): statements per job; drain rate and
 *      claim time per run with 1,000 queued, 100,000 queued in one workspace and 100,000 over 1,000
 *      workspaces (rates over a window, backlogs bulk-inserted by SQL); fairness (probes to an idle
 *      workspace while another drains 100,000); submit→succeeded at a steady 50 jobs/s.
 * Database: DATABASE_URL, else a fresh embedded PostgreSQL on port 54338 with its data under .levqor/bench.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLANS } from '@levqor/core';
import { closeDb, createDb, type Database, sql } from '@levqor/db';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import { runMigrations } from '@levqor/db/migrate';
import { z } from 'zod';
import { defineFunction } from '../src/define-function';
import { createEngineClient } from '../src/engine-client';
import { createWorker } from '../src/local/worker';
import { silentSink } from '../src/log';
import { workerConcurrency } from '../src/process';
import { createRegistry } from '../src/registry';
import {
  BENCH_PLAN,
  bulkBacklog,
  bulkWorkspaces,
  claimMsPerRun,
  drainRate,
  dropBacklog,
  jobLatencies,
  newTenant,
  productWorker,
  statementsPerJob,
  submitDemo,
  submitPaced,
} from './product-jobs';

const JOBS = Number(process.env.BENCH_JOBS ?? 1_000);
const SLOTS = workerConcurrency();
const DEEP = Number(process.env.BENCH_BACKLOG ?? 100_000);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 2_000);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 50);
const PROBE_RATE = Number(process.env.BENCH_PROBE_RATE ?? 5);
const SUBMITTERS = 4;
const RATE = Number(process.env.BENCH_RATE ?? 200);
const root = fileURLToPath(new URL('../../..', import.meta.url));

interface Figures {
  jobsPerSecond: number;
  p50: number;
  p99: number;
}

/** Runs `count` calls of `fn` from `parallel` concurrent loops; paced at `rate` calls/s when given. */
async function inParallel(count: number, parallel: number, fn: (n: number) => Promise<void>, rate?: number) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const n = next++;
        if (rate) {
          const wait = start + (n * 1_000) / rate - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        await fn(n);
      }
    }),
  );
}

async function latencies(db: Database, table: 'engine_runs' | 'bench_skip_locked', filter: string) {
  const where = table === 'engine_runs' ? sql`function_id = ${filter}` : sql`batch = ${filter}`;
  const [row] = await db.execute<{ p50: number; p99: number; n: number }>(sql`
    select count(*)::int as n,
      percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at) * 1000) as p50,
      percentile_cont(0.99) within group (order by extract(epoch from finished_at - created_at) * 1000) as p99
    from ${sql.raw(table)} where ${where} and finished_at is not null`);
  if (!row || row.n !== JOBS) throw new Error(`expected ${JOBS} finished jobs in ${table}, found ${row?.n}`);
  return { p50: Number(row.p50), p99: Number(row.p99) };
}

/**
 * The engine. `keyed`: the jobs carry a per-workspace concurrency limit (10 workspaces, limit 100), as the
 * product's `jobs.run` does, which makes every claim take the advisory-lock path.
 */
async function benchEngine(db: Database, keyed: boolean): Promise<Figures> {
  const makeRegistry = (id: string) =>
    createRegistry([
      defineFunction({
        id,
        trigger: { event: `bench/${id}` },
        payload: z.object({ n: z.number(), ws: z.string() }),
        retries: 0,
        concurrency: keyed ? { key: 'ws', limit: 100 } : undefined,
        handler: async ({ payload }) => payload.n,
      }),
    ]);
  const submitAll = async (id: string, rate?: number) => {
    const client = createEngineClient({ db, registry: makeRegistry(id), provider: 'local' });
    await inParallel(
      JOBS,
      SUBMITTERS,
      (n) => db.transaction((tx) => client.send(tx, { name: `bench/${id}`, data: { n, ws: `ws${n % 10}` } })),
      rate,
    );
  };

  // A. throughput
  const throughputId = `bench-tp-${Date.now().toString(36)}`;
  await submitAll(throughputId);
  const drainer = createWorker({
    db,
    registry: makeRegistry(throughputId),
    concurrency: SLOTS,
    log: silentSink,
  });
  const started = performance.now();
  const executed = await drainer.drain();
  const seconds = (performance.now() - started) / 1_000;
  if (executed !== JOBS) throw new Error(`engine drained ${executed} of ${JOBS}`);

  // B. latency with the worker running
  const latencyId = `bench-lat-${Date.now().toString(36)}`;
  const registry = makeRegistry(latencyId);
  const worker = createWorker({ db, registry, concurrency: SLOTS, log: silentSink });
  await worker.start();
  await submitAll(latencyId, RATE);
  while (true) {
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from engine_runs where function_id = ${latencyId} and status = 'succeeded'`,
    );
    if (row?.n === JOBS) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await worker.stop();
  const { p50, p99 } = await latencies(db, 'engine_runs', latencyId);
  await db.execute(sql`delete from engine_runs where function_id in (${throughputId}, ${latencyId})`);
  return { jobsPerSecond: JOBS / seconds, p50, p99 };
}

/** The floor: a bare SKIP LOCKED claim + update loop over a scratch table, same slots, same submitters. */
async function benchBare(db: Database): Promise<Figures> {
  await db.execute(sql`
    create table if not exists bench_skip_locked (
      id bigserial primary key, batch text not null, payload jsonb not null,
      status text not null default 'queued', created_at timestamptz not null default now(),
      finished_at timestamptz)`);
  await db.execute(sql`
    create index if not exists bench_skip_locked_due on bench_skip_locked (id) where status = 'queued'`);
  const submitAll = (batch: string, rate?: number) =>
    inParallel(
      JOBS,
      SUBMITTERS,
      async (n) => {
        await db.transaction(async (tx) => {
          await tx.execute(
            sql`insert into bench_skip_locked (batch, payload) values (${batch}, ${JSON.stringify({ n })}::jsonb)`,
          );
        });
      },
      rate,
    );
  let done = 0;
  const consume = async (batch: string, until: () => boolean) => {
    await Promise.all(
      Array.from({ length: SLOTS }, async () => {
        while (!until()) {
          const [row] = await db.execute<{ id: string }>(sql`
            update bench_skip_locked set status = 'running'
            where id = (select id from bench_skip_locked where status = 'queued' and batch = ${batch}
                        order by id limit 1 for update skip locked)
            returning id`);
          if (!row) {
            await new Promise((resolve) => setTimeout(resolve, 1));
            continue;
          }
          await db.execute(
            sql`update bench_skip_locked set status = 'done', finished_at = now() where id = ${row.id}`,
          );
          done += 1;
        }
      }),
    );
  };

  const throughputBatch = `tp-${Date.now().toString(36)}`;
  await submitAll(throughputBatch);
  const started = performance.now();
  await consume(throughputBatch, () => done >= JOBS);
  const seconds = (performance.now() - started) / 1_000;

  done = 0;
  const latencyBatch = `lat-${Date.now().toString(36)}`;
  const consumers = consume(latencyBatch, () => done >= JOBS);
  await submitAll(latencyBatch, RATE);
  await consumers;
  const { p50, p99 } = await latencies(db, 'bench_skip_locked', latencyBatch);
  await db.execute(sql`drop table bench_skip_locked`);
  return { jobsPerSecond: JOBS / seconds, p50, p99 };
}

/** Drain rate of product jobs with 1,000 queued in one workspace (the base of C). */
async function productBaseRate(db: Database): Promise<number> {
  const tenant = await newTenant(db);
  const template = await submitDemo(db, tenant);
  await productWorker(db, SLOTS).drain();
  const batch = await bulkBacklog(db, template, [tenant.workspaceId], 1_000);
  const worker = productWorker(db, SLOTS);
  const since = new Date();
  await worker.start();
  const rate = await drainRate(db, since, { skip: 100, window: 800, batch });
  await worker.stop();
  await dropBacklog(db, batch);
  return rate;
}

/** C. Product jobs: see the header. */
async function benchProduct(db: Database, url: string, bareRate: number) {
  console.log(
    `\nproduct jobs (jobs.run, demo.flow: one transform step; workspaces on ${BENCH_PLAN} (${PLANS[BENCH_PLAN].concurrency} at a time); ${SLOTS} slots)`,
  );
  const counted = await statementsPerJob(url, 50, SLOTS);
  console.log(
    `statements per job while draining 50 (claims and polls included): ${counted.perJob.toFixed(1)}`,
  );

  await steadyLatency(db, 'on a fresh database');
  const a = await newTenant(db);
  const template = await submitDemo(db, a);
  await productWorker(db, SLOTS).drain();
  const scenario = async (name: string, workspaceIds: string[], count: number, window: number) => {
    const batch = await bulkBacklog(db, template, workspaceIds, count);
    const claimMs = await claimMsPerRun(db, 50, SLOTS);
    const worker = productWorker(db, SLOTS);
    const since = new Date();
    await worker.start();
    const skip = Math.min(200, Math.floor(count / 10));
    const rate = await drainRate(db, since, { skip, window, batch });
    return { name, batch, worker, rate, claimMs };
  };
  const line = (name: string, rate: number, claimMs: number, base?: number) =>
    console.log(
      `${name.padEnd(44)}${rate.toFixed(0).padStart(8)} jobs/s${(base ? `${(rate / base).toFixed(2)}x` : '1.00x').padStart(9)}` +
        `   claim ${(claimMs * 1000).toFixed(0).padStart(5)} µs/run`,
    );

  const base = await scenario('1,000 queued, one workspace', [a.workspaceId], 1_000, 800);
  await base.worker.stop();
  await dropBacklog(db, base.batch);
  console.log(`drain rate (window of ${WINDOW} runs with the deep backlogs present, not a full drain):`);
  line(base.name, base.rate, base.claimMs);

  const deep = await scenario(
    `${DEEP.toLocaleString('en')} queued, one workspace`,
    [a.workspaceId],
    DEEP,
    WINDOW,
  );
  line(deep.name, deep.rate, deep.claimMs, base.rate);
  // Fairness: while A drains its backlog, 100 probes to the idle workspace B, PROBE_RATE per second.
  const b = await newTenant(db);
  const windowStart = new Date();
  const probes = await submitPaced(db, b, 100, PROBE_RATE);
  const fair = await jobLatencies(db, probes);
  const seconds = (Date.now() - windowStart.getTime()) / 1_000;
  const [during] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from jobs where id like ${`job_${deep.batch}_%`}
      and finished_at >= ${windowStart.toISOString()}::timestamptz`);
  const aRate = (during?.n ?? 0) / seconds;
  await deep.worker.stop();
  await dropBacklog(db, deep.batch);

  const spreadIds = await bulkWorkspaces(db, 1_000);
  const spread = await scenario(
    `${DEEP.toLocaleString('en')} queued over 1,000 workspaces`,
    spreadIds,
    DEEP,
    WINDOW,
  );
  await spread.worker.stop();
  line(spread.name, spread.rate, spread.claimMs, base.rate);
  await dropBacklog(db, spread.batch);
  await db.execute(sql`delete from workspaces where id = any(${sql.param(spreadIds)}::text[])`);

  console.log(
    `fairness: ${DEEP.toLocaleString('en')} queued in A; 100 probes to B at ${PROBE_RATE}/s: ` +
      `start p50 ${fair.start50.toFixed(0)} ms, p99 ${fair.start99.toFixed(0)} ms (goal < 1000); ` +
      `A drained ${aRate.toFixed(0)} jobs/s meanwhile (${(aRate / deep.rate).toFixed(2)}x its rate alone; ` +
      `B's share of the work ${(100 / (100 + aRate * seconds)).toFixed(2)})`,
  );
  console.log(
    `product jobs vs bare SKIP LOCKED loop (1,000 queued): ${(base.rate / bareRate).toFixed(2)}x (≥ 0.3x, goal 0.5x)`,
  );

  await steadyLatency(db, 'after the deep backlogs above were drained and deleted');
}

/** Submit→succeeded of demo.flow jobs submitted at a steady STEADY_RATE to one workspace, worker running. */
async function steadyLatency(db: Database, when: string) {
  const steady = await newTenant(db);
  const worker = productWorker(db, SLOTS);
  await worker.start();
  const ids = await submitPaced(db, steady, STEADY_RATE * 10, STEADY_RATE);
  const lat = await jobLatencies(db, ids);
  await worker.stop();
  console.log(
    `submit→succeeded at a steady ${STEADY_RATE} jobs/s (${STEADY_RATE * 10} jobs), ${when}: p50 ${lat.done50.toFixed(1)} ms, ` +
      `p99 ${lat.done99.toFixed(1)} ms (goal p50 < 100 ms)`,
  );
}

async function main() {
  let url = process.env.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!url) {
    // A fresh database every run: figures never depend on what an earlier (or interrupted) run left.
    await rm(join(root, '.levqor', 'bench', 'pg'), { recursive: true, force: true });
    const handle = await startEmbeddedPostgres({
      dataDir: join(root, '.levqor', 'bench', 'pg'),
      port: 54338,
      database: 'levqor_bench',
    });
    url = handle.url;
    stopEmbedded = () => handle.stop();
  }
  await runMigrations(url);
  const db = createDb(url, { max: SLOTS + SUBMITTERS + 4, appName: 'levqor-bench' });
  try {
    if (process.env.BENCH_STATEMENTS) {
      // The statements of one product job, one per line (for reading, not a benchmark).
      const { statements } = await statementsPerJob(url, 1, 1);
      for (const text of statements) console.log(text.replace(/\s+/g, ' ').slice(0, 150));
      console.log(`${statements.length} statements`);
      return;
    }
    if (process.env.BENCH_ONLY === 'ratio') {
      // Product jobs against the bare loop only, twice (~1 min): for trying a change on the drain path.
      for (let round = 1; round <= 2; round += 1) {
        const bare = await benchBare(db);
        const product = await productBaseRate(db);
        console.log(
          `round ${round}: bare ${bare.jobsPerSecond.toFixed(0)} runs/s, product ${product.toFixed(0)} jobs/s, ` +
            `${(product / bare.jobsPerSecond).toFixed(2)}x`,
        );
      }
      return;
    }
    console.log(
      `engine benchmark: ${JOBS} trivial jobs, ${SLOTS} slots, ${SUBMITTERS} submitters, latency phase at ${RATE} jobs/s`,
    );
    const bare = await benchBare(db);
    const engine = await benchEngine(db, false);
    const keyed = await benchEngine(db, true);
    const row = (name: string, f: Figures) =>
      `${name.padEnd(28)}${f.jobsPerSecond.toFixed(0).padStart(10)}${f.p50.toFixed(1).padStart(12)}${f.p99.toFixed(1).padStart(12)}`;
    console.log(`${''.padEnd(28)}${'runs/s'.padStart(10)}${'p50 ms'.padStart(12)}${'p99 ms'.padStart(12)}`);
    console.log(row('bare SKIP LOCKED loop', bare));
    console.log(row('levqor local engine', engine));
    console.log(row('  with per-key limit', keyed));
    const ratio = (name: string, f: Figures) =>
      console.log(
        `ratio ${name}/bare: throughput ${(f.jobsPerSecond / bare.jobsPerSecond).toFixed(2)}x, ` +
          `p50 ${(f.p50 / bare.p50).toFixed(2)}x, p99 ${(f.p99 / bare.p99).toFixed(2)}x`,
      );
    ratio('engine', engine);
    ratio('engine with per-key limit', keyed);
    await benchProduct(db, url, bare.jobsPerSecond);
  } finally {
    await closeDb(db);
    await stopEmbedded();
  }
}

await main();
