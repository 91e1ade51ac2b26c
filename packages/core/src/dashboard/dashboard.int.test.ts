import { apiKeys, costLedger, eq, jobs, webhookDeliveries } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import { centsToUnits, unitsToCents } from '../money/money';
import { monthOf, setMonthlyBudget } from '../usage/budget';
import { getFirstRunChecklist } from './get-first-run-checklist';
import { getJobHealth } from './get-job-health';
import { getDashboardOverview } from './get-overview';
import { FORECAST_TRAILING_DAYS, getSpendForecast } from './get-spend-forecast';
import { listRecentFailures } from './list-recent-failures';

const events: EventSender = { send: async () => {}, flush: async () => {} };
const HOUR = 3_600_000;

/** Continuous 95th percentile (linear interpolation), as PostgreSQL's percentile_cont computes it. */
function p95(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const pos = 0.95 * (v.length - 1);
  const lo = Math.floor(pos);
  return v[lo]! + (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!) * (pos - lo);
}

interface Shape {
  ago: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  ms?: number;
  error?: string;
}

/** A workspace with jobs of demo.flow shaped as `shapes` (created `ago` ms before `now`). */
async function workspaceWithJobs(now: Date, shapes: Shape[]) {
  const { user, workspace } = await makeUser({ label: 'overview' });
  const ids: string[] = [];
  for (const s of shapes) {
    const { job } = await submitJob(
      testDb(),
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow', payload: { s } },
    );
    const createdAt = new Date(now.getTime() - s.ago);
    const startedAt = s.ms === undefined ? null : new Date(createdAt.getTime() + 50);
    await testDb()
      .update(jobs)
      .set({
        status: s.status,
        createdAt,
        startedAt,
        finishedAt: startedAt && s.ms !== undefined ? new Date(startedAt.getTime() + s.ms) : null,
        error: s.error ?? null,
      })
      .where(eq(jobs.id, job.id));
    ids.push(job.id);
  }
  return { user, workspace, ids };
}

describe('dashboard overview (real PostgreSQL)', () => {
  it('counts jobs by status per window, with success rate, p95 and throughput — its own jobs only', async () => {
    const now = new Date();
    const mine: Shape[] = [
      { ago: 10 * 60_000, status: 'queued' },
      { ago: 1 * HOUR, status: 'succeeded', ms: 100 },
      { ago: 2 * HOUR + 5, status: 'succeeded', ms: 200 },
      { ago: 3 * HOUR, status: 'failed', ms: 300, error: 'step "fetch" failed: HTTP 500' },
      { ago: 23 * HOUR + 59 * 60_000, status: 'cancelled' },
      { ago: 30 * HOUR, status: 'succeeded', ms: 1_000 },
      { ago: 6 * 24 * HOUR, status: 'running' },
      { ago: 8 * 24 * HOUR, status: 'failed', ms: 5_000, error: 'too old to count' },
    ];
    const a = await workspaceWithJobs(now, mine);
    // Another workspace, busy in the same hours: none of it may show in the first one's figures.
    const b = await workspaceWithJobs(now, [
      { ago: HOUR, status: 'failed', ms: 9_000, error: 'not yours' },
      { ago: 2 * HOUR, status: 'failed', ms: 9_000, error: 'not yours' },
      { ago: 2 * HOUR, status: 'succeeded', ms: 9_000 },
    ]);

    const health = await getJobHealth(testDb(), { workspaceId: a.workspace.id, now });
    const day = health['24h'];
    expect(day.counts).toEqual({ queued: 1, running: 0, succeeded: 2, failed: 1, cancelled: 1, total: 5 });
    expect(day.success_rate).toBeCloseTo(2 / 3, 10);
    expect(day.p95_duration_ms).toBe(Math.round(p95([100, 200, 300])));
    expect(day.throughput).toHaveLength(24);
    // Rolling hourly buckets: the job of 1 h ago is in the second newest, and they add up to the window.
    expect(day.throughput.at(-2)!.succeeded).toBe(1);
    expect(day.throughput.at(-1)!.queued).toBe(1);
    expect(day.throughput[0]!.cancelled).toBe(1);
    expect(day.throughput.reduce((n, b) => n + b.total, 0)).toBe(day.counts.total);
    expect(day.throughput.at(-1)!.end).toBe(now.toISOString());

    const week = health['7d'];
    expect(week.counts).toEqual({ queued: 1, running: 1, succeeded: 3, failed: 1, cancelled: 1, total: 7 });
    expect(week.success_rate).toBeCloseTo(3 / 4, 10);
    expect(week.p95_duration_ms).toBe(Math.round(p95([100, 200, 300, 1_000])));
    expect(week.throughput).toHaveLength(7);
    expect(week.throughput.reduce((n, b) => n + b.total, 0)).toBe(7);
    expect(week.throughput[0]!.running).toBe(1);

    // The other workspace sees only its own.
    const theirs = await getJobHealth(testDb(), { workspaceId: b.workspace.id, now });
    expect(theirs['24h'].counts.total).toBe(3);
    expect(theirs['24h'].success_rate).toBeCloseTo(1 / 3, 10);

    // Last failures, newest first, with their errors, whatever their age — never another workspace's.
    const failures = await listRecentFailures(testDb(), { workspaceId: a.workspace.id });
    expect(failures.map((f) => f.error)).toEqual(['step "fetch" failed: HTTP 500', 'too old to count']);
    expect(failures[0]!.id).toBe(a.ids[3]);
  });

  it('has no rate and no p95 while nothing has finished', async () => {
    const now = new Date();
    const { workspace } = await workspaceWithJobs(now, [{ ago: HOUR, status: 'queued' }]);
    const health = await getJobHealth(testDb(), { workspaceId: workspace.id, now });
    expect(health['24h'].success_rate).toBeNull();
    expect(health['24h'].p95_duration_ms).toBeNull();
  });

  it('forecasts month-end spend from spend, reservations and the last 7 days’ pace', async () => {
    const { workspace } = await makeUser({ label: 'forecast' });
    const other = await makeUser({ label: 'forecast-other' });
    await setMonthlyBudget(testDb(), workspace.id, { cents: 500 });
    const now = new Date();
    const rows = [
      { kind: 'settle' as const, amount: '120.5000', ago: 2 * 24 * HOUR },
      { kind: 'settle' as const, amount: '30.0001', ago: HOUR },
      { kind: 'settle' as const, amount: '400.0000', ago: 10 * 24 * HOUR }, // outside the 7 days
      { kind: 'reserve' as const, amount: '5.0000', ago: HOUR },
    ];
    for (const r of rows) {
      const at = new Date(now.getTime() - r.ago);
      await testDb()
        .insert(costLedger)
        .values({
          workspaceId: workspace.id,
          kind: r.kind,
          amount: r.amount,
          month: monthOf(at),
          createdAt: at,
        });
    }
    // Another workspace's spend, at the same moments.
    await testDb()
      .insert(costLedger)
      .values({ workspaceId: other.workspace.id, kind: 'settle', amount: '999.0000', month: monthOf(now) });

    const { budget, forecast } = await getSpendForecast(testDb(), { workspaceId: workspace.id, now });
    const month = monthOf(now);
    const thisMonth = rows.filter(
      (r) => r.kind === 'settle' && monthOf(new Date(now.getTime() - r.ago)) === month,
    );
    const spent = thisMonth.reduce((s, r) => s + centsToUnits(r.amount), 0);
    expect(budget.spent_cents).toBe(unitsToCents(spent));
    expect(budget.reserved_cents).toBe(5);
    const rate = Math.round(centsToUnits('150.5001') / FORECAST_TRAILING_DAYS);
    expect(forecast.daily_rate_cents).toBe(unitsToCents(rate));
    const end = new Date(`${month}-01T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 1);
    const daysLeft = (end.getTime() - now.getTime()) / (24 * HOUR);
    expect(forecast.month_end_cents).toBe(
      unitsToCents(spent + centsToUnits(5) + Math.round(rate * daysLeft)),
    );
    expect(forecast.over_budget).toBe(forecast.month_end_cents > 500);
  });

  it('reports an over-spent budget with its real percentage', async () => {
    const { workspace } = await makeUser({ label: 'over' });
    await testDb()
      .insert(costLedger)
      .values({ workspaceId: workspace.id, kind: 'settle', amount: '250.0000', month: monthOf() });
    await setMonthlyBudget(testDb(), workspace.id, { cents: 100 });
    const { budget } = await getSpendForecast(testDb(), { workspaceId: workspace.id });
    expect(budget).toMatchObject({
      state: 'over',
      spent_percent: 250,
      over_by_cents: 150,
      budget_cents: 100,
    });
  });

  it('ticks the first-run checklist from the workspace’s own rows', async () => {
    const now = new Date();
    const { workspace, user } = await makeUser({ label: 'checklist' });
    const other = await workspaceWithJobs(now, [{ ago: HOUR, status: 'queued' }]);
    await testDb()
      .update(jobs)
      .set({ callbackUrl: 'https://hooks.example.com/levqor' })
      .where(eq(jobs.id, other.ids[0]!));
    await testDb()
      .insert(apiKeys)
      .values({
        workspaceId: other.workspace.id,
        name: 'theirs',
        prefix: 'lvq_live_x',
        hash: `h-${other.ids[0]}`,
      });
    const check = () => getFirstRunChecklist(testDb(), { workspaceId: workspace.id });
    expect(await check()).toEqual({ api_key: false, demo_job: false, webhook: false, done: false });

    await testDb()
      .insert(apiKeys)
      .values({ workspaceId: workspace.id, name: 'mine', prefix: 'lvq_live_y', hash: `h-${workspace.id}` });
    expect(await check()).toMatchObject({ api_key: true, demo_job: false, webhook: false });

    const { job } = await submitJob(
      testDb(),
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: 'demo.flow', payload: {} },
    );
    expect(await check()).toMatchObject({ api_key: true, demo_job: true, webhook: false, done: false });

    // A finished job's callback left a delivery.
    await testDb().insert(webhookDeliveries).values({
      workspaceId: workspace.id,
      jobId: job.id,
      url: 'https://hooks.example.com/levqor',
      eventType: 'job.succeeded',
      payload: {},
    });
    expect(await check()).toEqual({ api_key: true, demo_job: true, webhook: true, done: true });

    const overview = await getDashboardOverview(testDb(), { workspaceId: workspace.id, now: new Date() });
    expect(overview.checklist.done).toBe(true);
    expect(overview.health['24h'].counts.total).toBe(1);
  });
});
