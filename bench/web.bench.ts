/**
 * `pnpm bench:web`: Lighthouse 12.2.3 (Debian Chromium) on five pages of the production build, signed in as
 * demo@levqor.local where the page needs it:
 *   home          web  /
 *   overview      web  /dashboard
 *   jobs          web  /dashboard/jobs
 *   job           web  /dashboard/jobs/<a demo.flow job this run submits and waits for>
 *   reference     developers  /reference
 * For each page: the performance and accessibility scores (goal ≥ 90 each), under Lighthouse's mobile
 * preset (simulated slow 4G, 4× CPU slowdown) and its desktop preset, and the first-load JavaScript — the
 * scripts the page's HTML loads (not `nomodule` polyfills), gzip-compressed (goal ≤ 180 KB) — next to all JavaScript transferred
 * during the run (charts are loaded after the page) and, as the baseline measured in the same run, the
 * first-load JavaScript of the smallest page (sign-in): each page's figure is printed as a ratio to it.
 *
 * It starts Levqor itself with the launcher (`pnpm start`, which builds first when no build exists) in its
 * own state dir `.levqor/bench-web` (emptied first) and ports: LEVQOR_WEB_PORT / LEVQOR_ADMIN_PORT /
 * LEVQOR_DEVELOPERS_PORT / LEVQOR_PG_PORT / LEVQOR_STRIPE_STANDIN_PORT when set, else 3300 / 3301 / 3302 / 54360 / 12360; and stops it at the
 * end, on failure or on Ctrl-C. Results: printed, and written to .levqor/bench-web/results.json.
 * `BENCH_WEB_PAGES=overview,jobs` measures only those pages.
 * A benchmark, not a test: it prints, it does not fail on a missed goal. Run it alone on the machine
 * (`flock /tmp/levqor-bench.lock pnpm bench:web`): scores depend on CPU contention.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

const env = process.env;
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const home = join(root, '.levqor', 'bench-web');
const PORTS = {
  web: Number(env.LEVQOR_WEB_PORT ?? 3300),
  admin: Number(env.LEVQOR_ADMIN_PORT ?? 3301),
  developers: Number(env.LEVQOR_DEVELOPERS_PORT ?? 3302),
  pg: Number(env.LEVQOR_PG_PORT ?? 54360),
  // The launcher's Stripe stand-in: its own port, not the default 12111 an e2e run next to it holds.
  stripe: Number(env.LEVQOR_STRIPE_STANDIN_PORT ?? 12360),
};
const WEB = `http://localhost:${PORTS.web}`;
const DEVELOPERS = `http://localhost:${PORTS.developers}`;
const CHROMIUM = env.LEVQOR_E2E_CHROMIUM ?? '/usr/bin/chromium';
const GOAL_SCORE = 90;
const GOAL_FIRST_LOAD_KB = 180;
const EMAIL = 'demo@levqor.local';

// ---------------------------------------------------------------- the launcher (stopped on exit)

let launcher: ChildProcess | null = null;

async function startLevqor(): Promise<void> {
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  // The launcher itself (what `pnpm start` runs), in a process group of its own: pnpm does not pass a
  // SIGTERM on, and the launcher left running would keep the apps and PostgreSQL up.
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['packages/cli/src/main.ts', 'start'], {
    cwd: root,
    detached: true,
    env: {
      ...env,
      LEVQOR_HOME: home,
      LEVQOR_WEB_PORT: String(PORTS.web),
      LEVQOR_ADMIN_PORT: String(PORTS.admin),
      LEVQOR_DEVELOPERS_PORT: String(PORTS.developers),
      LEVQOR_PG_PORT: String(PORTS.pg),
      LEVQOR_STRIPE_STANDIN_PORT: String(PORTS.stripe),
      NEXT_TELEMETRY_DISABLED: '1',
      TURBO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher = child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Levqor did not start within 10 minutes')), 600_000);
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('Levqor is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => process.stderr.write(`  [levqor] ${c}`));
    child.on('exit', (code) => reject(new Error(`the launcher exited (${code}) before Levqor was running`)));
  });
}

/** SIGTERM to the launcher's group: it stops the apps, the worker and PostgreSQL it started. */
async function stopLevqor(): Promise<void> {
  const child = launcher;
  launcher = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.on('exit', r));
  const signal = (s: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void stopLevqor().finally(() => process.exit(130));
  });

// ---------------------------------------------------------------- signing in over HTTP (magic link)

/** The cookies a response sets, as a Cookie header fragment. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/**
 * Requests a magic link for EMAIL on the app at `app`, reads it from the dev mailbox (served by web) and
 * follows it: that app's session cookie (each app has its own).
 */
async function signIn(app: string): Promise<string> {
  const before = new Set(mailIds(await (await fetch(`${WEB}/dev/mailbox`)).text()));
  const csrf = await fetch(`${app}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const requested = await fetch(`${app}/api/auth/signin/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar, origin: app },
    body: new URLSearchParams({ csrfToken, email: EMAIL, callbackUrl: `${app}/`, json: 'true' }),
    redirect: 'manual',
  });
  if (requested.status >= 400) throw new Error(`sign-in link request: HTTP ${requested.status}`);
  let id: string | undefined;
  for (let i = 0; i < 40 && !id; i++) {
    id = mailIds(await (await fetch(`${WEB}/dev/mailbox`)).text()).find((m) => !before.has(m));
    if (!id) await new Promise((r) => setTimeout(r, 250));
  }
  if (!id) throw new Error('no new message in the dev mailbox');
  const mail = await (await fetch(`${WEB}/dev/mailbox/${id}`)).text();
  const link = /href="(http[^"]*\/api\/auth\/callback\/email[^"]*)"/
    .exec(mail)?.[1]
    ?.replaceAll('&amp;', '&');
  if (!link) throw new Error('no sign-in link in the message');
  const callback = await fetch(link, { headers: { cookie: jar }, redirect: 'manual' });
  const session = cookiesOf(callback)
    .split('; ')
    .find((c) => /^[\w.-]*session-token=/.test(c));
  if (!session) throw new Error(`no session cookie after the sign-in link (HTTP ${callback.status})`);
  return session;
}

const mailIds = (html: string) => [...html.matchAll(/href="\/dev\/mailbox\/([^"]+)"/g)].map((m) => m[1]!);

/** A tRPC call with the session, as the dashboard makes it. */
async function trpc<T>(cookie: string, path: string, input: unknown, method: 'GET' | 'POST'): Promise<T> {
  const body = JSON.stringify({ json: input });
  const res = await fetch(
    method === 'GET'
      ? `${WEB}/api/trpc/${path}?input=${encodeURIComponent(body)}`
      : `${WEB}/api/trpc/${path}`,
    {
      method,
      headers: { cookie, origin: WEB, 'content-type': 'application/json' },
      body: method === 'POST' ? body : undefined,
    },
  );
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Submits a demo.flow job and waits until it has finished: the job page then shows steps and events. */
async function finishedJob(cookie: string): Promise<string> {
  const job = await trpc<{ id: string }>(
    cookie,
    'jobs.submit',
    { workflow: 'demo.flow', payload: { x: 1 } },
    'POST',
  );
  for (let i = 0; i < 120; i++) {
    const { status } = await trpc<{ status: string }>(cookie, 'jobs.get', { id: job.id }, 'GET');
    if (status === 'succeeded' || status === 'failed') return job.id;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job ${job.id} did not finish within 60 s`);
}

// ---------------------------------------------------------------- measuring

interface PageFigures {
  page: string;
  url: string;
  preset: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  speedIndexMs: number;
  cls: number;
  /** The opportunities with the largest estimated savings, e.g. `render-blocking-resources 300 ms`. */
  costs: string[];
  /** Scripts referenced by the page's HTML, gzip -6 of their bodies, in KB (1,000 bytes). */
  firstLoadJsKb: number;
  /** All JavaScript Lighthouse saw transferred (as sent by the server), in KB. */
  transferredJsKb: number;
}

/** The scripts the HTML of `url` loads, and their gzip-compressed size in bytes. */
async function firstLoadJs(
  url: string,
  cookie: string | null,
): Promise<{ bytes: number; scripts: string[] }> {
  const html = await (await fetch(url, { headers: cookie ? { cookie } : {} })).text();
  // `nomodule` scripts (Next's polyfills) are not loaded by the browsers Lighthouse runs: left out.
  const tags = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
  const scripts = [
    ...new Set(
      tags
        .filter((attrs) => !/\bnomodule\b/i.test(attrs))
        .flatMap((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1] ?? []),
    ),
  ];
  let bytes = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    bytes += gzipSync(body, { level: 6 }).length;
  }
  return { bytes, scripts };
}

async function lighthouseRun(
  port: number,
  url: string,
  cookie: string | null,
  preset: 'mobile' | 'desktop',
): Promise<Omit<PageFigures, 'page' | 'firstLoadJsKb'>> {
  const flags = {
    port,
    output: 'json' as const,
    logLevel: 'error' as const,
    onlyCategories: ['performance', 'accessibility'],
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
  };
  const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  // The whole report, for reading what a score is made of (open it in the Lighthouse viewer).
  writeFileSync(
    join(home, `lighthouse-${new URL(url).pathname.replace(/\W+/g, '_')}-${preset}.json`),
    JSON.stringify(lhr),
  );
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? 0;
  const costs = Object.values(lhr.audits)
    .map((a) => ({
      id: a.id,
      ms: (a.details as { overallSavingsMs?: number } | undefined)?.overallSavingsMs ?? 0,
    }))
    .filter((a) => a.ms >= 50)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((a) => `${a.id} ${Math.round(a.ms)} ms`);
  const requests =
    (
      lhr.audits['network-requests']?.details as {
        items?: { resourceType?: string; transferSize?: number }[];
      }
    )?.items ?? [];
  const js = requests
    .filter((r) => r.resourceType === 'Script')
    .reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
  return {
    url,
    preset,
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    lcpMs: Math.round(metric('largest-contentful-paint')),
    tbtMs: Math.round(metric('total-blocking-time')),
    fcpMs: Math.round(metric('first-contentful-paint')),
    speedIndexMs: Math.round(metric('speed-index')),
    cls: Math.round(metric('cumulative-layout-shift') * 1000) / 1000,
    costs,
    transferredJsKb: Math.round(js / 100) / 10,
  };
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10;
const pad = (s: string | number, n: number) => String(s).padEnd(n);

async function main() {
  console.log(
    `bench:web — starting Levqor (web :${PORTS.web}, developers :${PORTS.developers}, state ${home})`,
  );
  await startLevqor();
  const cookie = await signIn(WEB);
  const portalCookie = await signIn(DEVELOPERS);
  const jobId = await finishedJob(cookie);
  const only = env.BENCH_WEB_PAGES?.split(',').map((s) => s.trim());
  const pages = [
    { page: 'home', url: `${WEB}/`, cookie: null },
    { page: 'overview', url: `${WEB}/dashboard`, cookie },
    { page: 'jobs', url: `${WEB}/dashboard/jobs`, cookie },
    { page: 'job', url: `${WEB}/dashboard/jobs/${jobId}`, cookie },
    { page: 'reference', url: `${DEVELOPERS}/reference`, cookie: portalCookie },
  ].filter((p) => !only || only.includes(p.page));
  const baseline = await firstLoadJs(`${WEB}/sign-in`, null);

  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const results: PageFigures[] = [];
  try {
    for (const p of pages) {
      const first = await firstLoadJs(p.url, p.cookie);
      for (const preset of ['mobile', 'desktop'] as const) {
        // Lighthouse now and then fails to record a trace (NO_NAVSTART): up to three tries.
        let figures: Awaited<ReturnType<typeof lighthouseRun>> | null = null;
        for (let attempt = 1; !figures; attempt++) {
          try {
            figures = await lighthouseRun(chrome.port, p.url, p.cookie, preset);
          } catch (err) {
            if (attempt >= 3) throw err;
            console.log(`  ${pad(p.page, 10)} ${pad(preset, 8)} ${(err as Error).message} — again`);
          }
        }
        results.push({ page: p.page, firstLoadJsKb: kb(first.bytes), ...figures });
        console.log(
          `  ${pad(p.page, 10)} ${pad(preset, 8)} performance ${pad(figures.performance, 4)} accessibility ${pad(figures.accessibility, 4)} FCP ${figures.fcpMs} ms, LCP ${figures.lcpMs} ms, TBT ${figures.tbtMs} ms, CLS ${figures.cls}, SI ${figures.speedIndexMs} ms`,
        );
        if (figures.costs.length) console.log(`  ${pad('', 19)} costs: ${figures.costs.join(', ')}`);
      }
    }
  } finally {
    chrome.kill();
  }

  console.log(
    '\nLighthouse 12.2.3 (goal: performance and accessibility ≥ 90; first-load JS ≤ 180 KB gzip)\n',
  );
  console.log(
    `${pad('page', 11)}${pad('preset', 9)}${pad('perf', 6)}${pad('a11y', 6)}${pad('first-load JS', 15)}${pad('× sign-in', 11)}${pad('all JS sent', 13)}goals`,
  );
  for (const r of results) {
    const met =
      r.performance >= GOAL_SCORE && r.accessibility >= GOAL_SCORE && r.firstLoadJsKb <= GOAL_FIRST_LOAD_KB;
    console.log(
      `${pad(r.page, 11)}${pad(r.preset, 9)}${pad(r.performance, 6)}${pad(r.accessibility, 6)}${pad(`${r.firstLoadJsKb} KB`, 15)}${pad(`${(r.firstLoadJsKb / kb(baseline.bytes)).toFixed(2)}×`, 11)}${pad(`${r.transferredJsKb} KB`, 13)}${met ? 'met' : 'MISSED'}`,
    );
  }
  console.log(
    `\nbaseline: the sign-in page loads ${kb(baseline.bytes)} KB of JavaScript (gzip) in ${baseline.scripts.length} scripts.`,
  );
  writeFileSync(
    join(home, 'results.json'),
    JSON.stringify(
      { at: new Date().toISOString(), baselineFirstLoadJsKb: kb(baseline.bytes), results },
      null,
      2,
    ),
  );
  console.log(`results: ${join(home, 'results.json')}`);
}

main()
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopLevqor();
    // Lighthouse and chrome-launcher leave handles open: end here, not when they let go.
    process.exit();
  });
