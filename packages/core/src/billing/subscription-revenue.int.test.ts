import { subscriptions } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { subscriptionRevenue } from './subscription-revenue';

const db = testDb();

/** A stored subscription row of `workspaceId` over [start, end). */
function subscriptionRow(
  id: string,
  workspaceId: string,
  fields: {
    status: 'active' | 'past_due' | 'trialing';
    plan: 'starter' | 'growth';
    start: string;
    end: string;
  },
) {
  return {
    id: `sub_${id}`,
    workspaceId,
    customerId: `cus_${id}`,
    status: fields.status,
    plan: fields.plan,
    currentPeriodStart: new Date(fields.start),
    currentPeriodEnd: new Date(fields.end),
    version: 1,
  };
}

describe('revenue from stored subscriptions', () => {
  it('earns the plan price ÷ days of the month on days the billed period covers, nothing otherwise', async () => {
    const paying = (await makeUser()).workspace.id;
    const trial = (await makeUser()).workspace.id;
    const none = (await makeUser()).workspace.id;
    const tag = Math.random().toString(36).slice(2, 10);
    await db.insert(subscriptions).values([
      subscriptionRow(`${tag}_a`, paying, {
        status: 'past_due',
        plan: 'growth',
        start: '2026-04-10T00:00:00Z',
        end: '2026-05-10T00:00:00Z',
      }),
      subscriptionRow(`${tag}_b`, trial, {
        status: 'trialing',
        plan: 'starter',
        start: '2026-04-01T00:00:00Z',
        end: '2026-05-01T00:00:00Z',
      }),
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
    await db.insert(subscriptions).values(
      subscriptionRow(`${tag}_pm`, afternoon, {
        status: 'active',
        plan: 'growth',
        start: '2026-12-06T13:45:00Z',
        end: '2027-01-06T13:45:00Z',
      }),
    );
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
