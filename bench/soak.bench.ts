/**
 * `pnpm bench:soak` (not in CI): the production build under the launcher (`pnpm start`, its own home,
 * embedded PostgreSQL and ports) at a steady load for BENCH_SOAK_MINUTES (default 30): POST
 * /api/v1/jobs at BENCH_SOAK_RATE per second (default 20; the worker drains them), a dashboard page and
 * a job read now and then. Every BENCH_SOAK_SAMPLE_S (default 30) it records the RSS of every process
 * the launcher started (apps, worker; PostgreSQL's as the sum of its processes' private memory — USS,
 * since its backends share their buffers — with the number of its processes beside it) and the
 * database's size. The demo workspace is put on Enterprise (`pnpm levqor billing plan`): on Free it
 * accepts 1,000 jobs a month and refuses the rest, which is no load at all. At the end: RSS of each
 * process after the warm-up (BENCH_SOAK_WARMUP_MINUTES, default 5) against its last samples — flat
 * means within 10%. Figures land in .levqor/bench-soak/results.json.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import postgres from 'postgres';

const env = process.env;
const MINUTES = Number(env.BENCH_SOAK_MINUTES ?? 30);
const WARMUP_MINUTES = Number(env.BENCH_SOAK_WARMUP_MINUTES ?? Math.min(5, MINUTES / 3));
const RATE = Number(env.BENCH_SOAK_RATE ?? 20);
const SAMPLE_S = Number(env.BENCH_SOAK_SAMPLE_S ?? 30);
const FLAT = 0.1;
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, '.levqor', 'bench-soak');
const home = join(outDir, 'home');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const PORTS = { web: 3130, admin: 3131, developers: 3132, pg: 54362 };
const API = `http://127.0.0.1:${PORTS.developers}/api/v1`;

const launcherEnv = {
  ...Object.fromEntries(Object.entries(env).filter(([k]) => k !== 'DATABASE_URL' && k !== 'NODE_ENV')),
  LEVQOR_HOME: home,
  LEVQOR_WEB_PORT: String(PORTS.web),
  LEVQOR_ADMIN_PORT: String(PORTS.admin),
  LEVQOR_DEVELOPERS_PORT: String(PORTS.developers),
  LEVQOR_WEB_URL: `http://127.0.0.1:${PORTS.web}`,
  LEVQOR_ADMIN_URL: `http://127.0.0.1:${PORTS.admin}`,
  LEVQOR_DEVELOPERS_URL: `http://127.0.0.1:${PORTS.developers}`,
  NEXT_TELEMETRY_DISABLED: '1',
  // The soak key's limit is 1.5× the rate, which may pass a workspace's default ceiling.
  LEVQOR_API_KEY_MAX_RATE_LIMIT: '100000',
  // Its own Stripe stand-in port: the default one may be held by a developer's Levqor or the e2e run.
  LEVQOR_STRIPE_STANDIN_PORT: env.BENCH_SOAK_STANDIN_PORT ?? '12133',
} as unknown as NodeJS.ProcessEnv;

const cli = (args: string[]) =>
  execFileSync(tsx, [join(root, 'packages/cli/src/main.ts'), ...args], {
    cwd: root,
    env: launcherEnv,
    encoding: 'utf8',
  });

/**
 * Processes started for this home (their environment names it) and PostgreSQL's (the postmaster and
 * its backends), with their RSS in MB.
 */
function processes(postmaster: number): { pid: number; name: string; rssMb: number }[] {
  const found: { pid: number; name: string; rssMb: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      const ours =
        Number(entry) === postmaster ||
        ppid === postmaster ||
        readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`LEVQOR_HOME=${home}`);
      if (!ours) continue;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      const pg = Number(entry) === postmaster || ppid === postmaster;
      // PostgreSQL's backends share their buffers: summing RSS counts those pages once per backend, and
      // PSS "grows" as backends touch more of them (a larger database). Their private pages (USS) are
      // what each process holds of its own: caches, sorts, plans.
      const kb = pg
        ? privateKb(entry)
        : readFileSync(`/proc/${entry}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (kb === null) continue;
      const name = pg ? 'postgres (private, all processes)' : describe(cmd);
      found.push({ pid: Number(entry), name, rssMb: Number(Array.isArray(kb) ? kb[1] : kb) / 1024 });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** A process's private memory (USS) in kB: its Private_Clean and Private_Dirty pages. */
function privateKb(pid: string): number | null {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const clean = rollup.match(/^Private_Clean:\s+(\d+) kB/m);
  const dirty = rollup.match(/^Private_Dirty:\s+(\d+) kB/m);
  return clean && dirty ? Number(clean[1]) + Number(dirty[1]) : null;
}

function describe(cmd: string): string {
  for (const app of ['web', 'admin', 'developers'])
    if (cmd.includes(`apps/${app}/server.ts`)) return cmd.includes('tsx/dist/cli') ? `${app} (tsx)` : app;
  if (cmd.includes('main.ts worker')) return cmd.includes('tsx/dist/cli') ? 'worker (tsx)' : 'worker';
  if (cmd.includes('main.ts start')) return cmd.includes('tsx/dist/cli') ? 'launcher (tsx)' : 'launcher';
  return cmd.slice(0, 60);
}

/** RSS per process name (PostgreSQL's backends summed: their shared buffers are counted in each). */
function sampleRss(postmaster: number): { byName: Record<string, number>; pgProcesses: number } {
  const byName: Record<string, number> = {};
  let pgProcesses = 0;
  for (const p of processes(postmaster)) {
    byName[p.name] = (byName[p.name] ?? 0) + p.rssMb;
    if (p.name.startsWith('postgres')) pgProcesses += 1;
  }
  return { byName, pgProcesses };
}

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  console.log(
    `bench:soak: ${MINUTES} min at ${RATE} jobs/s (warm-up ${WARMUP_MINUTES} min), sampling every ${SAMPLE_S} s`,
  );
  const pgDir = join(outDir, 'pg');
  const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: PORTS.pg, database: 'levqor' });
  const postmaster = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  launcherEnv.DATABASE_URL = pg.url;
  const db = postgres(pg.url, { max: 1, onnotice: () => {} });
  const launcher: ChildProcess = spawn(tsx, [join(root, 'packages/cli/src/main.ts'), 'start'], {
    cwd: root,
    env: launcherEnv,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-200_000)));
  launcher.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-200_000)));
  const stop = () => {
    try {
      process.kill(-launcher.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    const deadline = Date.now() + 600_000;
    while (!/Levqor is running/.test(output)) {
      if (launcher.exitCode !== null || Date.now() > deadline)
        throw new Error(`the launcher did not start:\n${output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    cli(['billing', 'plan', '--email', 'demo@levqor.local', '--plan', 'enterprise']);
    cli(['workspace', 'budget', '--email', 'demo@levqor.local', '--cents', '100000000']);
    const key = cli([
      'api-key',
      'create',
      '--email',
      'demo@levqor.local',
      '--scopes',
      'jobs:read,jobs:write',
      '--rate-limit',
      String(Math.max(600, Math.ceil(RATE * 60 * 1.5))),
      '--name',
      'soak',
    ]).match(/lvq_(live|test)_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}/)?.[0];
    if (!key) throw new Error('no API key in the CLI output');
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

    const counts: Record<string, number> = {};
    const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
    let lastId = '';
    let owed = 0;
    const load = setInterval(() => {
      owed += RATE / 10;
      for (; owed >= 1; owed--) {
        void fetch(`${API}/jobs`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ workflow: 'demo.flow', payload: { at: Date.now() } }),
          signal: AbortSignal.timeout(10_000),
        }).then(
          async (r) => {
            count(String(r.status));
            const body = (await r.json().catch(() => ({}))) as { id?: string };
            if (body.id) lastId = body.id;
          },
          () => count('error'),
        );
      }
    }, 100);
    const reads = setInterval(() => {
      if (lastId)
        void fetch(`${API}/jobs/${lastId}`, { headers, signal: AbortSignal.timeout(10_000) }).then(
          (r) => count(`read ${r.status}`),
          () => count('read error'),
        );
      void fetch(`http://127.0.0.1:${PORTS.web}/sign-in`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => count(`page ${r.status}`),
        () => count('page error'),
      );
    }, 1_000);

    const samples: {
      minute: number;
      rssMb: Record<string, number>;
      pgProcesses: number;
      dbMb: number;
      queued: number;
    }[] = [];
    const started = Date.now();
    while (Date.now() - started < MINUTES * 60_000) {
      const [stats] = await db<{ size: string; queued: number }[]>`
        select pg_database_size(current_database())::text as size,
          (select count(*)::int from jobs where status in ('queued', 'running')) as queued`;
      const memory = sampleRss(postmaster);
      const sample = {
        minute: (Date.now() - started) / 60_000,
        rssMb: memory.byName,
        pgProcesses: memory.pgProcesses,
        dbMb: Number(stats!.size) / 1_048_576,
        queued: stats!.queued,
      };
      samples.push(sample);
      console.log(
        `${sample.minute.toFixed(1).padStart(5)} min  db ${sample.dbMb.toFixed(0)} MB  queued ${sample.queued}  ` +
          `postgres processes ${sample.pgProcesses}  ` +
          Object.entries(sample.rssMb)
            .map(([n, mb]) => `${n} ${mb.toFixed(0)} MB`)
            .join(', '),
      );
      await new Promise((r) => setTimeout(r, SAMPLE_S * 1000));
    }
    clearInterval(load);
    clearInterval(reads);

    // A process's RSS saws up and down with its garbage collector: compare the mean of the first fifth
    // of the samples after the warm-up with the mean of the last fifth, not two single samples.
    const after = samples.filter((s) => s.minute >= WARMUP_MINUTES);
    const fifth = Math.max(1, Math.ceil(after.length / 5));
    const head = after.slice(0, fifth);
    const tail = after.slice(-fifth);
    const first = after[0];
    const mean = (rows: typeof after, name: string) =>
      rows.reduce((sum, s) => sum + (s.rssMb[name] ?? 0), 0) / rows.length;
    console.log(`\nrequests: ${JSON.stringify(counts)}`);
    const verdicts: Record<string, { afterWarmupMb: number; endMb: number; growth: number; flat: boolean }> =
      {};
    if (first)
      for (const name of Object.keys(first.rssMb)) {
        const start = mean(head, name);
        const end = mean(tail, name);
        const growth = end / start - 1;
        verdicts[name] = { afterWarmupMb: start, endMb: end, growth, flat: growth <= FLAT };
        console.log(
          `${name.padEnd(30)} ${start.toFixed(0).padStart(6)} MB after warm-up → ${end.toFixed(0).padStart(6)} MB at the end: ` +
            `${(growth * 100).toFixed(1)}% ${growth <= FLAT ? '(flat)' : '(GROWING)'}`,
        );
      }
    const db0 = first?.dbMb ?? 0;
    const db1 = samples.at(-1)?.dbMb ?? 0;
    console.log(`database: ${db0.toFixed(0)} MB after warm-up → ${db1.toFixed(0)} MB at the end`);
    writeFileSync(
      join(outDir, 'results.json'),
      `${JSON.stringify({ minutes: MINUTES, rate: RATE, counts, samples, verdicts }, null, 2)}\n`,
    );
    return Object.values(verdicts).every((v) => v.flat) ? 0 : 1;
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 5_000));
    await db.end({ timeout: 1 });
    await pg.stop();
  }
}

process.exit(await main());
