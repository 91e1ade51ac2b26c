/**
 * `pnpm bench:engine`: the local engine against a bare `FOR UPDATE SKIP LOCKED` queue on the same
 * database, in the same run.
 *   A. throughput: 1,000 trivial jobs submitted (one transaction each), then drained by one worker;
 *   B. latency: 1,000 jobs submitted at a steady BENCH_RATE (default 200/s, below both capacities) while
 *      the worker runs; submit→succeeded p50/p99 from the database clock (created_at → finished_at).
 * Database: DATABASE_URL, else the embedded PostgreSQL on port 54338 with its data under .levqor/bench.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDb, createDb, type Database, sql } from '@levqor/db';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import { runMigrations } from '@levqor/db/migrate';
import { z } from 'zod';
import { defineFunction } from '../src/define-function';
import { createEngineClient } from '../src/engine-client';
import { createWorker } from '../src/local/worker';
import { silentSink } from '../src/log';
import { createRegistry } from '../src/registry';

const JOBS = Number(process.env.BENCH_JOBS ?? 1_000);
const SLOTS = Number(process.env.LEVQOR_WORKER_CONCURRENCY ?? 8);
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

async function main() {
  let url = process.env.DATABASE_URL;
  let stopEmbedded = async () => {};
  if (!url) {
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
    console.log(
      `engine benchmark: ${JOBS} trivial jobs, ${SLOTS} slots, ${SUBMITTERS} submitters, latency phase at ${RATE} jobs/s`,
    );
    const bare = await benchBare(db);
    const engine = await benchEngine(db, false);
    const keyed = await benchEngine(db, true);
    const row = (name: string, f: Figures) =>
      `${name.padEnd(28)}${f.jobsPerSecond.toFixed(0).padStart(10)}${f.p50.toFixed(1).padStart(12)}${f.p99.toFixed(1).padStart(12)}`;
    console.log(`${''.padEnd(28)}${'jobs/s'.padStart(10)}${'p50 ms'.padStart(12)}${'p99 ms'.padStart(12)}`);
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
  } finally {
    await closeDb(db);
    await stopEmbedded();
  }
}

await main();
