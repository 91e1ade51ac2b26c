import { subscriptions } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { subscriptionRevenue } from './subscription-revenue';

const db = testDb();

describe('revenue from stored subscriptions', () => {
  it('earns the plan price ÷ days of the month on days the billed period covers, nothing otherwise', async () => {
    const paying = (await makeUser()).workspace.id;
    const trial = (await makeUser()).workspace.id;
    const none = (await makeUser()).workspace.id;
    const tag = Math.random().toString(36).slice(2, 10);
    await db.insert(subscriptions).values([
      {
        id: `sub_${tag}_a`,
        workspaceId: paying,
        customerId: `cus_${tag}_a`,
        status: 'past_due',
        plan: 'growth',
        currentPeriodStart: new Date('2026-04-10T00:00:00Z'),
        currentPeriodEnd: new Date('2026-05-10T00:00:00Z'),
        version: 1,
      },
      {
        id: `sub_${tag}_b`,
        workspaceId: trial,
        customerId: `cus_${tag}_b`,
        status: 'trialing',
        plan: 'starter',
        currentPeriodStart: new Date('2026-04-01T00:00:00Z'),
        currentPeriodEnd: new Date('2026-05-01T00:00:00Z'),
        version: 1,
      },
    ]);
    const revenue = subscriptionRevenue(db);
    // Growth is $79 a month; April has 30 days.
    expect(await revenue.revenueCents({ workspaceId: paying, day: '2026-04-20' })).toBeCloseTo(7900 / 30, 2);
    // May has 31 days; the period ends on the 10th.
    expect(await revenue.revenueCents({ workspaceId: paying, day: '2026-05-09' })).toBeCloseTo(7900 / 31, 2);
    expect(await revenue.revenueCents({ workspaceId: paying, day: '2026-05-10' })).toBe(0);
    expect(await revenue.revenueCents({ workspaceId: trial, day: '2026-04-20' })).toBe(0);
    expect(await revenue.revenueCents({ workspaceId: none, day: '2026-04-20' })).toBe(0);
  });

  it('a period bought in the afternoon earns its first day; its last day belongs to the next period', async () => {
    const afternoon = (await makeUser()).workspace.id;
    const tag = Math.random().toString(36).slice(2, 10);
    await db.insert(subscriptions).values({
      id: `sub_${tag}_pm`,
      workspaceId: afternoon,
      customerId: `cus_${tag}_pm`,
      status: 'active',
      plan: 'growth',
      currentPeriodStart: new Date('2026-12-06T13:45:00Z'),
      currentPeriodEnd: new Date('2027-01-06T13:45:00Z'),
      version: 1,
    });
    const revenue = subscriptionRevenue(db);
    expect(await revenue.revenueCents({ workspaceId: afternoon, day: '2026-12-05' })).toBe(0);
    expect(await revenue.revenueCents({ workspaceId: afternoon, day: '2026-12-06' })).toBeCloseTo(
      7900 / 31,
      2,
    );
    expect(await revenue.revenueCents({ workspaceId: afternoon, day: '2027-01-05' })).toBeCloseTo(
      7900 / 31,
      2,
    );
    expect(await revenue.revenueCents({ workspaceId: afternoon, day: '2027-01-06' })).toBe(0);
  });
});
