/**
 * `pnpm bench:audit-export`: memory of the admin console's audit-log CSV export on 10,000 and 100,000 rows.
 *
 * Seeds 10k and 100k audit rows (plus 1k for warming up), then, for each size, starts a fresh server
 * process (`audit-export-server.ts`: node:http + `auditCsvStream`, the function apps/admin's
 * /audit/export route returns, run with the app servers' production Node flags), warms it up with a 1k
 * export, reads its RSS (the baseline), streams the export over HTTP on 127.0.0.1 while sampling the
 * server's RSS every BENCH_SAMPLE_MS from /proc, and reports the peak growth over the baseline.
 * The same is done for the baseline it must beat, measured in the same run: every row loaded, then one
 * CSV string sent (`/whole`). Each measurement is repeated BENCH_ROUNDS times; medians are compared.
 *
 * Flat memory is the goal: the streamed 100k export should not need ~10× the memory of the 10k one, and a
 * 300k export (the plateau check, BENCH_PLATEAU=0 skips it) no more than 1.5× the 100k one — the exit
 * code is 1 otherwise. What grows at all is V8's garbage between collections, not rows kept.
 * Database: DATABASE_URL, else the embedded PostgreSQL on BENCH_PG_PORT (54336), data under
 * .levqor/bench-audit-export. Linux only (reads /proc). Run under `flock /tmp/levqor-bench.lock`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appServerNodeOptions } from '@levqor/config/node-options';
import { closeDb, createDb, sql } from '@levqor/db';
import { startEmbeddedPostgres } from '@levqor/db/embedded';
import { runMigrations } from '@levqor/db/migrate';

const env = process.env;
const SIZES = [10_000, 100_000] as const;
/** The plateau check: a streamed export three times larger again (the whole-table baseline skips it). */
const PLATEAU = env.BENCH_PLATEAU === '0' ? null : (300_000 as const);
const WARM_ROWS = 1_000;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const SAMPLE_MS = Number(env.BENCH_SAMPLE_MS ?? 5);
const WHOLE = env.BENCH_WHOLE !== '0';
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const out = join(root, '.levqor', 'bench-audit-export');

const ACTOR = (label: string) => `usr_benchaudit${label}`;
/** Each set in its own year, so a set's export is one index range (as a date-filtered export is). */
const RANGE = {
  warm: { actor: ACTOR('warm'), from: '2000-01-01T00:00:00Z', to: '2001-01-01T00:00:00Z' },
  10000: { actor: ACTOR('10k'), from: '2001-01-01T00:00:00Z', to: '2002-01-01T00:00:00Z' },
  100000: { actor: ACTOR('100k'), from: '2002-01-01T00:00:00Z', to: '2003-01-01T00:00:00Z' },
  300000: { actor: ACTOR('300k'), from: '2003-01-01T00:00:00Z', to: '2004-01-01T00:00:00Z' },
} as const;
type Size = 10_000 | 100_000 | 300_000;

const mb = (bytes: number) => bytes / 1_048_576;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** VmRSS and VmHWM of a process, bytes. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

async function seed(db: ReturnType<typeof createDb>) {
  await db.execute(sql`delete from audit_events where actor like 'usr_benchaudit%'`);
  const sets: [keyof typeof RANGE, number][] = [
    ['warm', WARM_ROWS],
    [10_000, 10_000],
    [100_000, 100_000],
    ...(PLATEAU ? ([[300_000, 300_000]] as [keyof typeof RANGE, number][]) : []),
  ];
  for (const [key, n] of sets) {
    const r = RANGE[key];
    // Rows like the console's own: an admin action with its reason and a few details.
    await db.execute(sql`
      insert into audit_events (id, workspace_id, actor, action, target, metadata, created_at)
      select 'aud_bench' || ${String(key)} || '_' || g, 'ws_bench' || (g % 500), ${r.actor},
        'admin.billing.plan_override', 'ws_bench' || (g % 500),
        jsonb_build_object('reason', 'Contract signed by hand, ticket #' || g, 'from', 'free', 'to', 'growth',
          'request_id', md5(g::text)),
        ${r.from}::timestamptz + (g * (interval '1 year' / (${n} + 1)))
      from generate_series(1, ${n}) g`);
  }
  await db.execute(sql`analyze audit_events`);
}

function startServer(url: string): Promise<{ child: ChildProcess; port: number }> {
  // node itself (not the tsx CLI, which would put a wrapper process in between): its pid is the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'audit-export-server.ts')], {
    cwd: here,
    env: { ...env, DATABASE_URL: url, NODE_OPTIONS: appServerNodeOptions(env.NODE_OPTIONS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = /\{"port":(\d+)\}/.exec(text);
      if (line) resolve({ child, port: Number(line[1]) });
    });
    child.once('exit', (code) => reject(new Error(`the export server exited (${code}) before listening`)));
  });
}

/** GETs a CSV and reads it to the end: bytes and data rows (lines after the header). */
async function download(url: string) {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const b of chunk) if (b === 10) lines += 1;
  }
  return { bytes, rows: lines - 1 };
}

interface Measurement {
  mode: 'stream' | 'whole';
  size: number;
  rows: number;
  bytes: number;
  seconds: number;
  baselineRss: number;
  peakRss: number;
  growth: number;
  hwm: number;
}

async function measure(url: string, mode: 'stream' | 'whole', size: Size): Promise<Measurement> {
  const { child, port } = await startServer(url);
  try {
    const q = (r: { actor: string; from: string; to: string }) => new URLSearchParams(r).toString();
    const base = `http://127.0.0.1:${port}/${mode === 'stream' ? 'export' : 'whole'}`;
    // Warm up the same path (compiled code, the pool's connection), then let the heap settle.
    const warm = await download(`${base}?${q(RANGE.warm)}`);
    if (warm.rows !== WARM_ROWS) throw new Error(`warm-up returned ${warm.rows} rows`);
    await new Promise((r) => setTimeout(r, 500));
    const pid = child.pid!;
    const baselineRss = memoryOf(pid).rss;
    let peakRss = baselineRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, memoryOf(pid).rss);
    }, SAMPLE_MS);
    const t = performance.now();
    const got = await download(`${base}?${q(RANGE[size])}`);
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const end = memoryOf(pid);
    peakRss = Math.max(peakRss, end.rss);
    if (got.rows !== size) throw new Error(`${mode} ${size}: the export had ${got.rows} rows`);
    return { mode, size, ...got, seconds, baselineRss, peakRss, growth: peakRss - baselineRss, hwm: end.hwm };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
  }
}

async function main() {
  let url = env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const pg = await startEmbeddedPostgres({
      dataDir: join(out, 'pg'),
      port: Number(env.BENCH_PG_PORT ?? 54336),
      database: 'levqor_bench_audit_export',
    });
    url = pg.url;
    stop = pg.stop;
  }
  try {
    await runMigrations(url);
    const db = createDb(url, { max: 2, appName: 'bench-audit-export-seed' });
    const seeded = performance.now();
    await seed(db);
    console.log(
      `seeded ${WARM_ROWS + 110_000 + (PLATEAU ?? 0)} audit rows in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    await closeDb(db);

    const all: Measurement[] = [];
    const modes = WHOLE ? (['stream', 'whole'] as const) : (['stream'] as const);
    for (let round = 1; round <= ROUNDS; round++)
      for (const mode of modes)
        for (const size of mode === 'stream' && PLATEAU ? [...SIZES, PLATEAU] : SIZES) {
          const m = await measure(url, mode, size);
          all.push(m);
          console.log(
            `round ${round} ${mode.padEnd(6)} ${String(size).padStart(7)} rows: ${mb(m.bytes).toFixed(1)} MB in ${m.seconds.toFixed(2)} s; RSS ${mb(m.baselineRss).toFixed(1)} → peak ${mb(m.peakRss).toFixed(1)} MB (+${mb(m.growth).toFixed(1)} MB)`,
          );
        }

    const growth = (mode: 'stream' | 'whole', size: number) =>
      median(all.filter((m) => m.mode === mode && m.size === size).map((m) => m.growth));
    const seconds = (mode: 'stream' | 'whole', size: number) =>
      median(all.filter((m) => m.mode === mode && m.size === size).map((m) => m.seconds));
    const rows = modes.flatMap((mode) =>
      (mode === 'stream' && PLATEAU ? [...SIZES, PLATEAU] : SIZES).map((size) => ({
        mode,
        rows: size,
        csv_mb: Number(mb(all.find((m) => m.mode === mode && m.size === size)!.bytes).toFixed(1)),
        seconds_median: Number(seconds(mode, size).toFixed(2)),
        peak_rss_growth_mb_median: Number(mb(growth(mode, size)).toFixed(1)),
      })),
    );
    console.log('');
    console.table(rows);
    const streamRatio = growth('stream', 100_000) / growth('stream', 10_000);
    const plateau = PLATEAU ? growth('stream', PLATEAU) / growth('stream', 100_000) : null;
    // Bounded: three times the rows again needs no more than half as much memory again.
    const bounded = plateau === null || plateau < 1.5;
    const result: Record<string, unknown> = {
      rounds: ROUNDS,
      node_options: appServerNodeOptions(env.NODE_OPTIONS),
      rows,
      ratio_stream_100k_over_10k: Number(streamRatio.toFixed(2)),
      ratio_stream_300k_over_100k: plateau === null ? null : Number(plateau.toFixed(2)),
      bounded,
    };
    console.log(
      `stream: 100k / 10k peak RSS growth = ${streamRatio.toFixed(2)}× for 10× the rows (goal: flat, well under 10×)`,
    );
    if (plateau !== null)
      console.log(
        `stream: 300k / 100k peak RSS growth = ${plateau.toFixed(2)}× for 3× the rows — ${bounded ? 'BOUNDED (a plateau)' : 'STILL GROWING'}`,
      );
    if (WHOLE) {
      const wholeRatio = growth('whole', 100_000) / growth('whole', 10_000);
      const vsWhole = growth('stream', 100_000) / growth('whole', 100_000);
      result.ratio_whole_100k_over_10k = Number(wholeRatio.toFixed(2));
      result.ratio_stream_over_whole_at_100k = Number(vsWhole.toFixed(3));
      console.log(`whole-table baseline: 100k / 10k = ${wholeRatio.toFixed(2)}×`);
      console.log(
        `at 100k rows the stream needs ${vsWhole.toFixed(3)}× the memory growth of the whole-table load`,
      );
    }
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'results.json'),
      `${JSON.stringify({ ...result, measurements: all }, null, 2)}\n`,
    );
    process.exitCode = bounded ? 0 : 1;
  } finally {
    await stop();
  }
}

await main();
