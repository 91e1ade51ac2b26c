import { randomBytes } from 'node:crypto';
import { and, costLedger, dailyLedger, eq, metricRollups, subscriptions, workspaces } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { meteredShares } from '../billing/overage';
import { billedRevenue } from '../billing/subscription-revenue';
import { isFeatureEnabled } from '../feature-flags/feature-flag-reader';
import { createFeatureFlag, setFlagOverride } from '../feature-flags/manage-feature-flags';
import { computeDailyLedger, type RevenueSource } from './daily-ledger';

const db = testDb();

describe('daily cost and profitability ledger', () => {
  it('sums the day from the rollups, allocates unit costs, takes revenue from its source, once per day', async () => {
    const a = (await makeUser()).workspace.id;
    const b = (await makeUser()).workspace.id;
    const day = '2021-05-04';
    const at = (h: number) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00Z`);
    await db.insert(metricRollups).values([
      { scope: a, metric: 'jobs.created', bucketStart: at(1), value: 100 },
      { scope: a, metric: 'jobs.created', bucketStart: at(13), value: 100 },
      { scope: a, metric: 'ai.spend_cents', bucketStart: at(13), value: 250 },
      { scope: a, metric: 'api.requests', bucketStart: at(13), value: 1000 },
      { scope: b, metric: 'jobs.created', bucketStart: at(2), value: 10 },
      // The next day is not this day's.
      { scope: a, metric: 'jobs.created', bucketStart: new Date('2021-05-05T00:00:00Z'), value: 999 },
    ]);
    const revenue: RevenueSource = {
      revenueCents: async ({ workspaceId }) => (workspaceId === a ? 2000 : 0),
    };
    const costs = { perJobCents: 1, perApiRequestCents: 0.1, perWebhookFailureCents: 0 };
    await computeDailyLedger(db, { day, revenue, unitCosts: costs });
    await computeDailyLedger(db, { day, revenue, unitCosts: costs }); // twice → one row per workspace
    const rows = await db
      .select()
      .from(dailyLedger)
      .where(and(eq(dailyLedger.day, day), eq(dailyLedger.workspaceId, a)));
    expect(rows).toHaveLength(1);
    // 200 jobs × 1¢ + 1000 requests × 0.1¢ = 300¢ infra; 2000 − 250 − 300 = 1450¢.
    expect(rows[0]).toMatchObject({
      revenueCents: 2000,
      aiSpendCents: 250,
      infraCostCents: 300,
      marginCents: 1450,
      jobs: 200,
    });
    const [rowB] = await db
      .select()
      .from(dailyLedger)
      .where(and(eq(dailyLedger.day, day), eq(dailyLedger.workspaceId, b)));
    // The workspace's plan is recorded with the day (margin per plan).
    expect(rowB).toMatchObject({ revenueCents: 0, marginCents: -10, plan: 'free' });
    await expect(computeDailyLedger(db, { day: '4 May' })).rejects.toThrow();

    // Without the caller's costs, the deployment's (LEVQOR_INFRA_CENTS_PER_…) apply over the defaults.
    process.env.LEVQOR_INFRA_CENTS_PER_JOB = '2';
    process.env.LEVQOR_INFRA_CENTS_PER_API_REQUEST = '0';
    try {
      await computeDailyLedger(db, { day, revenue });
    } finally {
      delete process.env.LEVQOR_INFRA_CENTS_PER_JOB;
      delete process.env.LEVQOR_INFRA_CENTS_PER_API_REQUEST;
    }
    const [fromEnv] = await db
      .select()
      .from(dailyLedger)
      .where(and(eq(dailyLedger.day, day), eq(dailyLedger.workspaceId, a)));
    // 200 jobs × 2¢ + 1000 requests × 0¢ = 400¢; 2000 − 250 − 400 = 1350¢.
    expect(fromEnv).toMatchObject({ infraCostCents: 400, marginCents: 1350 });
  });
});

/** Settlements as job settlements write them (`cents` each, at `at`, a millisecond apart, in order). */
async function settle(workspaceId: string, at: string, cents: number[], month = at.slice(0, 7)) {
  const ids: string[] = [];
  for (const [i, c] of cents.entries()) {
    const [row] = await db
      .insert(costLedger)
      .values({
        workspaceId,
        jobId: null,
        kind: 'settle',
        amount: c.toFixed(4),
        month,
        createdAt: new Date(Date.parse(at) + i),
      })
      .returning({ id: costLedger.id });
    ids.push(row!.id);
  }
  return ids;
}

/** A Starter workspace with a Stripe customer and a billed subscription covering June 2021. */
async function starterWorkspace() {
  const { user, workspace } = await makeUser();
  const tag = randomBytes(4).toString('hex');
  await db
    .update(workspaces)
    .set({ plan: 'starter', stripeCustomerId: `cus_${tag}` })
    .where(eq(workspaces.id, workspace.id));
  await db.insert(subscriptions).values({
    id: `sub_${tag}`,
    workspaceId: workspace.id,
    customerId: `cus_${tag}`,
    status: 'active',
    plan: 'starter',
    currentPeriodStart: new Date('2021-06-01T00:00:00Z'),
    currentPeriodEnd: new Date('2021-07-01T00:00:00Z'),
    version: 1,
  });
  return { user, workspace };
}

async function overageOn(workspaceId: string, actor: string) {
  await createFeatureFlag(db, {
    actor,
    input: { key: 'billing.overage', reason: 'ledger overage tests' },
  }).catch(() => undefined);
  await setFlagOverride(db, {
    actor,
    input: { key: 'billing.overage', workspaceId, enabled: true, reason: 'ledger overage tests' },
  });
  // The process's flag snapshot is dropped by the change's NOTIFY.
  for (let i = 0; i < 40 && !(await isFeatureEnabled(db, 'billing.overage', workspaceId)); i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(await isFeatureEnabled(db, 'billing.overage', workspaceId)).toBe(true);
}

describe('ledger revenue: the subscription’s share of the day plus the day’s metered overage', () => {
  it('adds the overage of the settlements that crossed the included budget, on the day they settled', async () => {
    const admin = await makeUser({ admin: true });
    const metered = await starterWorkspace();
    const unmetered = await starterWorkspace(); // the same spend, billing.overage off
    await overageOn(metered.workspace.id, admin.user.id);
    // Starter: $29 a month, $20 of AI spend included. June 2021 has 30 days.
    const [d1, d9, d10, d11] = ['2021-06-01', '2021-06-09', '2021-06-10', '2021-06-11'];
    const rows: Record<string, string[]> = {};
    for (const ws of [metered.workspace.id, unmetered.workspace.id]) {
      // A job reserved in May that settled after midnight on June 1st counts against May: 2015¢ → 15¢ over.
      await settle(ws, '2021-05-20T10:00:00Z', [1990]);
      const late = await settle(ws, `${d1}T00:30:00Z`, [25], '2021-05');
      rows[ws] = [
        ...late,
        ...(await settle(ws, `${d9}T10:00:00Z`, [1500, 400])), // 1900¢: under the 2000¢ included
        ...(await settle(ws, `${d10}T08:00:00Z`, [250.5, 60])), // 2210.50¢: 210¢ over (150 + 60)
        ...(await settle(ws, `${d11}T23:59:59Z`, [0.75])), // 2211.25¢: ⌊211.25⌋ − 210 = 1¢
      ];
      await db.insert(metricRollups).values(
        [d1, d9, d10, d11].map((d) => ({
          scope: ws,
          metric: 'jobs.created',
          bucketStart: new Date(`${d}T12:00:00Z`),
          value: 2,
        })),
      );
    }
    const revenue = billedRevenue(db);
    for (const day of [d1, d9, d10, d11]) {
      await computeDailyLedger(db, { day, revenue });
      await computeDailyLedger(db, { day, revenue }); // a rerun rewrites the same row
    }
    const ledger = async (workspaceId: string) =>
      (
        await db
          .select({ day: dailyLedger.day, revenue: dailyLedger.revenueCents, plan: dailyLedger.plan })
          .from(dailyLedger)
          .where(eq(dailyLedger.workspaceId, workspaceId))
          .orderBy(dailyLedger.day)
      ).map((r) => [r.day, r.revenue, r.plan]);
    const share = Math.round((2900 / 30) * 100) / 100; // 96.67¢ a day
    expect(await ledger(metered.workspace.id)).toEqual([
      [d1, share + 15, 'starter'],
      [d9, share, 'starter'],
      [d10, share + 210, 'starter'],
      [d11, share + 1, 'starter'],
    ]);
    expect(await ledger(unmetered.workspace.id)).toEqual([
      [d1, share, 'starter'],
      [d9, share, 'starter'],
      [d10, share, 'starter'],
      [d11, share, 'starter'],
    ]);
    // The overage the ledger recognised is exactly what billing meters to Stripe: same rows, same shares.
    const billed = await meteredShares(db, {
      workspaceId: metered.workspace.id,
      plan: 'starter',
      month: '2021-06',
      settledBefore: new Date('2021-07-01T00:00:00Z'),
    });
    const ids = rows[metered.workspace.id]!;
    expect(billed.map((s) => [s.id, s.cents])).toEqual([
      [ids[3], 150],
      [ids[4], 60],
      [ids[5], 1],
    ]);
    const may = await meteredShares(db, {
      workspaceId: metered.workspace.id,
      plan: 'starter',
      month: '2021-05',
      settledBefore: new Date('2021-07-01T00:00:00Z'),
    });
    expect(may.map((s) => [s.id, s.cents])).toEqual([[ids[0], 15]]);
  });
});
