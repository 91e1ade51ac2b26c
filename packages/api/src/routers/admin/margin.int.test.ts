import { dailyLedger } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { callerFor, trpcHttp } from '../../test-client';

// Days no other test writes ledger rows for: the figures must be exactly what is seeded here.
const [D1, D2, D3, D4] = ['2017-02-01', '2017-02-02', '2017-02-03', '2017-02-04'];

describe('admin.analytics.margin', () => {
  it('sums revenue, cost and margin per plan over the range from the daily ledger, each day under its plan', async () => {
    const { user } = await makeUser({ admin: true });
    const who = { id: user.id, email: user.email, name: user.name, role: 'admin' as const };
    const admin = callerFor(who);
    const a = (await makeUser()).workspace.id; // Starter, then Growth from D2
    const b = (await makeUser()).workspace.id; // Starter
    const c = (await makeUser()).workspace.id; // Free: costs, no revenue
    const row = (
      workspaceId: string,
      day: string,
      plan: 'free' | 'starter' | 'growth',
      revenueCents: number,
      aiSpendCents: number,
      infraCostCents: number,
    ) => ({
      workspaceId,
      day,
      plan,
      revenueCents,
      aiSpendCents,
      infraCostCents,
      marginCents: revenueCents - aiSpendCents - infraCostCents,
      jobs: 1,
      apiRequests: 0,
    });
    await testDb()
      .insert(dailyLedger)
      .values([
        row(a, D1, 'starter', 96.67, 20, 1.5),
        row(a, D2, 'growth', 263.33, 50, 2.5),
        row(a, D3, 'growth', 463.33, 300, 3), // 263.33 + 200¢ of metered overage
        row(b, D1, 'starter', 96.67, 120, 0.5),
        row(b, D2, 'starter', 96.67, 10, 0.5),
        row(c, D2, 'free', 0, 4, 0.25),
        // Outside the range: not counted.
        row(b, D4, 'starter', 96.67, 1000, 0),
      ]);

    const m = await admin.admin.analytics.margin({ from: D1, to: D3 });
    expect(m.range).toEqual({ from: D1, to: D3 });
    const plan = (id: string) => m.plans.find((p) => p.plan === id);
    expect(m.plans.map((p) => p.plan)).toEqual(['free', 'starter', 'growth', 'business', 'enterprise']);
    // Starter: a on D1, b on D1 and D2. Revenue 96.67 × 3 = 290.01; cost 20 + 1.5 + 120 + 0.5 + 10 + 0.5 = 152.5.
    expect(plan('starter')).toEqual({
      plan: 'starter',
      name: 'Starter',
      workspaces: 2,
      revenue_cents: 290.01,
      ai_spend_cents: 150,
      infra_cost_cents: 2.5,
      cost_cents: 152.5,
      margin_cents: 137.51,
      margin_pct: 47.4, // 137.51 ÷ 290.01
    });
    // Growth: a on D2 and D3. Revenue 726.66; cost 350 + 5.5 = 355.5; margin 371.16 (51.1%).
    expect(plan('growth')).toMatchObject({
      workspaces: 1,
      revenue_cents: 726.66,
      cost_cents: 355.5,
      margin_cents: 371.16,
      margin_pct: 51.1,
    });
    // Free: no revenue, so no percentage; the margin is the negative cost.
    expect(plan('free')).toMatchObject({
      workspaces: 1,
      revenue_cents: 0,
      cost_cents: 4.25,
      margin_cents: -4.25,
      margin_pct: null,
    });
    expect(plan('business')).toMatchObject({ workspaces: 0, revenue_cents: 0, margin_pct: null });
    // Totals: three workspaces (a counts once though it was on two plans).
    expect(m.totals).toEqual({
      workspaces: 3,
      revenue_cents: 1016.67,
      ai_spend_cents: 504,
      infra_cost_cents: 8.25,
      cost_cents: 512.25,
      margin_cents: 504.42,
      margin_pct: 49.6,
    });

    // One day alone: D1 is Starter only.
    const d1 = await admin.admin.analytics.margin({ from: D1, to: D1 });
    expect(d1.plans.filter((p) => p.workspaces > 0).map((p) => p.plan)).toEqual(['starter']);
    expect(d1.totals.margin_cents).toBe(51.34); // 193.34 − 142

    // A reversed range is a 400 with a message people read.
    const bad = await trpcHttp(who, 'admin.analytics.margin', { from: D3, to: D1 });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The range must start on or before its end');
  });
});
