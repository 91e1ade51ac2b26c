import { and, dailyLedger, eq, metricRollups } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { computeDailyLedger, type RevenueSource, readLedger } from './daily-ledger';

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
    const page = await readLedger(db, { from: day, to: day });
    expect(page.rows.find((r) => r.workspace_id === b)).toMatchObject({
      revenue_cents: 0,
      margin_cents: -10,
    });
    expect(page.rows.findIndex((r) => r.workspace_id === b)).toBeLessThan(
      page.rows.findIndex((r) => r.workspace_id === a),
    );
    await expect(computeDailyLedger(db, { day: '4 May' })).rejects.toThrow();
  });
});
