import {
  auditEvents,
  dailyLedger,
  eq,
  featureFlags,
  metricRollups,
  privacyObjections,
  recommendations,
  users,
  workspaces,
} from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import {
  applyRecommendation,
  computeRecommendations,
  dismissRecommendation,
  listRecommendations,
} from './manage-recommendations';
import { priceFor } from './pricing';
import { flaggedWorkerConcurrency } from './worker-concurrency';

const db = testDb();
// Periods in 2019: other test files write rows at the current time.
const DAY = '2019-06-30';
const opts = { day: DAY, defaultConcurrency: 8, spendLimitCents: 10_000 };

async function userAt(createdAt: string, plan?: 'starter') {
  const { user, workspace } = await makeUser({ label: 'recs' });
  await db
    .update(users)
    .set({ createdAt: new Date(createdAt) })
    .where(eq(users.id, user.id));
  if (plan) await db.update(workspaces).set({ plan }).where(eq(workspaces.id, workspace.id));
  return { user, workspace };
}

const byKind = async (kind: string, subject: string) =>
  (await db.select().from(recommendations).where(eq(recommendations.period, DAY))).find(
    (r) => r.kind === kind && r.subject === subject,
  );

describe('recommendations', () => {
  it('the pricing formula, by hand', () => {
    // base 2900 × load (0.9 + 0.3 × 0.9 = 1.17) − 2900 × min(0.1, 2 × 0.1) = 3103 → $31.
    expect(
      priceFor({
        baseCents: 2900,
        workspaces: 1,
        jobsPerWorkspace: 9000,
        quota: 10_000,
        errorRate: 0.1,
        costPerWorkspaceCents: 1000,
      }),
    ).toMatchObject({ load: 1.17, performance: -290, floor: 2320, costFloor: 1300, priceCents: 3100 });
    // The cost floor wins when a workspace costs more than the price: 10000 × 1.3.
    expect(
      priceFor({
        baseCents: 7900,
        workspaces: 1,
        jobsPerWorkspace: 0,
        quota: 50_000,
        errorRate: 0,
        costPerWorkspaceCents: 10_000,
      }).priceCents,
    ).toBe(13_000);
  });

  it('computes pricing, discount and autoscale from recorded data, once per period; apply and dismiss are audited', async () => {
    const { user: admin } = await makeUser({ admin: true });
    // Pricing: one Starter workspace, 9000 jobs and $10 of cost in the 30 days, 10% failures.
    const { workspace: starter } = await userAt('2019-05-01T00:00:00Z', 'starter');
    await db.insert(dailyLedger).values([
      {
        workspaceId: starter.id,
        day: '2019-06-10',
        revenueCents: 0,
        aiSpendCents: 600,
        infraCostCents: 200,
        marginCents: -800,
        jobs: 5000,
        apiRequests: 0,
      },
      {
        workspaceId: starter.id,
        day: '2019-06-20',
        revenueCents: 0,
        aiSpendCents: 150,
        infraCostCents: 50,
        marginCents: -200,
        jobs: 4000,
        apiRequests: 0,
      },
      // Outside the 30-day window: not counted.
      {
        workspaceId: starter.id,
        day: '2019-04-01',
        revenueCents: 0,
        aiSpendCents: 99_999,
        infraCostCents: 0,
        marginCents: 0,
        jobs: 1,
        apiRequests: 0,
      },
    ]);
    const at = new Date('2019-06-15T10:00:00Z');
    await db.insert(metricRollups).values([
      { scope: starter.id, metric: 'jobs.failed', bucketStart: at, value: 10 },
      { scope: starter.id, metric: 'jobs.succeeded', bucketStart: at, value: 90 },
      // Autoscale: the platform's queue averaged 40 (> 2 × 8) in the 24 h before the day.
      { scope: 'platform', metric: 'queue.depth', bucketStart: new Date('2019-06-29T10:00:00Z'), value: 30 },
      { scope: 'platform', metric: 'queue.depth', bucketStart: new Date('2019-06-29T10:05:00Z'), value: 50 },
      {
        scope: 'platform',
        metric: 'ai.spend_cents',
        bucketStart: new Date('2019-06-29T10:05:00Z'),
        value: 500,
      },
    ]);
    // Discounts: 4 signups in the last 7 days, 8 in the 28 before, none paid; an objector is not counted.
    for (const d of ['2019-06-24', '2019-06-25', '2019-06-26', '2019-06-27']) await userAt(`${d}T09:00:00Z`);
    for (let i = 0; i < 8; i++) await userAt(`2019-06-0${1 + i}T09:00:00Z`);
    const { user: objector } = await userAt('2019-06-28T09:00:00Z');
    await db.insert(privacyObjections).values({ userId: objector.id, purpose: 'analytics', source: 'ui' });

    expect(await computeRecommendations(db, opts)).toBe(3);
    expect(await computeRecommendations(db, opts)).toBe(3); // rerun: rewritten, not duplicated
    const rows = await db.select().from(recommendations).where(eq(recommendations.period, DAY));
    expect(rows).toHaveLength(3);

    const pricing = await byKind('pricing', 'starter');
    expect(pricing).toMatchObject({ status: 'open', proposal: { from_cents: 2900, price_cents: 3100 } });
    expect(pricing!.title).toContain('raise the price from $29.00 to $31.00');
    expect(pricing!.inputs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'jobs_per_workspace', value: 9000 }),
        expect.objectContaining({ key: 'error_rate', value: '10%' }),
        expect.objectContaining({ key: 'cost_per_workspace_cents', value: '$10.00' }),
      ]),
    );

    const discount = await byKind('discount', 'signup');
    // Conversion 0% < 2.5% (half the target): 15 + 10; signups 4 vs a weekly 2: no trend bonus.
    expect(discount).toMatchObject({
      status: 'open',
      proposal: { percent_off: 25, duration_in_months: 3, code: 'WELCOME25-20190630' },
    });
    expect(discount!.inputs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'signups_7d', value: 4 }),
        expect.objectContaining({ key: 'weekly_avg_prior', value: 2 }),
      ]),
    );

    const autoscale = await byKind('autoscale', 'workers');
    expect(autoscale).toMatchObject({
      status: 'open',
      proposal: { from: 8, concurrency: 12, frozen: false },
    });

    // Billing off: the discount cannot be applied and stays open.
    await expect(
      applyRecommendation(db, {
        actor: admin.id,
        stripe: null,
        input: { id: discount!.id, reason: 'try a coupon' },
      }),
    ).rejects.toMatchObject({ reason: 'billing-off' });
    expect((await byKind('discount', 'signup'))!.status).toBe('open');

    // Autoscale: applying sets the flag the workers read.
    expect(await flaggedWorkerConcurrency(db)).toBeNull();
    const applied = await applyRecommendation(db, {
      actor: admin.id,
      stripe: null,
      input: { id: autoscale!.id, reason: 'queue backing up' },
    });
    expect(applied).toMatchObject({ status: 'applied', decided_by: admin.id, result: { value: 12 } });
    expect(await flaggedWorkerConcurrency(db)).toBe(12);
    await db.update(featureFlags).set({ killed: true }).where(eq(featureFlags.key, 'worker.concurrency'));
    expect(await flaggedWorkerConcurrency(db)).toBeNull(); // the kill switch returns to the default
    await db.delete(featureFlags).where(eq(featureFlags.key, 'worker.concurrency'));

    await expect(
      applyRecommendation(db, {
        actor: admin.id,
        stripe: null,
        input: { id: autoscale!.id, reason: 'again please' },
      }),
    ).rejects.toMatchObject({ reason: 'recommendation-decided' });
    const dismissed = await dismissRecommendation(db, {
      actor: admin.id,
      input: { id: pricing!.id, reason: 'not this quarter' },
    });
    expect(dismissed.status).toBe('dismissed');

    // A rerun of the period leaves decided ones as they are.
    await computeRecommendations(db, opts);
    expect((await byKind('autoscale', 'workers'))!.status).toBe('applied');
    expect((await byKind('pricing', 'starter'))!.status).toBe('dismissed');

    const audit = await db.select().from(auditEvents).where(eq(auditEvents.actor, admin.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'admin.recommendation.applied',
      'admin.recommendation.dismissed',
    ]);
    expect(audit.find((a) => a.action === 'admin.recommendation.applied')!.metadata).toMatchObject({
      reason: 'queue backing up',
      result: { value: 12 },
    });
    const listed = await listRecommendations(db, { limit: 200 });
    expect(listed.filter((r) => r.period === DAY)).toHaveLength(3);
  });

  it('autoscale freezes when the day’s spend passed the limit, and scales down when idle', async () => {
    const day = '2019-09-10';
    await db.insert(metricRollups).values([
      { scope: 'platform', metric: 'queue.depth', bucketStart: new Date('2019-09-09T10:00:00Z'), value: 500 },
      {
        scope: 'platform',
        metric: 'ai.spend_cents',
        bucketStart: new Date('2019-09-09T10:00:00Z'),
        value: 20_000,
      },
    ]);
    await computeRecommendations(db, { ...opts, day });
    const rows = await db.select().from(recommendations).where(eq(recommendations.period, day));
    const a = rows.find((r) => r.kind === 'autoscale')!;
    expect(a).toMatchObject({ status: 'noop', proposal: { from: 8, concurrency: 8, frozen: true } });
    expect(a.explanation).toContain('passed the daily limit of $100.00');

    const idleDay = '2019-09-20'; // nothing recorded: idle
    await computeRecommendations(db, { ...opts, day: idleDay });
    const idle = (await db.select().from(recommendations).where(eq(recommendations.period, idleDay))).find(
      (r) => r.kind === 'autoscale',
    )!;
    expect(idle).toMatchObject({ status: 'open', proposal: { from: 8, concurrency: 4 } });
  });
});
