import { randomBytes } from 'node:crypto';
import {
  analyticsEvents,
  auditEvents,
  billingNotices,
  dailyLedger,
  engineRuns,
  engineWorkers,
  eq,
  metricRollups,
  securityEvents,
  sql,
  stripeEvents,
  subscriptions,
  users,
  webhookDeliveries,
  workspaces,
} from '@levqor/db';
import { makeUser, testDb, uniqueEmail } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { dunningSchedule, UNPAID_REASON } from '../billing/dunning';
import { bucketOf } from '../intelligence/buckets';
import { computeRollup } from '../intelligence/compute-rollups';
import { seedJob } from '../intelligence/seed-history.testing';
import { getAnalytics, ZAnalyticsRange } from './admin-analytics';
import { billingOverview, listBillingAttention } from './admin-billing';
import { getOpsHealth } from './ops-health';
import { listStripeEvents } from './stripe-event-log';

const db = testDb();
const tag = () => randomBytes(4).toString('hex');
// Days no other test writes to: the analytics figures must be exactly what is seeded here.
const D1 = '2019-07-01';
const D2 = '2019-07-02';
const D3 = '2019-07-03';
const at = (day: string, hh = 12) => new Date(`${day}T${String(hh).padStart(2, '0')}:00:00Z`);

async function subscribe(
  workspaceId: string,
  status: string,
  plan: 'starter' | 'growth' | 'business',
  version = 1,
) {
  await db.insert(subscriptions).values({
    id: `sub_${tag()}`,
    workspaceId,
    customerId: `cus_${tag()}`,
    status,
    plan,
    version,
  });
}

describe('admin analytics', () => {
  it('counts signups, active workspaces, jobs submitted and finished, AI spend vs revenue, plan changes and referrals per day', async () => {
    const a = (await makeUser()).workspace;
    const b = (await makeUser()).workspace;
    await db.insert(users).values([
      { email: uniqueEmail('s1'), createdAt: at(D1, 9) },
      { email: uniqueEmail('s2'), createdAt: at(D1, 23) },
      { email: uniqueEmail('s3'), createdAt: at(D3, 0) },
    ]);
    await seedJob(db, a.id, { createdAt: at(D1), status: 'succeeded', finishedAt: at(D1, 13) });
    await seedJob(db, a.id, { createdAt: at(D1, 14), status: 'failed', finishedAt: at(D1, 15) });
    await seedJob(db, b.id, { createdAt: at(D1, 16), status: 'succeeded', finishedAt: at(D1, 17) });
    await seedJob(db, b.id, { createdAt: at(D2), status: 'cancelled', finishedAt: at(D2, 13) });
    // Outside the range: not counted.
    await seedJob(db, b.id, { createdAt: at('2019-07-04'), status: 'succeeded' });
    // The rollups of those minutes, as intelligence.rollup writes them: the jobs figures are read there.
    for (const t of [at(D1), at(D1, 13), at(D1, 14), at(D1, 15), at(D1, 16), at(D1, 17), at(D2), at(D2, 13)])
      await computeRollup(db, bucketOf(t));
    const ledger = { infraCostCents: 1, marginCents: 0, jobs: 0, apiRequests: 0 };
    await db.insert(dailyLedger).values([
      { workspaceId: a.id, day: D1, revenueCents: 96.67, aiSpendCents: 12.5, ...ledger },
      { workspaceId: b.id, day: D1, revenueCents: 10, aiSpendCents: 0.25, ...ledger },
      { workspaceId: a.id, day: D3, revenueCents: 96.67, aiSpendCents: 3, ...ledger },
    ]);
    await db.insert(auditEvents).values([
      {
        actor: 'stripe',
        action: 'billing.plan_changed',
        workspaceId: a.id,
        metadata: { from: 'free', to: 'growth' },
        createdAt: at(D2),
      },
      {
        actor: 'stripe',
        action: 'billing.plan_changed',
        workspaceId: b.id,
        metadata: { from: 'free', to: 'growth' },
        createdAt: at(D3),
      },
      {
        actor: 'stripe',
        action: 'billing.plan_changed',
        workspaceId: b.id,
        metadata: { from: 'growth', to: 'starter' },
        createdAt: at(D3, 13),
      },
    ]);
    await db.insert(analyticsEvents).values([
      { app: 'web', name: 'page.view', properties: { utm_source: 'newsletter' }, createdAt: at(D1) },
      { app: 'web', name: 'page.view', properties: { utm_source: 'newsletter' }, createdAt: at(D2) },
      { app: 'web', name: 'page.view', properties: { referrer: 'news.ycombinator.com' }, createdAt: at(D2) },
      { app: 'web', name: 'page.view', properties: { other: 'x' }, createdAt: at(D2) },
    ]);

    const r = await getAnalytics(db, { from: D1, to: D3 });
    expect(r.days).toEqual([D1, D2, D3]);
    expect(r.signups).toEqual([2, 0, 1]);
    expect(r.activeWorkspaces).toEqual([2, 1, 0]);
    expect(r.jobsSubmitted).toEqual([3, 1, 0]);
    expect(r.jobsFinished.succeeded).toEqual([2, 0, 0]);
    expect(r.jobsFinished.failed).toEqual([1, 0, 0]);
    expect(r.jobsFinished.cancelled).toEqual([0, 1, 0]);
    expect(r.aiSpendCents).toEqual([12.75, 0, 3]);
    expect(r.revenueCents).toEqual([106.67, 0, 96.67]);
    expect(r.planConversions).toEqual([
      { from: 'free', to: 'growth', count: 2 },
      { from: 'growth', to: 'starter', count: 1 },
    ]);
    expect(r.referralSources).toEqual([
      { source: 'newsletter', count: 2 },
      { source: 'news.ycombinator.com', count: 1 },
    ]);
    // One day alone.
    expect((await getAnalytics(db, { from: D2, to: D2 })).jobsFinished.cancelled).toEqual([1]);
  });

  it('reads the jobs charts from the rollups, not the jobs table; minutes not rolled up yet from raw rows', async () => {
    const [E1, E2] = ['2019-08-01', '2019-08-02'];
    const a = (await makeUser()).workspace;
    const b = (await makeUser()).workspace;
    // One raw job on E1 …
    await seedJob(db, a.id, { createdAt: at(E1, 9), status: 'succeeded', finishedAt: at(E1, 10) });
    // … while the rollups say 9 submitted (by two workspaces) and 7 succeeded, 2 failed: what the chart shows.
    const rollup = (scope: string, metric: string, bucket: Date, value: number) => ({
      scope,
      metric,
      bucketStart: bucket,
      value,
    });
    await db
      .insert(metricRollups)
      .values([
        rollup('platform', 'jobs.created', at(E1, 9), 9),
        rollup('platform', 'jobs.succeeded', at(E1, 10), 7),
        rollup('platform', 'jobs.failed', at(E1, 10), 2),
        rollup(a.id, 'jobs.created', at(E1, 9), 5),
        rollup(b.id, 'jobs.created', at(E1, 9), 4),
        rollup(b.id, 'jobs.created', at(E2, 9), 0),
        // Rolled up to the end of E2 (the platform series has a row for every bucket rolled up).
        rollup('platform', 'jobs.created', new Date(`${E2}T23:55:00Z`), 0),
      ])
      .onConflictDoNothing();
    const r = await getAnalytics(db, { from: E1, to: E2 });
    expect(r.jobsSubmitted).toEqual([9, 0]);
    expect(r.jobsFinished).toEqual({ succeeded: [7, 0], failed: [2, 0], cancelled: [0, 0] });
    expect(r.activeWorkspaces).toEqual([2, 0]);

    // Jobs after the last rolled-up bucket (here: a day no rollup reaches) are counted from their rows.
    const F = '2099-03-01';
    await seedJob(db, b.id, { createdAt: at(F, 9), status: 'failed', finishedAt: at(F, 9) });
    await seedJob(db, a.id, { createdAt: at(F, 10), status: 'running' });
    const tail = await getAnalytics(db, { from: F, to: F });
    expect(tail.jobsSubmitted).toEqual([2]);
    expect(tail.jobsFinished).toEqual({ succeeded: [0], failed: [1], cancelled: [0] });
    expect(tail.activeWorkspaces).toEqual([2]);
  });

  it('refuses a reversed, malformed or longer-than-a-year range', () => {
    expect(ZAnalyticsRange.safeParse({ from: D2, to: D1 }).success).toBe(false);
    expect(ZAnalyticsRange.safeParse({ from: '2019-7-1', to: D1 }).success).toBe(false);
    expect(ZAnalyticsRange.safeParse({ from: '2018-01-01', to: D1 }).success).toBe(false);
    expect(ZAnalyticsRange.safeParse({ from: '2019-01-01', to: '2019-12-31' }).success).toBe(true);
  });
});

describe('admin billing', () => {
  it('MRR and plan mix from the newest billed subscription of each workspace', async () => {
    const before = await billingOverview(db);
    const a = (await makeUser()).workspace;
    const b = (await makeUser()).workspace;
    const c = (await makeUser()).workspace;
    await subscribe(a.id, 'canceled', 'business', 1);
    await subscribe(a.id, 'active', 'growth', 2); // newest wins: growth, billed
    await subscribe(b.id, 'past_due', 'starter'); // billed while being collected
    await subscribe(c.id, 'trialing', 'business'); // not billed
    const after = await billingOverview(db);
    expect(after.mrrCents - before.mrrCents).toBe(7_900 + 2_900);
    expect(after.billedSubscriptions - before.billedSubscriptions).toBe(2);
    expect(after.pastDue - before.pastDue).toBe(1);
    const n = (o: typeof before, plan: string) => o.mix.find((m) => m.plan === plan)!;
    expect(n(after, 'growth').subscriptions - n(before, 'growth').subscriptions).toBe(1);
    expect(n(after, 'business').subscriptions - n(before, 'business').subscriptions).toBe(0);
    expect(n(after, 'free').workspaces - n(before, 'free').workspaces).toBe(3);
  });

  it('lists suspended, past-due and dunning workspaces with their stage and next step', async () => {
    const pastDue = (await makeUser()).workspace;
    await subscribe(pastDue.id, 'past_due', 'growth');
    const dunning = (await makeUser()).workspace;
    const inv = `in_${tag()}`;
    const started = new Date('2026-01-10T08:00:00Z');
    await db.insert(billingNotices).values([
      { key: `dunning-started:${inv}`, workspaceId: dunning.id, kind: 'dunning.started', sentAt: started },
      { key: `dunning:${inv}:day1`, workspaceId: dunning.id, kind: 'dunning.day1', sentAt: started },
      { key: `dunning:${inv}:day7`, workspaceId: dunning.id, kind: 'dunning.day7', sentAt: started },
    ]);
    const paid = (await makeUser()).workspace;
    const paidInv = `in_${tag()}`;
    await db.insert(billingNotices).values([
      { key: `dunning-started:${paidInv}`, workspaceId: paid.id, kind: 'dunning.started' },
      { key: `invoice-paid:${paidInv}`, workspaceId: paid.id, kind: 'invoice.paid' },
    ]);
    const suspended = (await makeUser()).workspace;
    await db
      .update(workspaces)
      .set({ suspendedAt: new Date(), suspendedReason: `${UNPAID_REASON} in_x: grace ended` })
      .where(eq(workspaces.id, suspended.id));

    const all = await listBillingAttention(db, { limit: 100 });
    const of = (id: string) => all.items.find((i) => i.workspaceId === id);
    expect(of(pastDue.id)).toMatchObject({ stage: 'past due', subscriptionStatus: 'past_due' });
    const s = dunningSchedule();
    const final = new Date(started.getTime() + s.reminderAfterMs + s.finalAfterMs);
    expect(of(dunning.id)).toMatchObject({ stage: 'day 7', invoiceId: inv });
    expect(of(dunning.id)!.nextStep).toBe(
      `Final notice on ${final.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    );
    expect(of(paid.id)).toBeUndefined();
    expect(of(suspended.id)).toMatchObject({ stage: 'suspended' });
    expect(of(suspended.id)!.nextStep).toMatch(/paid/);
    // Suspended first; pages of one continue without repeats.
    expect(all.items[0]!.stage).toBe('suspended');
    const first = await listBillingAttention(db, { limit: 1 });
    const second = await listBillingAttention(db, { limit: 1, page: 1 });
    expect(first.hasMore).toBe(true);
    expect(second.items[0]!.workspaceId).not.toBe(first.items[0]!.workspaceId);
  });

  it('the Stripe event log: type, received, processed, error; filters by state and type; pages', async () => {
    const prefix = `test.${tag()}.`;
    const t0 = Date.now();
    await db.insert(stripeEvents).values([
      {
        id: `evt_${tag()}`,
        type: `${prefix}done`,
        created: 1,
        payload: {},
        receivedAt: new Date(t0 - 3000),
        processedAt: new Date(t0 - 2000),
      },
      {
        id: `evt_${tag()}`,
        type: `${prefix}waiting`,
        created: 1,
        payload: {},
        receivedAt: new Date(t0 - 2000),
      },
      {
        id: `evt_${tag()}`,
        type: `${prefix}broken`,
        created: 1,
        payload: {},
        receivedAt: new Date(t0 - 1000),
      },
    ]);
    const [broken] = await db
      .select()
      .from(stripeEvents)
      .where(eq(stripeEvents.type, `${prefix}broken`));
    await db.insert(engineRuns).values({
      functionId: 'billing.stripe-event',
      eventName: 'levqor/stripe.event.received',
      payload: { eventId: broken!.id },
      status: 'failed',
      lastError: 'Stripe API unreachable',
    });
    const list = await listStripeEvents(db, { type: prefix });
    expect(list.items.map((e) => [e.type, e.state, e.error])).toEqual([
      [`${prefix}broken`, 'failed', 'Stripe API unreachable'],
      [`${prefix}waiting`, 'pending', null],
      [`${prefix}done`, 'processed', null],
    ]);
    expect((await listStripeEvents(db, { type: prefix, state: 'failed' })).items.map((e) => e.id)).toEqual([
      broken!.id,
    ]);
    expect((await listStripeEvents(db, { type: prefix, state: 'processed' })).items).toHaveLength(1);
    const p1 = await listStripeEvents(db, { type: prefix, limit: 2 });
    const p2 = await listStripeEvents(db, { type: prefix, limit: 2, cursor: p1.nextCursor });
    expect(p2.items.map((e) => e.type)).toEqual([`${prefix}done`]);
    expect(p2.nextCursor).toBeNull();
  });
});

describe('operations health', () => {
  it('reads database, queue, workers, jobs, webhooks, rate limits and sparklines from the database', async () => {
    const before = await getOpsHealth(db);
    const ws = (await makeUser()).workspace;
    const worker = `wkr_${tag()}`;
    await db.insert(engineWorkers).values({ id: worker, pid: 4242, host: 'ops-test' });
    const inFlight = {
      functionId: 'ops.test',
      eventName: 'x',
      payload: {},
      status: 'running' as const,
      lockedBy: worker,
      leaseUntil: new Date(Date.now() + 60_000),
    };
    await db.insert(engineRuns).values([inFlight, { ...inFlight }]);
    const [lost] = await db
      .insert(engineRuns)
      .values({
        functionId: 'ops.crashy',
        eventName: 'x',
        payload: {},
        status: 'queued',
        lostCount: 1,
        runAt: new Date(Date.now() + 3_600_000),
        updatedAt: new Date(Date.now() + 60_000),
      })
      .returning();
    const now = Date.now();
    await seedJob(db, ws.id, {
      createdAt: new Date(now - 60_000),
      startedAt: new Date(now - 59_000),
      finishedAt: new Date(now - 58_000),
      status: 'failed',
    });
    await db.insert(webhookDeliveries).values({
      workspaceId: ws.id,
      url: 'https://example.test/hook',
      eventType: 'job.completed',
      payload: {},
    });
    const rule = `ops-test-${tag()}`;
    await db.insert(securityEvents).values({ type: 'rate_limited', count: 7, metadata: { rule } });
    await db.execute(
      sql`insert into metric_rollups (scope, metric, bucket_start, value) values ('platform', 'queue.depth', date_trunc('hour', now()) - interval '1 hour', 17)
          on conflict (scope, metric, bucket_start) do update set value = 17`,
    );

    const h = await getOpsHealth(db);
    expect(h.database.sizeBytes).toBeGreaterThan(1_000_000);
    expect(h.database.totalConnections).toBeGreaterThan(0);
    // The test server does not preload pg_stat_statements: the page must say so rather than show nothing.
    expect(h.database.slowQueries.length > 0 || h.database.slowQueriesNote !== null).toBe(true);
    expect(h.queue.running - before.queue.running).toBe(2);
    expect(h.workers.list.find((w) => w.id === worker)).toMatchObject({
      host: 'ops-test',
      inFlight: 2,
      stale: false,
    });
    expect(h.workers.lastCrash).toMatchObject({ runId: lost!.id, functionId: 'ops.crashy' });
    expect(h.jobs.lastHour.failed - before.jobs.lastHour.failed).toBe(1);
    expect(h.jobs.lastHour.ended - before.jobs.lastHour.ended).toBe(1);
    expect(h.queue.claimLatency.jobs).toBeGreaterThan(0);
    expect(h.webhooks.pending - before.webhooks.pending).toBe(1);
    expect(h.webhooks.oldestPendingAgeMs).not.toBeNull();
    expect(h.rateLimits.last24h - before.rateLimits.last24h).toBe(7);
    expect(h.rateLimits.lastHour - before.rateLimits.lastHour).toBe(7);
    expect(h.rateLimits.topRules).toContainEqual({ rule, n: 7 });
    expect(h.sparklines['queue.depth'].some((p) => p.v === 17)).toBe(true);
  });
});
