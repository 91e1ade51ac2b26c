import { computeRecommendations } from '@levqor/core';
import { auditEvents, eq, metricRollups, recommendations, users } from '@levqor/db';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeMember, makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, sessionOf, trpcHttp } from '../test-client';

const db = testDb();
let stripe: RunningStandin;
beforeAll(async () => {
  stripe = await startStripeStandin({ webhookSecret: 'whsec_recs_router', prices: [] });
  process.env.STRIPE_API_BASE = stripe.url;
});
afterAll(() => stripe.close());

const session = sessionOf;

describe('admin.recommendations', () => {
  it('applying a discount creates the Stripe coupon and promotion code; audited; a second apply is 409', async () => {
    const day = '2019-11-30';
    // 5 signups in the week before, none paid: conversion 0 → 25% off.
    for (let i = 0; i < 5; i++) {
      const { user } = await makeUser({ label: 'recs-api' });
      await db
        .update(users)
        .set({ createdAt: new Date(`2019-11-2${4 + i}T10:00:00Z`) })
        .where(eq(users.id, user.id));
    }
    await db.insert(metricRollups).values({
      scope: 'platform',
      metric: 'jobs.created',
      bucketStart: new Date('2019-11-29T10:00:00Z'),
      value: 5000,
    });
    await computeRecommendations(db, { day, defaultConcurrency: 8, spendLimitCents: 10_000 });
    const { user: admin } = await makeUser({ admin: true });
    const asAdmin = callerFor(session(admin, 'admin'));
    const list = await asAdmin.admin.recommendations.list({ limit: 200 });
    const discount = list.find((r) => r.period === day && r.kind === 'discount')!;
    expect(discount).toMatchObject({
      status: 'open',
      proposal: { percent_off: 25, code: 'WELCOME25-20191130' },
    });

    const applied = await asAdmin.admin.recommendations.applyOne({
      id: discount.id,
      reason: 'conversion is low',
    });
    expect(applied).toMatchObject({ status: 'applied', result: { code: 'WELCOME25-20191130' } });
    const coupon = stripe.standin.discounts.coupon(String(applied.result!.coupon_id));
    expect(coupon).toMatchObject({
      percent_off: 25,
      duration: 'repeating',
      duration_in_months: 3,
      metadata: { recommendation: discount.id },
    });
    const code = stripe.standin.discounts.promotionCode(String(applied.result!.promotion_code_id));
    expect(code).toMatchObject({ code: 'WELCOME25-20191130', promotion: { coupon: coupon.id } });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, discount.id));
    expect(audit).toEqual([
      expect.objectContaining({
        actor: admin.id,
        action: 'admin.recommendation.applied',
        metadata: expect.objectContaining({ reason: 'conversion is low' }),
      }),
    ]);

    // Over HTTP: the second apply is a 409 with a human message; a non-admin gets 403.
    const again = await trpcHttp(
      session(admin, 'admin'),
      'admin.recommendations.applyOne',
      { id: discount.id, reason: 'once more' },
      'POST',
    );
    expect(again.status).toBe(409);
    expect(again.json.error!.json.message).toBe('This recommendation was already applied');
    const { user } = await makeUser();
    expect((await trpcHttp(session(user), 'admin.recommendations.list', { limit: 5 })).status).toBe(403);
    expect(
      (await trpcHttp(session(user), 'admin.growth.funnel', { from: '2019-11-01', to: '2019-11-30' })).status,
    ).toBe(403);
    const [row] = await db.select().from(recommendations).where(eq(recommendations.id, discount.id));
    expect(row!.decidedBy).toBe(admin.id);
  });
});

describe('alerts (customer dashboard)', () => {
  it('a member lists their workspace’s alerts; only the owner acknowledges or sets the channel; another tenant sees nothing', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const { user: member } = await makeMember(a.workspace.id);
    const settings = await callerFor(session(member)).alerts.settings();
    expect(settings).toMatchObject({ can_manage: false, channel: { type: 'email', to: a.user.email } });
    const denied = await trpcHttp(
      session(member),
      'alerts.setChannel',
      { type: 'email', to: 'ops@example.com' },
      'POST',
    );
    expect(denied.status).toBe(403);
    const bad = await trpcHttp(
      session(a.user),
      'alerts.setChannel',
      { type: 'slack', url: 'http://10.0.0.1/hook' },
      'POST',
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error!.json.message).toMatch(/^url refused/);
    const ok = await callerFor(session(a.user)).alerts.setChannel({ type: 'email', to: 'ops@example.com' });
    expect(ok.channel).toEqual({ type: 'email', to: 'ops@example.com' });
    // B's settings are B's own (its owner's email), untouched by A's change.
    expect((await callerFor(session(b.user)).alerts.settings()).channel).toEqual({
      type: 'email',
      to: b.user.email,
    });
    const unknown = await trpcHttp(session(b.user), 'alerts.acknowledge', { id: 'alr_doesnotexist' }, 'POST');
    expect(unknown.status).toBe(404);
  });

  it('the owner sets the failure-spike threshold (1–10,000, whole numbers); members cannot; tenants apart', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const { user: member } = await makeMember(a.workspace.id);
    expect((await callerFor(session(a.user)).alerts.settings()).failure_threshold).toBe(5);
    for (const [threshold, message] of [
      [0, 'The threshold is at least 1 failed job'],
      [10_001, 'The threshold is at most 10,000 failed jobs'],
      [2.5, 'Enter a whole number of failed jobs from 1 to 10,000'],
      ['7', 'Enter a whole number of failed jobs from 1 to 10,000'],
    ] as const) {
      const res = await trpcHttp(session(a.user), 'alerts.setFailureThreshold', { threshold }, 'POST');
      expect(res.status).toBe(400);
      expect(res.json.error!.json.data.fieldErrors).toEqual({ threshold: [message] });
    }
    const denied = await trpcHttp(session(member), 'alerts.setFailureThreshold', { threshold: 2 }, 'POST');
    expect(denied.status).toBe(403);
    const set = await callerFor(session(a.user)).alerts.setFailureThreshold({ threshold: 2 });
    expect(set.failure_threshold).toBe(2);
    expect(set.rules.find((r) => r.name === 'Failure spike')).toMatchObject({
      threshold: 2,
      description: '2 or more failed jobs within 5 minutes',
    });
    expect((await callerFor(session(member)).alerts.settings()).failure_threshold).toBe(2);
    expect((await callerFor(session(b.user)).alerts.settings()).failure_threshold).toBe(5);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, a.workspace.id));
    expect(audit.find((e) => e.action === 'alerts.threshold_set')!.metadata).toEqual({
      rule: 'Failure spike',
      from: 5,
      to: 2,
    });
  });
});
