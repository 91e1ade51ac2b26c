/**
 * `pnpm --filter @levqor/bench bench:stripe-webhook`: Stripe webhook handling.
 *   1. time to 2xx: BENCH_EVENTS (2000) distinct signed `customer.subscription.updated` deliveries,
 *      BENCH_CONCURRENCY (20) at a time, to `receiveStripeEvent` (SDK verification, stored once, engine
 *      event in the same transaction: one round trip) behind node:http — the logic of apps/web's
 *      /api/stripe/webhook without Next's own routing. The deliveries come from another process
 *      (stripe-webhook-client.ts), as Stripe's do. Target: p99 < 50 ms.
 *      BENCH_WARMUP (200) deliveries first, not measured (pool connections, JIT).
 *      Two shapes of load (stripe-webhook-client.ts): saturated (BENCH_CONCURRENCY always in flight: the
 *      time to 2xx is then mostly queueing on the 2 cores) and bursts (BENCH_CONCURRENCY at once, then a
 *      pause of BENCH_BURST_GAP_MS, 100, after the last answer).
 *      Baseline in the same run: the same deliveries to a bare node:http server doing one insert.
 *   2. end to end: the local engine's worker then applies them all (`billing.stripe-event`); events/s.
 * Database: DATABASE_URL, else the embedded PostgreSQL on BENCH_PG_PORT (54338), data under .levqor/bench-billing.
 * Run under `flock /tmp/levqor-bench.lock`.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser, DomainError, receiveStripeEvent, STRIPE_STANDIN } from '@levqor/core';
import { closeDb, createDb, eq, sql, workspaces } from '@levqor/db';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import { runMigrations } from '@levqor/db/migrate';
import { createWorker } from '@levqor/engine';
import { createLevqorEngine } from '@levqor/engine/functions';
import type { Order } from './stripe-webhook-client';

const env = process.env;
const EVENTS = Number(env.BENCH_EVENTS ?? 2_000);
const WARMUP = Number(env.BENCH_WARMUP ?? 200);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 20);
const BURST_GAP_MS = Number(env.BENCH_BURST_GAP_MS ?? 100);
const WORKSPACES = 50;
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface Delivered {
  latencies: number[];
  failures: number;
  seconds: number;
}

/** Sends `bodies` to `target` from the load generator's own process; latencies come back sorted. */
async function deliver(target: string, bodies: string[], mode: Order['mode']): Promise<Delivered> {
  const client = fork(fileURLToPath(new URL('./stripe-webhook-client.ts', import.meta.url)));
  const report = new Promise<Delivered>((resolve, reject) => {
    client.once('message', (m) => resolve(m as Delivered));
    client.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
  });
  const order: Order = {
    target,
    secret: STRIPE_STANDIN.webhookSecret,
    concurrency: CONCURRENCY,
    bodies,
    mode,
    gapMs: BURST_GAP_MS,
  };
  client.send(order);
  const delivered = await report;
  delivered.latencies.sort((a, b) => a - b);
  return delivered;
}

async function main() {
  let url = env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(root, '.levqor', 'bench-billing', 'pg'),
      port: Number(env.BENCH_PG_PORT ?? 54338),
      database: `levqor_bench_billing_${Date.now()}`,
    });
    url = pg.url;
    stop = pg.stop;
  }
  await runMigrations(url);
  const db = createDb(url, { max: 20, appName: 'bench-billing' });
  const engine = createLevqorEngine(db, { provider: 'local' });
  const customers: string[] = [];
  for (let i = 0; i < WORKSPACES; i++) {
    const { workspace } = await createUser(db, { email: `bench-billing-${Date.now()}-${i}@example.com` });
    const customer = `cus_bench_${Date.now()}_${i}`;
    await db.update(workspaces).set({ stripeCustomerId: customer }).where(eq(workspaces.id, workspace.id));
    customers.push(customer);
  }
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      await receiveStripeEvent(db, engine.client, {
        rawBody: body,
        signature: String(req.headers['stripe-signature'] ?? ''),
        secret: STRIPE_STANDIN.webhookSecret,
      });
      res.writeHead(200).end('{"received":true}');
    } catch (err) {
      res.writeHead(err instanceof DomainError ? 400 : 500).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`;
  const t0 = Math.floor(Date.now() / 1000);
  const makeBodies = (count: number, tag: string) =>
    Array.from({ length: count }, (_, i) => {
      const customer = customers[i % WORKSPACES]!;
      return JSON.stringify({
        id: `evt_bench_${tag}_${Date.now()}_${i}`,
        object: 'event',
        created: t0 + i,
        type: 'customer.subscription.updated',
        data: {
          object: {
            id: `sub_${customer}`,
            object: 'subscription',
            customer,
            status: i % 3 === 0 ? 'past_due' : 'active',
            cancel_at_period_end: false,
            metadata: {},
            items: {
              object: 'list',
              data: [
                {
                  id: 'si_1',
                  price: { id: STRIPE_STANDIN.prices.growth },
                  current_period_start: t0,
                  current_period_end: t0 + 2_592_000,
                },
              ],
            },
          },
        },
      });
    });
  const modes = ['saturate', 'bursts'] as const;
  // The baseline, same process, same deliveries: node:http and one plain insert, nothing verified.
  await db.execute(
    sql`create table if not exists bench_webhook_bare (id text primary key, body jsonb not null)`,
  );
  const bare = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const id = (JSON.parse(body) as { id: string }).id;
    await db.execute(
      sql`insert into bench_webhook_bare values (${id}, ${body}::jsonb) on conflict do nothing`,
    );
    res.writeHead(200).end('{"received":true}');
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareTarget = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  // Not measured: each server's first WARMUP deliveries open its pool's connections and warm the JIT.
  await deliver(bareTarget, makeBodies(WARMUP, 'bw'), 'saturate');
  const baselines = new Map<string, Delivered>();
  for (const mode of modes)
    baselines.set(mode, await deliver(bareTarget, makeBodies(EVENTS, `b${mode}`), mode));
  bare.close();
  await db.execute(sql`drop table bench_webhook_bare`);
  await deliver(target, makeBodies(WARMUP, 'w'), 'saturate');
  const measured = new Map<string, Delivered>();
  for (const mode of modes) measured.set(mode, await deliver(target, makeBodies(EVENTS, mode), mode));
  const worker = createWorker({ db, registry: engine.registry, concurrency: 8, pollMs: 20 });
  const drainStart = performance.now();
  await worker.drain({ settle: true, timeoutMs: 600_000 });
  const drainS = (performance.now() - drainStart) / 1000;
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from stripe_events where processed_at is not null and id like 'evt_bench_%'`,
  );
  const figures = (d: Delivered) => ({
    p50_ms: quantile(d.latencies, 0.5),
    p95_ms: quantile(d.latencies, 0.95),
    p99_ms: quantile(d.latencies, 0.99),
    max_ms: d.latencies.at(-1),
    per_s: d.latencies.length / d.seconds,
    failures: d.failures,
  });
  const result = {
    events_per_shape: EVENTS,
    warmup: WARMUP,
    concurrency: CONCURRENCY,
    burst_gap_ms: BURST_GAP_MS,
    ...Object.fromEntries(
      modes.map((mode) => {
        const ours = measured.get(mode)!;
        const base = baselines.get(mode)!;
        return [
          mode,
          {
            time_to_2xx: figures(ours),
            baseline_bare_insert: figures(base),
            p99_vs_baseline: quantile(ours.latencies, 0.99) / quantile(base.latencies, 0.99),
          },
        ];
      }),
    ),
    processed: row?.n,
    processed_per_s: (row?.n ?? 0) / drainS,
  };
  console.log(JSON.stringify(result, null, 2));
  server.close();
  await closeDb(db);
  await stop();
}

await main();
