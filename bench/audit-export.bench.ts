/**
 * `pnpm bench:audit-export`: memory of the admin console's audit-log CSV export on 10,000, 100,000 and
 * 300,000 rows.
 *
 * Seeds the rows (plus 1k for warming up), then, for each size, starts a fresh server process
 * (`audit-export-server.ts`: node:http + `auditCsvStream`, the function apps/admin's /audit/export route
 * returns, run with the app servers' production Node flags and --expose-gc), warms it up with a 1k export,
 * and streams the export over HTTP on 127.0.0.1 twice, measuring two things:
 *  - peak RSS growth (the old figure): the server's RSS sampled every BENCH_SAMPLE_MS from /proc. It counts
 *    garbage V8 has not collected yet and freed memory not handed back to the OS, so it follows how much was
 *    allocated, not how much is held: "bounded, not flat" (6× for 10× the rows, then a plateau).
 *  - retained growth (the new figure, the one that decides): the server's heap in use plus its external
 *    memory (buffers) right after a full GC, sampled back to back during the export through `/memory`.
 *    Rows kept anywhere (no backpressure, a buffer) would show here; garbage cannot.
 * The same is done for the baseline it must beat: every row loaded, then one CSV string sent (`/whole`).
 * Each measurement is repeated BENCH_ROUNDS times; medians are compared.
 *
 * Flat memory is the goal: the retained growth of the largest streamed export (300k, or 100k with
 * BENCH_PLATEAU=0) must stay under twice the 10k one (each read as at least RETAINED_FLOOR) — the exit
 * code is 1 otherwise. The whole-table load, which does keep its rows, fails that test (~13×).
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
/** Pause between two forced-GC samples of the retained pass (each sample is one full collection). */
const RETAINED_SAMPLE_MS = Number(env.BENCH_RETAINED_SAMPLE_MS ?? 20);
/**
 * Retained growth below this reads as this, so a sample that lands while a few 1,000-row batches (~0.3 MB of
 * text each, plus their bytes and socket buffers) are in flight is not read as growth: 4 MB.
 */
const RETAINED_FLOOR = 4 * 1_048_576;
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
  // --expose-gc only lets `/memory` collect on demand; V8 collects as usual otherwise.
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(here, 'audit-export-server.ts')],
    {
      cwd: here,
      env: { ...env, DATABASE_URL: url, NODE_OPTIONS: appServerNodeOptions(env.NODE_OPTIONS) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
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

/** What the server still holds after a full collection: V8 heap in use plus memory outside it (buffers). */
/** The largest V8 heap in use and external memory seen in the retained samples of the current export. */
const parts = { heap: 0, external: 0 };

async function retainedOf(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/memory`);
  if (res.status !== 200) throw new Error(`/memory: HTTP ${res.status} ${await res.text()}`);
  const m = (await res.json()) as { heapUsed: number; external: number };
  parts.heap = Math.max(parts.heap, m.heapUsed);
  parts.external = Math.max(parts.external, m.external);
  return m.heapUsed + m.external;
}

interface Measurement {
  mode: 'stream' | 'whole';
  /** `rss`: peak RSS sampled from /proc (garbage included). `retained`: heap + external after forced GCs. */
  metric: 'rss' | 'retained';
  size: number;
  rows: number;
  bytes: number;
  seconds: number;
  baseline: number;
  peak: number;
  growth: number;
  /** RSS: VmHWM at the end. Retained: what is still held once the export is over (should be ~ baseline). */
  after: number;
  samples: number;
  /** Retained: the largest growth of the V8 heap in use, and of external memory (buffers), each on its own. */
  heapGrowth?: number;
  externalGrowth?: number;
}

async function measure(
  url: string,
  mode: 'stream' | 'whole',
  size: Size,
  metric: Measurement['metric'],
): Promise<Measurement> {
  const { child, port } = await startServer(url);
  try {
    const q = (r: { actor: string; from: string; to: string }) => new URLSearchParams(r).toString();
    const base = `http://127.0.0.1:${port}/${mode === 'stream' ? 'export' : 'whole'}`;
    // Warm up the same path (compiled code, the pool's connection), then let the heap settle.
    const warm = await download(`${base}?${q(RANGE.warm)}`);
    if (warm.rows !== WARM_ROWS) throw new Error(`warm-up returned ${warm.rows} rows`);
    await new Promise((r) => setTimeout(r, 500));
    const pid = child.pid!;
    const sample = metric === 'rss' ? async () => memoryOf(pid).rss : () => retainedOf(port);
    parts.heap = 0;
    parts.external = 0;
    const baseline = await sample();
    const atBaseline = { ...parts };
    parts.heap = 0;
    parts.external = 0;
    let peak = baseline;
    let samples = 0;
    let done = false;
    // RSS: every SAMPLE_MS. Retained: back to back, each a full GC in the server between two batches.
    const sampler = (async () => {
      while (!done) {
        peak = Math.max(peak, await sample());
        samples += 1;
        await new Promise((r) => setTimeout(r, metric === 'rss' ? SAMPLE_MS : RETAINED_SAMPLE_MS));
      }
    })();
    const t = performance.now();
    const got = await download(`${base}?${q(RANGE[size])}`).finally(() => {
      done = true;
    });
    const seconds = (performance.now() - t) / 1000;
    await sampler;
    if (got.rows !== size) throw new Error(`${mode} ${size}: the export had ${got.rows} rows`);
    const after = metric === 'rss' ? memoryOf(pid).hwm : await retainedOf(port);
    if (metric === 'rss') peak = Math.max(peak, memoryOf(pid).rss);
    const split =
      metric === 'retained'
        ? { heapGrowth: parts.heap - atBaseline.heap, externalGrowth: parts.external - atBaseline.external }
        : {};
    return {
      mode,
      metric,
      size,
      ...got,
      seconds,
      baseline,
      peak,
      growth: peak - baseline,
      after,
      samples,
      ...split,
    };
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
    const sizesOf = (mode: 'stream' | 'whole') =>
      mode === 'stream' && PLATEAU ? [...SIZES, PLATEAU] : SIZES;
    for (let round = 1; round <= ROUNDS; round++)
      for (const metric of ['rss', 'retained'] as const)
        for (const mode of modes)
          for (const size of sizesOf(mode)) {
            const m = await measure(url, mode, size, metric);
            all.push(m);
            const what = metric === 'rss' ? 'peak RSS' : 'retained (heap + external after GC)';
            const after =
              metric === 'retained'
                ? ` [heap +${mb(m.heapGrowth!).toFixed(1)}, external +${mb(m.externalGrowth!).toFixed(1)} MB]; ${mb(m.after).toFixed(1)} MB once over`
                : ` (VmHWM ${mb(m.after).toFixed(1)} MB)`;
            console.log(
              `round ${round} ${mode.padEnd(6)} ${String(size).padStart(7)} rows: ${mb(m.bytes).toFixed(1)} MB in ${m.seconds.toFixed(2)} s; ${what} ${mb(m.baseline).toFixed(1)} → peak ${mb(m.peak).toFixed(1)} MB (+${mb(m.growth).toFixed(1)} MB, ${m.samples} samples)${after}`,
            );
          }

    const of = (metric: Measurement['metric'], mode: 'stream' | 'whole', size: number) =>
      all.filter((m) => m.metric === metric && m.mode === mode && m.size === size);
    const growth = (metric: Measurement['metric'], mode: 'stream' | 'whole', size: number) =>
      median(of(metric, mode, size).map((m) => m.growth));
    const rows = modes.flatMap((mode) =>
      sizesOf(mode).map((size) => ({
        mode,
        rows: size,
        csv_mb: Number(mb(of('rss', mode, size)[0]!.bytes).toFixed(1)),
        seconds_median: Number(median(of('rss', mode, size).map((m) => m.seconds)).toFixed(2)),
        peak_rss_growth_mb_median: Number(mb(growth('rss', mode, size)).toFixed(1)),
        retained_growth_mb_median: Number(mb(growth('retained', mode, size)).toFixed(1)),
      })),
    );
    console.log('');
    console.table(rows);
    const ratio = (metric: Measurement['metric'], mode: 'stream' | 'whole', a: number, b: number) =>
      growth(metric, mode, a) / growth(metric, mode, b);
    const rssRatio = ratio('rss', 'stream', 100_000, 10_000);
    const rssPlateau = PLATEAU ? ratio('rss', 'stream', PLATEAU, 100_000) : null;
    const largest = PLATEAU ?? 100_000;
    // What the server holds while streaming the largest export, over what it holds for 10k rows, both after
    // a full GC. The floor keeps noise of a few hundred kB on tiny numbers from reading as growth.
    const held = (mode: 'stream' | 'whole', a: number, b: number) =>
      Math.max(growth('retained', mode, a), RETAINED_FLOOR) /
      Math.max(growth('retained', mode, b), RETAINED_FLOOR);
    const heldRatio = held('stream', largest, 10_000);
    // Flat: 10× or 30× the rows, and the memory the server keeps stays within twice the 10k figure.
    const bounded = heldRatio < 2;
    const result: Record<string, unknown> = {
      rounds: ROUNDS,
      node_options: appServerNodeOptions(env.NODE_OPTIONS),
      rows,
      ratio_stream_100k_over_10k_rss: Number(rssRatio.toFixed(2)),
      ratio_stream_300k_over_100k_rss: rssPlateau === null ? null : Number(rssPlateau.toFixed(2)),
      ratio_stream_largest_over_10k_retained: Number(heldRatio.toFixed(2)),
      bounded,
    };
    console.log(
      `old figure, peak RSS growth (garbage included): stream 100k / 10k = ${rssRatio.toFixed(2)}×${rssPlateau === null ? '' : `, 300k / 100k = ${rssPlateau.toFixed(2)}×`}`,
    );
    console.log(
      `new figure, retained after forced GC (what the server holds): stream ${largest / 1000}k / 10k = ${heldRatio.toFixed(2)}× for ${largest / 10_000}× the rows (growths under ${mb(RETAINED_FLOOR)} MB read as ${mb(RETAINED_FLOOR)} MB) (+${mb(growth('retained', 'stream', largest)).toFixed(1)} MB vs +${mb(growth('retained', 'stream', 10_000)).toFixed(1)} MB) — ${bounded ? 'FLAT' : 'GROWS WITH THE ROWS'}`,
    );
    console.log(
      'why they differ: peak RSS also counts garbage not collected yet (young generation, old-space and large-object garbage awaiting the next full GC) and freed memory the allocator keeps: it follows bytes allocated, not bytes held. Retained-after-GC is what the server holds.',
    );
    if (WHOLE) {
      const wholeRss = ratio('rss', 'whole', 100_000, 10_000);
      const wholeHeld = held('whole', 100_000, 10_000);
      const vsWhole = growth('retained', 'stream', 100_000) / growth('retained', 'whole', 100_000);
      result.ratio_whole_100k_over_10k_rss = Number(wholeRss.toFixed(2));
      result.ratio_whole_100k_over_10k_retained = Number(wholeHeld.toFixed(2));
      result.ratio_stream_over_whole_at_100k_retained = Number(vsWhole.toFixed(3));
      console.log(
        `whole-table baseline, 100k / 10k: peak RSS ${wholeRss.toFixed(2)}×, retained ${wholeHeld.toFixed(2)}× (growths under ${mb(RETAINED_FLOOR)} MB read as ${mb(RETAINED_FLOOR)} MB): this load keeps its rows, and the retained figure shows it`,
      );
      console.log(`at 100k rows the stream retains ${vsWhole.toFixed(3)}× what the whole-table load does`);
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
