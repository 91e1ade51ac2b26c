/**
 * `pnpm bench:api`: the public REST intake against two baselines, in one run, on one database.
 *   api   authenticated `POST /api/v1/jobs` on the production server of apps/developers (node:http +
 *         trpc-to-openapi node adapter → jobs.submit → core submitJob), no job worker running;
 *   bare  plain node:http + postgres.js, one INSERT per request into a scratch table (bare-insert-server.ts);
 *   next  a bare Next 16 route handler doing the same INSERT (next-insert/, `next build` + `next start`).
 * autocannon, BENCH_CONNECTIONS (32) connections, BENCH_WARMUP (3) s of warm-up then BENCH_DURATION (10) s
 * measured, one server at a time; the tables each one writes are analyzed after its warm-up (see `analyze`).
 * bare and api alternate for BENCH_ROUNDS (3) rounds, after BENCH_FIRST_WARMUP (10) s of load on each new
 * server; the ratio is the median of the rounds' ratios.
 * Target: api ≥ 0.5× bare requests/s and api p99 < 100 ms.
 * Database: DATABASE_URL, else the embedded PostgreSQL on BENCH_PG_PORT (54337), data under .levqor/bench-api.
 * Results: printed, and written to .levqor/bench-api/results.json. Everything started here is stopped on
 * exit, failure, Ctrl-C or after BENCH_TIMEOUT (900) s.
 * BENCH_ONLY=api,bare,next runs a subset; BENCH_PROFILE=1 writes a V8 CPU profile of the developers server
 * to .levqor/bench-api/profiles (open it in Chrome DevTools).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appServerNodeOptions } from '@levqor/config/node-options';
import { createApiKey, createUser, setMonthlyBudget, setWorkspacePlan } from '@levqor/core';
import { closeDb, createDb, type Database, sql } from '@levqor/db';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import { runMigrations } from '@levqor/db/migrate';
import autocannon from 'autocannon';
import postgres from 'postgres';

const env = process.env;
/** Every server measured runs with the app servers' production Node flags (as the launcher starts them). */
const SERVER_NODE_OPTIONS = appServerNodeOptions(env.NODE_OPTIONS);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 32);
const DURATION_S = Number(env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(env.BENCH_WARMUP ?? 3);
const FIRST_WARMUP_S = Number(env.BENCH_FIRST_WARMUP ?? 10);
const PG_PORT = Number(env.BENCH_PG_PORT ?? 54337);
const TIMEOUT_S = Number(env.BENCH_TIMEOUT ?? 900);
const ONLY = new Set((env.BENCH_ONLY ?? 'api,bare,next').split(',').map((s) => s.trim()));
const PROFILE = env.BENCH_PROFILE === '1';
const ROUNDS = Math.max(1, Math.floor(Number(env.BENCH_ROUNDS ?? 3)));
const TARGET_RATIO = 0.5;
const GOAL_RATIO = 0.6;
const TARGET_P99_MS = 100;
/** Test-only secrets: the server refuses weak ones, and core's security log hashes with LEVQOR_SECRET. */
const SECRETS = {
  NEXTAUTH_SECRET: 'bench-nextauth-secret-0123456789abcdef0123456789',
  LEVQOR_SECRET: 'bench-levqor-secret-0123456789abcdef0123456789ab',
};

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const outDir = join(root, '.levqor', 'bench-api');
const developersDir = join(root, 'apps', 'developers');
const nextInsertDir = join(here, 'next-insert');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const nextBin = join(here, 'node_modules', '.bin', 'next');
const BODY = JSON.stringify({ workflow: 'demo.flow', payload: { x: 1 }, priority: 'normal' });

interface Figures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /**
   * CPU time per request (Linux, /proc) of the server's process group, of the PostgreSQL backends, and of
   * this process (autocannon, the load generator).
   */
  cpuMsPerRequest: { server: number | null; postgres: number | null; loadGenerator: number };
}

// ---------------------------------------------------------------- processes (all stopped on exit)

interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}
const children = new Set<Child>();

/** Spawns in its own process group (so the whole tree can be stopped); prints its first lines prefixed. */
function spawnChild(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; quiet?: boolean },
): Child {
  const proc = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let printed = 0;
  const limit = opts.quiet ? 0 : 40;
  for (const stream of [proc.stdout, proc.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        printed += 1;
        if (printed <= limit) console.log(`  [${name}] ${line}`);
        else if (printed === limit + 1) console.log(`  [${name}] … (further output not shown)`);
      }
    });
  }
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const child = { name, proc, exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

function killGroup(child: Child, signal: NodeJS.Signals) {
  if (!child.proc.pid) return;
  try {
    process.kill(-child.proc.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM to the child's process group, SIGKILL after `graceMs`. */
async function stopChild(child: Child, graceMs = 5_000) {
  if (child.proc.exitCode === null && child.proc.signalCode === null) {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  }
  killGroup(child, 'SIGKILL'); // anything left in its group
  children.delete(child);
}

// Last resort (e.g. an exception during cleanup): nothing outlives the benchmark.
process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

async function run(name: string, cmd: string, args: string[], cwd: string) {
  const child = spawnChild(name, cmd, args, {
    cwd,
    env: { ...env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' },
  });
  const code = await child.exited;
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: Child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

// ---------------------------------------------------------------- CPU accounting (Linux /proc)

const TICK_MS = 10; // USER_HZ is 100 on Linux
let postmasterPid: number | null = null;

/** [pid, ppid, pgid, cpu ms] of every process. */
function processTable(): [number, number, number, number][] {
  if (!existsSync('/proc')) return [];
  const rows: [number, number, number, number][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rows.push([Number(entry), Number(f[1]), Number(f[2]), (Number(f[11]) + Number(f[12])) * TICK_MS]);
    } catch {
      // exited meanwhile
    }
  }
  return rows;
}

/** CPU ms so far of `child`'s process group, and of the embedded PostgreSQL (null when not ours). */
function cpuNow(child: Child): { server: number | null; postgres: number | null } {
  const table = processTable();
  if (table.length === 0) return { server: null, postgres: null };
  const sum = (pred: (r: [number, number, number, number]) => boolean) =>
    table.filter(pred).reduce((a, r) => a + r[3], 0);
  return {
    server: sum((r) => r[2] === child.proc.pid),
    postgres: postmasterPid ? sum((r) => r[0] === postmasterPid || r[1] === postmasterPid) : null,
  };
}

// ---------------------------------------------------------------- builds

/** apps/developers: only when there is no production build (the REST hot path does not use it). */
async function ensureDevelopersBuild() {
  const buildId = join(developersDir, '.next', 'BUILD_ID');
  if (existsSync(buildId)) {
    console.log(`developers: using its production build of ${statSync(buildId).mtime.toISOString()}`);
    return;
  }
  console.log('developers: no production build; running `next build` (a few minutes)…');
  try {
    await run('build developers', 'pnpm', ['--filter', '@levqor/developers', 'build'], root);
  } catch (err) {
    // Another `next build` of the app (e.g. `pnpm build` in another terminal) holds its lock: use its result.
    console.log('developers: waiting up to 10 minutes for a build in progress to finish…');
    const deadline = Date.now() + 600_000;
    while (!existsSync(buildId)) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** bench/next-insert: built when missing or older than its sources. */
async function ensureNextInsertBuild() {
  const buildId = join(nextInsertDir, '.next', 'BUILD_ID');
  const sources = Math.max(
    newestMtime(join(nextInsertDir, 'app')),
    newestMtime(join(nextInsertDir, 'next.config.ts')),
  );
  if (existsSync(buildId) && statSync(buildId).mtimeMs > sources) return;
  console.log('next-insert: building (next build)…');
  await run('build next-insert', nextBin, ['build', nextInsertDir], here);
}

// ---------------------------------------------------------------- measurement

/** One request shape: a POST with the job body, or a GET. */
interface Target {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
}

const requestOf = (t: Target) => ({
  method: t.method,
  headers: t.method === 'POST' ? { 'content-type': 'application/json', ...t.headers } : t.headers,
  ...(t.method === 'POST' ? { body: BODY } : {}),
});

async function load(target: Target, seconds: number) {
  return autocannon({
    url: target.url,
    ...requestOf(target),
    connections: CONNECTIONS,
    duration: seconds,
  });
}

/** One probe request (must answer `expectStatus`), warm-up, then the measured run. */
async function measure(
  name: string,
  child: Child,
  target: Target,
  expectStatus: number,
  afterWarmup: () => Promise<void>,
): Promise<Figures> {
  const probe = await fetch(target.url, requestOf(target));
  const text = await probe.text();
  if (probe.status !== expectStatus)
    throw new Error(
      `${name}: probe answered ${probe.status}, expected ${expectStatus}: ${text.slice(0, 500)}`,
    );
  if (WARMUP_S > 0) await load(target, WARMUP_S);
  await afterWarmup();
  const before = cpuNow(child);
  const own = process.cpuUsage();
  const r = await load(target, DURATION_S);
  const ownUs = process.cpuUsage(own);
  const after = cpuNow(child);
  const perRequest = (a: number | null, b: number | null) =>
    a === null || b === null || r.requests.total === 0 ? null : (b - a) / r.requests.total;
  const figures: Figures = {
    requestsPerSecond: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMeanMs: r.latency.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    cpuMsPerRequest: {
      server: perRequest(before.server, after.server),
      postgres: perRequest(before.postgres, after.postgres),
      loadGenerator: (ownUs.user + ownUs.system) / 1000 / Math.max(1, r.requests.total),
    },
  };
  const cpu = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(2)} ms`);
  console.log(
    `  ${name}: ${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms, ${figures.non2xx} non-2xx, ${figures.errors} errors; CPU per request: server ${cpu(figures.cpuMsPerRequest.server)}, PostgreSQL ${cpu(figures.cpuMsPerRequest.postgres)}, autocannon ${cpu(figures.cpuMsPerRequest.loadGenerator)}`,
  );
  return figures;
}

/** A server under test, started once and measured in every round. */
interface Running {
  name: string;
  child: Child;
  target: Target;
  expectStatus: number;
  afterWarmup: () => Promise<void>;
}

async function startBare(url: string, db: Database): Promise<Running> {
  const port = await freePort();
  const child = spawnChild('bare', tsx, [join(here, 'bare-insert-server.ts')], {
    cwd: here,
    env: {
      ...env,
      NODE_OPTIONS: SERVER_NODE_OPTIONS,
      DATABASE_URL: url,
      PORT: String(port),
    },
  });
  await waitForHttp(`http://127.0.0.1:${port}/health`, child);
  return {
    name: 'bare node:http + postgres.js',
    child,
    target: { url: `http://127.0.0.1:${port}/insert`, method: 'POST', headers: {} },
    expectStatus: 201,
    afterWarmup: () => analyze(db, ['bench_api_inserts']),
  };
}

async function benchNext(url: string, db: Database): Promise<Figures> {
  const port = await freePort();
  const child = spawnChild('next', nextBin, ['start', nextInsertDir, '-p', String(port), '-H', '127.0.0.1'], {
    cwd: here,
    env: {
      ...env,
      NODE_ENV: 'production',
      NODE_OPTIONS: SERVER_NODE_OPTIONS,
      DATABASE_URL: url,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/insert`, child);
    return await measure(
      'bare Next route handler',
      child,
      { url: `http://127.0.0.1:${port}/api/insert`, method: 'POST', headers: {} },
      201,
      () => analyze(db, ['bench_api_inserts']),
    );
  } finally {
    await stopChild(child);
  }
}

/** The production server of apps/developers, as the launcher runs it, measured with (a) the job intake. */
async function startApi(url: string, db: Database): Promise<Running> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // As the launcher runs it (`tsx server.ts`); profiling needs the flag on node itself.
  const [cmd, args] = PROFILE
    ? [
        process.execPath,
        ['--cpu-prof', `--cpu-prof-dir=${join(outDir, 'profiles')}`, '--import', 'tsx', 'server.ts'],
      ]
    : [tsx, [join(developersDir, 'server.ts')]];
  const child = spawnChild('developers', cmd, args, {
    cwd: developersDir,
    env: {
      ...env,
      NODE_ENV: 'production',
      NODE_OPTIONS: SERVER_NODE_OPTIONS,
      PORT: String(port),
      DATABASE_URL: url,
      ...SECRETS,
      LEVQOR_LOCAL: '1',
      LEVQOR_JOBS_PROVIDER: 'local',
      LEVQOR_DEVELOPERS_URL: origin,
      NEXTAUTH_URL: origin,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  await waitForHttp(`${origin}/health`, child);
  return {
    name: 'levqor POST /api/v1/jobs',
    child,
    target: { url: `${origin}/api/v1/jobs`, method: 'POST', headers: {} },
    expectStatus: 202,
    afterWarmup: () => analyze(db, INTAKE_TABLES),
  };
}

/** (d) reading one job back through the same stack as (a), with a key of its own. */
async function measureRead(api: Running, readKey: string): Promise<Figures> {
  const { id } = (await (await fetch(api.target.url, requestOf(api.target))).json()) as { id: string };
  return measure(
    'levqor GET /api/v1/jobs/{id}',
    api.child,
    { url: `${api.target.url}/${id}`, method: 'GET', headers: { authorization: `Bearer ${readKey}` } },
    200,
    async () => {},
  );
}

const measureRunning = (r: Running) => measure(r.name, r.child, r.target, r.expectStatus, r.afterWarmup);

/**
 * (e) intake while the worker drains: a worker process (`pnpm levqor worker`, as the launcher runs it)
 * starts on the jobs (a) queued, and (a) is measured again meanwhile — users run both on one machine.
 * Returns the figures and the jobs the worker finished during the measured window (its drain rate).
 */
async function measureWhileDraining(
  api: Running,
  url: string,
  db: Database,
): Promise<{ figures: Figures; drained: number; seconds: number }> {
  const worker = spawnChild('worker', tsx, [join(root, 'packages/cli/src/main.ts'), 'worker'], {
    cwd: root,
    env: {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      ...SECRETS,
      LEVQOR_LOCAL: '1',
      LEVQOR_JOBS_PROVIDER: 'local',
    },
    quiet: true,
  });
  try {
    // Running once it has claimed something: the backlog (a) left starts shrinking.
    const finished = async () => {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from jobs where finished_at is not null`,
      );
      return row?.n ?? 0;
    };
    const deadline = Date.now() + 120_000;
    const first = await finished();
    while ((await finished()) === first) {
      if (Date.now() > deadline) throw new Error('the worker finished no job within 120 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    const before = await finished();
    const started = performance.now();
    const figures = await measure(
      'levqor POST /api/v1/jobs while the worker drains',
      api.child,
      api.target,
      202,
      api.afterWarmup,
    );
    const seconds = (performance.now() - started) / 1000;
    return { figures, drained: (await finished()) - before, seconds };
  } finally {
    await stopChild(worker, 10_000);
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// ---------------------------------------------------------------- database

interface Tenant {
  userId: string;
  workspaceId: string;
  /**
   * A new key (jobs:read + jobs:write, 100,000 requests/min, the most a key may have). Each measurement
   * of the API gets its own: at over 3,000 requests/s, two measurements within a minute would pass one
   * key's limit and measure 429s.
   */
  newKey(name: string): Promise<string>;
  keyIds: string[];
}

/** A fresh user + workspace (with the starter workflows, demo.flow published) and a large budget. */
async function createTenant(db: Database): Promise<Tenant> {
  const { user, workspace } = await createUser(db, {
    email: `bench-${Date.now().toString(36)}@levqor.local`,
    name: 'Benchmark',
  });
  await setWorkspacePlan(db, { workspaceId: workspace.id, plan: 'enterprise', actor: 'bench' });
  await setMonthlyBudget(db, workspace.id, { cents: 100_000_000 });
  // As an operator would: keys above the default ceiling (3,000/min) need it raised.
  process.env.LEVQOR_API_KEY_MAX_RATE_LIMIT = '100000';
  const keyIds: string[] = [];
  const newKey = async (name: string) => {
    const { key, plaintext } = await createApiKey(db, {
      workspaceId: workspace.id,
      userId: user.id,
      input: {
        name,
        scopes: ['jobs:write', 'jobs:read'],
        rate_limit_per_min: 100_000,
      },
    });
    keyIds.push(key.id);
    return plaintext;
  };
  return { userId: user.id, workspaceId: workspace.id, newKey, keyIds };
}

/**
 * The embedded server's benchmark database, dropped and created again: every run starts from the same
 * state. (A database that earlier runs filled and emptied keeps bloated indexes: after ~30 runs (a)
 * measured a third slower than on a fresh one, while (b) writes a table it creates each run.)
 */
async function freshDatabase(url: string): Promise<string> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end({ timeout: 2 });
  }
  return url;
}

/** Removes what the benchmark wrote, so runs stay comparable and a shared database stays clean. */
async function dropTenant(db: Database, t: Tenant) {
  await db.execute(sql`delete from engine_runs where payload ->> 'workspaceId' = ${t.workspaceId}`);
  await db.execute(sql`delete from engine_events where data ->> 'workspaceId' = ${t.workspaceId}`);
  await db.execute(sql`delete from api_requests where workspace_id = ${t.workspaceId}`);
  await db.execute(sql`delete from audit_events where workspace_id = ${t.workspaceId}`);
  for (const id of t.keyIds)
    await db.execute(sql`delete from rate_limit_counters where key = ${`api-key:${id}`}`);
  await db.execute(sql`delete from workspaces where id = ${t.workspaceId}`);
  await db.execute(sql`delete from users where id = ${t.userId}`);
  // Leave no dead rows for the next run's autovacuum to clean while it measures.
  for (const table of INTAKE_TABLES) await db.execute(sql.raw(`vacuum ${table}`)).catch(() => {});
}

/** The tables the API's intake reads and writes. */
const INTAKE_TABLES = [
  'workspaces',
  'workflows',
  'workflow_versions',
  'jobs',
  'job_steps',
  'job_events',
  'job_idempotency_keys',
  'cost_ledger',
  'cost_ledger_totals',
  'engine_runs',
  'engine_events',
  'api_requests',
  'rate_limit_counters',
];

/**
 * Planner statistics as a running system has them: after the warm-up has written a few thousand rows.
 * Without it a run could measure plans made while the tables were empty (e.g. just after the previous
 * run's cleanup was analyzed): foreign-key checks by sequential scan over a table growing by thousands
 * of rows a second, until autovacuum's next analyze — a fresh-database artefact, not the steady state.
 */
async function analyze(db: Database, tables: string[]) {
  await db.execute(sql.raw(`analyze ${tables.join(', ')}`));
}

// ---------------------------------------------------------------- main

function machine() {
  const cpus = os.cpus();
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
    commit,
  };
}

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const child of [...children]) await stopChild(child).catch(() => {});
    for (const fn of cleanups.reverse()) {
      await Promise.race([fn(), new Promise((r) => setTimeout(r, 30_000))]).catch((err: unknown) =>
        console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping everything the benchmark started…`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  console.error(`bench:api did not finish within ${TIMEOUT_S} s; stopping.`);
  void cleanup().finally(() => process.exit(1));
}, TIMEOUT_S * 1000);
watchdog.unref();

async function main(): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  // The key is created in this process, and creating one writes a hashed security event.
  env.LEVQOR_SECRET ??= SECRETS.LEVQOR_SECRET;
  const host = machine();
  console.log(
    `bench:api on ${host.cores} cores (${host.cpu}), Node ${host.node}, load average ${host.loadAverage.join(' ')}`,
  );
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s measured, each`,
  );

  if (ONLY.has('api')) await ensureDevelopersBuild();
  if (ONLY.has('next')) await ensureNextInsertBuild();

  let url = env.DATABASE_URL;
  let database = 'DATABASE_URL';
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(outDir, 'pg'),
      port: PG_PORT,
      database: 'levqor_bench_api',
    });
    url = await freshDatabase(pg.url);
    try {
      postmasterPid =
        Number(readFileSync(join(outDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
    } catch {
      postmasterPid = null;
    }
    database = `embedded PostgreSQL on 127.0.0.1:${PG_PORT} (.levqor/bench-api/pg)`;
    cleanups.push(() => pg.stop());
    if (!pg.owned) console.log('note: reusing an embedded PostgreSQL left running by an earlier run');
  }
  await runMigrations(url);
  const db = createDb(url, { max: 2, appName: 'levqor-bench-api' });
  cleanups.push(() => closeDb(db));
  console.log(`database: ${database}`);

  await db.execute(sql`drop table if exists bench_api_inserts`);
  await db.execute(
    sql`create table bench_api_inserts (id bigserial primary key, payload jsonb not null, created_at timestamptz not null default now())`,
  );
  cleanups.push(async () => {
    await db.execute(sql`drop table if exists bench_api_inserts`);
  });
  const tenant = await createTenant(db);
  cleanups.push(() => dropTenant(db, tenant));

  console.log(
    `measuring: ${ROUNDS} round(s) of (b) then (a), servers started once and measured one at a time, no job worker running…`,
  );
  const skipped: Figures = {
    requestsPerSecond: Number.NaN,
    latencyP50Ms: Number.NaN,
    latencyP99Ms: Number.NaN,
    latencyMeanMs: Number.NaN,
    requests: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    cpuMsPerRequest: { server: null, postgres: null, loadGenerator: 0 },
  };
  const bareServer = ONLY.has('bare') ? await startBare(url, db) : null;
  const apiServer = ONLY.has('api') ? await startApi(url, db) : null;
  let keyCount = 0;
  /** The API's next measurement goes with a key of its own. */
  const freshKey = async () => {
    if (apiServer)
      apiServer.target.headers = {
        authorization: `Bearer ${await tenant.newKey(`bench:api ${++keyCount}`)}`,
      };
  };
  // A fresh process is still compiling its hot paths for ~10 s: without this, round 1 measured (a)
  // 10–25% below rounds 2 and 3.
  await freshKey();
  for (const server of [bareServer, apiServer])
    if (server && FIRST_WARMUP_S > 0) await load(server.target, FIRST_WARMUP_S);
  // This machine's speed drifts by tens of percent within minutes: (b) and (a) alternate, and the ratio
  // reported is the median of the rounds' ratios, each measured a few seconds apart.
  const rounds: { bare: Figures; api: Figures; ratio: number }[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    console.log(`round ${i} of ${ROUNDS}`);
    const bareRound = bareServer ? await measureRunning(bareServer) : skipped;
    await freshKey();
    const apiRound = apiServer ? await measureRunning(apiServer) : skipped;
    rounds.push({
      bare: bareRound,
      api: apiRound,
      ratio: apiRound.requestsPerSecond / bareRound.requestsPerSecond,
    });
  }
  const read = apiServer ? await measureRead(apiServer, await tenant.newKey('bench:api read')) : skipped;
  let draining: Awaited<ReturnType<typeof measureWhileDraining>> | null = null;
  if (apiServer && !ONLY.has('no-worker')) {
    await freshKey();
    draining = await measureWhileDraining(apiServer, url, db);
  }
  if (bareServer) await stopChild(bareServer.child);
  if (apiServer) await stopChild(apiServer.child, PROFILE ? 20_000 : 5_000);
  const nextRoute = ONLY.has('next') ? await benchNext(url, db) : skipped;
  // The round whose ratio is the median stands for the run (all rounds are printed and saved).
  const ratioApi = median(rounds.map((r) => r.ratio));
  const typical = Number.isNaN(ratioApi)
    ? rounds[rounds.length >> 1]!
    : rounds.reduce((best, r) => (Math.abs(r.ratio - ratioApi) < Math.abs(best.ratio - ratioApi) ? r : best));
  const { bare, api } = typical;

  // What the API actually did: every 2xx is a queued job, and the limiter backend is where its counter is.
  const [jobs] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from jobs where workspace_id = ${tenant.workspaceId}`,
  );
  const [counter] = await db.execute<{ count: number }>(
    sql`select count from rate_limit_counters where key = ${`api-key:${tenant.keyIds[0]}`}`,
  );
  const limiter = counter
    ? 'PostgreSQL (rate_limit_counters; REDIS_URL not set)'
    : env.REDIS_URL
      ? 'Redis (REDIS_URL)'
      : 'unknown (no counter found)';

  const ratioNext = nextRoute.requestsPerSecond / bare.requestsPerSecond;
  const ratioRead = read.requestsPerSecond / bare.requestsPerSecond;
  const clean = [...rounds.flatMap((r) => [r.api, r.bare]), read, nextRoute].every(
    (f) => f.non2xx === 0 && f.errors === 0 && f.timeouts === 0,
  );
  const met = ratioApi >= TARGET_RATIO && api.latencyP99Ms < TARGET_P99_MS && clean;

  const row = (name: string, f: Figures) =>
    `${name.padEnd(34)}${f.requestsPerSecond.toFixed(0).padStart(9)}${String(f.latencyP50Ms).padStart(9)}${String(f.latencyP99Ms).padStart(9)}${String(f.non2xx).padStart(9)}${String(f.errors + f.timeouts).padStart(8)}`;
  console.log('');
  for (const [i, r] of rounds.entries())
    console.log(
      `round ${i + 1}: (b) ${r.bare.requestsPerSecond.toFixed(0)} req/s, (a) ${r.api.requestsPerSecond.toFixed(0)} req/s, a/b ${r.ratio.toFixed(2)}x`,
    );
  console.log(
    `median a/b of ${rounds.length} round(s): ${ratioApi.toFixed(2)}x; the table shows the round nearest it`,
  );
  console.log(
    `${''.padEnd(34)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'non-2xx'.padStart(9)}${'errors'.padStart(8)}`,
  );
  console.log(row('(a) levqor POST /api/v1/jobs', api));
  console.log(row('(b) bare node:http + postgres.js', bare));
  console.log(row('(c) bare Next 16 route handler', nextRoute));
  console.log(row('(d) levqor GET /api/v1/jobs/{id}', read));
  if (draining) console.log(row('(e) (a) while the worker drains', draining.figures));
  console.log('');
  console.log(
    `ratio a/b ${ratioApi.toFixed(2)}x   ratio c/b ${ratioNext.toFixed(2)}x   a/c ${(api.requestsPerSecond / nextRoute.requestsPerSecond).toFixed(2)}x   d/b ${ratioRead.toFixed(2)}x (the same REST stack reading one job)`,
  );
  if (draining)
    console.log(
      `intake while the worker drains: e/a ${(draining.figures.requestsPerSecond / api.requestsPerSecond).toFixed(2)}x, ` +
        `e/b ${(draining.figures.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}x; the worker finished ` +
        `${draining.drained} jobs meanwhile (${(draining.drained / draining.seconds).toFixed(0)} jobs/s)`,
    );
  console.log(`limiter backend: ${limiter}`);
  console.log(`jobs queued by (a): ${jobs?.n ?? 0} (probe + warm-up + measured)`);
  console.log(
    `target (a ≥ ${TARGET_RATIO}x b req/s, a p99 < ${TARGET_P99_MS} ms, no errors): ${met ? 'MET' : 'MISSED'}` +
      (ratioApi >= GOAL_RATIO ? `; goal ${GOAL_RATIO}x reached` : `; goal ${GOAL_RATIO}x not reached`),
  );
  console.log(
    `machine: ${host.cores} cores, Node ${host.node}, load average before ${host.loadAverage.join(' ')}`,
  );

  const resultsPath = join(outDir, 'results.json');
  const results = {
    at: new Date().toISOString(),
    machine: host,
    config: {
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_S,
      durationSeconds: DURATION_S,
      rounds: ROUNDS,
      body: JSON.parse(BODY),
    },
    database,
    limiter,
    results: { api, bare, next: nextRoute, read, whileDraining: draining },
    rounds,
    ratios: { apiOverBare: ratioApi, nextOverBare: ratioNext, readOverBare: ratioRead },
    target: { ratio: TARGET_RATIO, p99Ms: TARGET_P99_MS, goalRatio: GOAL_RATIO, met },
  };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results: ${resultsPath}`);
  return clean ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(`bench:api failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
process.exit(code);
