import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeDb, createDb } from '@levqor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, DEVELOPERS, demoKey, launcherEnv, startLauncher, WEB } from './support/launcher';
import { FAULTS_HOME } from './support/ports';
import { faultPostgres } from './support/postgres';
import { type Proc, sleep, until } from './support/processes';
import { stoppableRedis } from './support/redis';

/**
 * The production build under the launcher (`pnpm start` on ports 3110–3112, the suite's own PostgreSQL
 * and redis-server), then: the worker SIGKILLed (the launcher restarts it, the apps keep serving, a
 * job completes); Redis stopped (limits fall back to PostgreSQL, nothing 500s); PostgreSQL restarted
 * under ~200 requests/s of intake (503 + Retry-After during the outage, every 202's job finishes);
 * finally SIGTERM to the launcher stops everything cleanly.
 */
let pg: Awaited<ReturnType<typeof faultPostgres>>;
let db: ReturnType<typeof createDb>;
const redis = stoppableRedis();
let launcher: Proc | undefined;
let key = '';
const auth = () => ({ authorization: `Bearer ${key}` });
/** Intake rate of the PostgreSQL-restart case; LEVQOR_FAULTS_RPS lowers it on a machine that cannot serve 200/s. */
const RATE = Number(process.env.LEVQOR_FAULTS_RPS ?? 200);

beforeAll(async () => {
  pg = await faultPostgres();
  db = createDb(pg.url, { max: 2 });
  await redis.start();
  const env = launcherEnv(pg.url, { REDIS_URL: redis.url });
  launcher = await startLauncher(env);
  key = await demoKey(env);
});
afterAll(async () => {
  // The launcher's own output (apps, worker) for a failed run: .levqor/faults-launcher.log.
  if (launcher) writeFileSync(join(FAULTS_HOME, '..', 'faults-launcher.log'), launcher.output());
  launcher?.signal('SIGKILL');
  await redis.stop();
  if (db) await closeDb(db).catch(() => {});
  await pg?.stop();
});

async function submit(payload: unknown, timeoutMs = 10_000) {
  return fetch(`${API}/jobs`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({ workflow: 'demo.flow', payload }),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

async function waitSucceeded(ids: string[], timeoutMs: number) {
  await until(
    async () => {
      const rows = await db.$client<{ n: number }[]>`
        select count(*)::int as n from jobs where id = any(${ids}) and status = 'succeeded'`;
      return rows[0]!.n === ids.length;
    },
    timeoutMs,
    `${ids.length} jobs to succeed`,
    500,
  );
}

/** Workers that reported within the last `seconds` (a SIGKILLed worker's row stays behind and ages). */
const workerPids = async (seconds = 8) =>
  (
    await db.$client<{ pid: number }[]>`
      select pid from engine_workers where last_seen > now() - ${seconds} * interval '1 second'
      order by last_seen desc`
  ).map((r) => r.pid);

describe('fault suite under the launcher', () => {
  it('restarts a SIGKILLed worker while the apps keep serving, and a job still completes', async () => {
    const [pid] = await until(
      async () => {
        const pids = await workerPids();
        return pids.length > 0 && pids;
      },
      60_000,
      'the worker heartbeat',
    );
    process.kill(pid!, 'SIGKILL');
    const statuses: number[] = [];
    const probe = (async () => {
      const end = Date.now() + 4_000;
      while (Date.now() < end) {
        for (const url of [`${WEB}/api/health`, `${DEVELOPERS}/health`])
          statuses.push((await fetch(url, { signal: AbortSignal.timeout(3_000) })).status);
        await sleep(100);
      }
    })();
    await launcher!.waitFor(/worker exited unexpectedly \(.*\); restarting in 1 s\./, 30_000);
    await launcher!.waitFor(/restarting worker \(restart 1\)\./, 30_000);
    await probe;
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const res = await submit({ after: 'kill' });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await waitSucceeded([id], 60_000);
    const [restarted] = await until(
      async () => {
        const pids = (await workerPids()).filter((p) => p !== pid);
        return pids.length > 0 && pids;
      },
      60_000,
      'the restarted worker heartbeat',
    );
    expect(restarted).not.toBe(pid);
    console.log(`fault (worker kill): apps answered ${statuses.length} probes with 200; job ${id} succeeded`);
  });

  it('falls back to PostgreSQL for rate limits while Redis is down, without a single 500', async () => {
    const keyId = await db.$client<{ id: string }[]>`select id from api_keys where name = 'faults'`;
    const pgCount = async () =>
      Number(
        (
          await db.$client<{ count: number }[]>`
          select coalesce(max(count), 0)::int as count from rate_limit_counters where key = ${`api-key:${keyId[0]!.id}`}`
        )[0]!.count,
      );
    const burst = async (n: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = Date.now();
        const list = await fetch(`${API}/jobs`, { headers: auth(), signal: AbortSignal.timeout(5_000) });
        statuses.push(list.status);
        const page = await fetch(`${WEB}/sign-in`, { signal: AbortSignal.timeout(5_000) });
        statuses.push(page.status);
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      return statuses;
    };
    // Redis counts while it runs: PostgreSQL sees none of these hits.
    expect(new Set(await burst(10))).toEqual(new Set([200]));
    const before = await pgCount();
    await redis.stop();
    const during = await burst(40);
    expect(during.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(during)).toEqual(new Set([200]));
    const submitted = await submit({ redis: 'down' });
    expect(submitted.status).toBe(202);
    expect(await pgCount()).toBeGreaterThanOrEqual(before + 40);
    expect(launcher!.output()).toMatch(/rate limits: Redis unavailable, counting in PostgreSQL/);

    await redis.start();
    await sleep(3_000); // ioredis reconnects within 2 s
    expect(new Set(await burst(10))).toEqual(new Set([200]));
    expect(launcher!.output()).toMatch(/rate limits: Redis is back/);
  });

  it('answers 503 + Retry-After while PostgreSQL restarts under steady intake (200 requests/s), and every 202 job finishes', async () => {
    interface Result {
      at: number;
      status: number | 'timeout' | 'error';
      ms: number;
      id?: string;
      retryAfter?: string | null;
      type?: string | null;
    }
    const results: Result[] = [];
    const pending: Promise<void>[] = [];
    let seq = 0;
    const fire = () => {
      const at = Date.now();
      const n = seq++;
      pending.push(
        submit({ n }, 10_000).then(
          async (res) => {
            const body = (await res.json().catch(() => ({}))) as { id?: string };
            results.push({
              at,
              status: res.status,
              ms: Date.now() - at,
              id: body.id,
              retryAfter: res.headers.get('retry-after'),
              type: res.headers.get('content-type'),
            });
          },
          (err: Error) => {
            results.push({
              at,
              status: err.name === 'TimeoutError' ? 'timeout' : 'error',
              ms: Date.now() - at,
            });
          },
        ),
      );
    };
    const ready: { at: number; status: number | 'timeout' }[] = [];
    let loading = true;
    const readyProbe = (async () => {
      while (loading) {
        const at = Date.now();
        const status = await fetch(`${DEVELOPERS}/api/health/ready`, {
          signal: AbortSignal.timeout(5_000),
        }).then(
          (r) => r.status,
          () => 'timeout' as const,
        );
        ready.push({ at, status });
        await sleep(250);
      }
    })();
    // RATE requests/s (default 200), open loop: a slow answer does not slow the intake down.
    let owed = 0;
    const timer = setInterval(() => {
      owed += RATE / 100;
      for (; owed >= 1; owed -= 1) fire();
    }, 10);
    const t0 = Date.now();
    await sleep(4_000);
    const stopAt = Date.now();
    await pg.stop();
    const stoppedAt = Date.now();
    await sleep(5_000);
    const restartAt = Date.now();
    await pg.start();
    const upAt = Date.now();
    await sleep(8_000);
    clearInterval(timer);
    const sent = seq;
    const loadSeconds = (Date.now() - t0) / 1000;
    await Promise.all(pending);
    loading = false;
    await readyProbe;

    // Per second of the run: how many requests of each outcome were sent then (for a failure message).
    const timeline = new Map<number, Record<string, number>>();
    for (const r of results) {
      const second = Math.floor((r.at - t0) / 1000);
      const row = timeline.get(second) ?? {};
      row[String(r.status)] = (row[String(r.status)] ?? 0) + 1;
      timeline.set(second, row);
    }
    const marks = `stop at ${((stopAt - t0) / 1000).toFixed(1)} s, up at ${((upAt - t0) / 1000).toFixed(1)} s`;
    console.log(
      `timeline (${marks}):\n${[...timeline]
        .sort((a, b) => a[0] - b[0])
        .map(([s, row]) => `  ${s}s ${JSON.stringify(row)}`)
        .join('\n')}`,
    );
    const by = (s: Result['status']) => results.filter((r) => r.status === s);
    const accepted = by(202);
    const unavailable = by(503);
    const other = results.filter((r) => r.status !== 202 && r.status !== 503);
    expect(other.map((r) => r.status)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(0);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const r of unavailable) {
      expect(r.type).toBe('application/problem+json');
      expect(r.retryAfter).toBe('5');
    }
    const ms503 = unavailable.map((r) => r.ms).sort((a, b) => a - b);
    expect(ms503.at(-1)).toBeLessThan(5_000);
    // Intake works again after the restart.
    expect(accepted.some((r) => r.at > upAt)).toBe(true);

    // Ready: 200 before, 503 during the outage, 200 again after it.
    const firstDown = ready.find((r) => r.at >= stopAt && r.status === 503);
    expect(firstDown).toBeDefined();
    expect(ready.some((r) => r.at < stopAt && r.status === 200)).toBe(true);
    expect(ready.some((r) => r.at > upAt && r.status === 200)).toBe(true);

    // Every 202 has its job, and the worker (reconnected by itself) finishes all of them.
    const ids = accepted.map((r) => r.id!);
    expect(new Set(ids).size).toBe(ids.length);
    const found = await db.$client<
      { n: number }[]
    >`select count(*)::int as n from jobs where id = any(${ids})`;
    expect(found[0]!.n).toBe(ids.length);
    await waitSucceeded(ids, 240_000);

    const firstAcceptedAfter = accepted.filter((r) => r.at > restartAt).sort((a, b) => a.at - b.at)[0];
    const q = (p: number) => ms503[Math.min(ms503.length - 1, Math.floor(p * ms503.length))];
    console.log(
      `fault (postgres restart): ${sent} requests in ${loadSeconds.toFixed(1)} s (${Math.round(sent / loadSeconds)}/s); ` +
        `${accepted.length} × 202 (all finished), ${unavailable.length} × 503 (latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${ms503.at(-1)} ms), ` +
        `0 other; PostgreSQL down ${((upAt - stopAt) / 1000).toFixed(1)} s (stop took ${stoppedAt - stopAt} ms); ` +
        `first 202 ${firstAcceptedAfter ? firstAcceptedAfter.at - upAt : '?'} ms after it was up; ` +
        `ready 503 first ${firstDown ? firstDown.at - stopAt : '?'} ms after the stop; worker restarts ${(launcher!.output().match(/restarting worker/g) ?? []).length}`,
    );
  });

  it('stops everything cleanly on SIGTERM to the launcher', async () => {
    const [current] = await until(
      async () => {
        const pids = await workerPids();
        return pids.length > 0 && pids;
      },
      60_000,
      'a live worker',
    );
    launcher!.terminate();
    expect(await launcher!.exited).toBe(0);
    expect(launcher!.output()).toMatch(/Stopped\./);
    for (const url of [`${WEB}/api/health`, `${DEVELOPERS}/health`])
      await expect(fetch(url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    // The worker stopped gracefully: it removed its heartbeat row.
    expect(await workerPids(3_600)).not.toContain(current);
  });
});
