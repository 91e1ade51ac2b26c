import {
  applySubscription,
  computeRecommendations,
  planOfPrice,
  storedPlanPrices,
  subscriptionMonthlyCents,
  subscriptionRevenue,
} from '@levqor/core';
import { dailyLedger, eq, planPrices, recommendations, workspaces } from '@levqor/db';
import { type RunningStandin, startStripeStandin } from '@levqor/stripe-standin';
import { makeUser, testDb } from '@levqor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, sessionOf, trpcHttp } from '../test-client';

const db = testDb();
let stripe: RunningStandin;
beforeAll(async () => {
  stripe = await startStripeStandin({
    webhookSecret: 'whsec_pricing_apply',
    prices: [{ id: 'price_standin_business', unitAmount: 14_900, nickname: 'Business' }],
  });
  process.env.STRIPE_API_BASE = stripe.url;
});
afterAll(async () => {
  // Other test files sell Business at the configured price: leave no stored price behind.
  await db.delete(planPrices).where(eq(planPrices.plan, 'business'));
  await stripe.close();
});

/** Subscribes the workspace through Checkout (the stand-in's pay button) and applies the subscription. */
type User = Awaited<ReturnType<typeof makeUser>>['user'];
type Subscription = Parameters<typeof applySubscription>[1]['subscription'];

async function subscribe(user: User, workspaceId: string, attemptId: string) {
  const out = await callerFor(sessionOf(user)).billing.checkout({ plan: 'business', attemptId });
  expect(out.sessionId).toBeTruthy();
  const session = stripe.standin.completeCheckout(out.sessionId!);
  const sub = stripe.standin.subscription(String(session.subscription));
  await applySubscription(db, {
    subscription: sub as unknown as Subscription,
    version: Math.floor(Date.now() / 1000),
    workspaceId,
  });
  return { sessionId: out.sessionId!, sub };
}
const priceOf = (sub: Record<string, unknown>) =>
  (sub.items as { data: { price: { id: string; unit_amount: number } }[] }).data[0]!.price;

describe('applying a pricing recommendation', () => {
  it('creates a monthly USD Stripe price on the plan’s product, new checkouts sell it, existing subscribers keep theirs', async () => {
    const { user: admin } = await makeUser({ admin: true });
    const early = await makeUser({ label: 'pricing-early' });
    const late = await makeUser({ label: 'pricing-late' });

    // Before: Checkout sells STRIPE_PRICE_BUSINESS (the stand-in's configured price).
    const before = await subscribe(early.user, early.workspace.id, 'pricing-early-1');
    expect(priceOf(before.sub)).toMatchObject({ id: 'price_standin_business', unit_amount: 14_900 });

    const [rec] = await db
      .insert(recommendations)
      .values({
        kind: 'pricing',
        subject: 'business',
        period: '2018-03-31',
        title: 'Business: raise the price from $149.00 to $159.00 a month',
        explanation: 'by hand',
        inputs: [],
        proposal: { plan: 'business', from_cents: 14_900, price_cents: 15_900 },
        status: 'open',
      })
      .returning();
    const asAdmin = callerFor(sessionOf(admin, 'admin'));
    const applied = await asAdmin.admin.recommendations.applyOne({ id: rec!.id, reason: 'costs rose' });
    const priceId = String(applied.result!.stripe_price_id);
    expect(applied).toMatchObject({
      status: 'applied',
      result: {
        plan: 'business',
        price_cents: 15_900,
        currency: 'usd',
        stripe_product_id: 'prod_standin_business',
      },
    });

    // In Stripe (the stand-in): a recurring monthly USD price of 15,900 cents on the plan's product.
    const price = stripe.standin.catalog.price(priceId);
    expect(price).toMatchObject({
      object: 'price',
      active: true,
      type: 'recurring',
      currency: 'usd',
      unit_amount: 15_900,
      recurring: { interval: 'month', interval_count: 1 },
      product: 'prod_standin_business',
      metadata: { levqor_plan: 'business', recommendation: rec!.id },
    });
    // In the database: the plan's current price, tied to the recommendation.
    expect((await storedPlanPrices(db)).business).toEqual({ priceId, unitAmount: 15_900 });
    const [row] = await db.select().from(planPrices).where(eq(planPrices.stripePriceId, priceId));
    expect(row).toMatchObject({ plan: 'business', recommendationId: rec!.id, createdBy: admin.id });
    expect(await planOfPrice(db, priceId)).toBe('business');
    expect(await planOfPrice(db, 'price_standin_business')).toBe('business');

    // A new subscriber's Checkout uses the new price, and its subscription maps to Business.
    const after = await subscribe(late.user, late.workspace.id, 'pricing-late-1');
    expect(stripe.standin.checkoutSession(after.sessionId)._price).toBe(priceId);
    expect(priceOf(after.sub)).toMatchObject({ id: priceId, unit_amount: 15_900 });
    const [ws] = await db
      .select({ plan: workspaces.plan })
      .from(workspaces)
      .where(eq(workspaces.id, late.workspace.id));
    expect(ws!.plan).toBe('business');
    // Revenue follows the price each subscriber bought at: the new one earns $159 a month, the early one $149.
    const today = new Date().toISOString().slice(0, 10);
    const days = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0)).getUTCDate();
    const revenue = subscriptionRevenue(db);
    expect(await revenue.revenueCents({ workspaceId: late.workspace.id, day: today })).toBeCloseTo(
      15_900 / days,
      1,
    );
    expect(await revenue.revenueCents({ workspaceId: early.workspace.id, day: today })).toBeCloseTo(
      14_900 / days,
      1,
    );
    const monthly = await subscriptionMonthlyCents(db);
    expect(monthly({ plan: 'business', priceId })).toBe(15_900);
    expect(monthly({ plan: 'business', priceId: 'price_standin_business' })).toBe(14_900);

    // The existing subscriber is not moved: choosing Business again changes nothing.
    const again = await callerFor(sessionOf(early.user)).billing.checkout({
      plan: 'business',
      attemptId: 'pricing-early-2',
    });
    expect(again).toMatchObject({ changed: true, url: null });
    expect(priceOf(stripe.standin.subscription(String(before.sub.id)))).toMatchObject({
      id: 'price_standin_business',
      unit_amount: 14_900,
    });

    // Applied once: a second apply is a 409, and no second price was created.
    const second = await trpcHttp(
      sessionOf(admin, 'admin'),
      'admin.recommendations.applyOne',
      { id: rec!.id, reason: 'apply it again' },
      'POST',
    );
    expect(second.status).toBe(409);
    expect(
      [...stripe.standin.catalog.prices.values()].filter((p) => p.product === 'prod_standin_business'),
    ).toHaveLength(2);

    // A stored price Stripe no longer has (the local stand-in restarted) is skipped: STRIPE_PRICE_BUSINESS.
    const kept = stripe.standin.catalog.prices.get(priceId)!;
    stripe.standin.catalog.prices.delete(priceId);
    const third = await makeUser({ label: 'pricing-third' });
    const out = await callerFor(sessionOf(third.user)).billing.checkout({
      plan: 'business',
      attemptId: 'pricing-third-1',
    });
    expect(stripe.standin.checkoutSession(out.sessionId!)._price).toBe('price_standin_business');
    stripe.standin.catalog.prices.set(priceId, kept);

    // The next pricing recommendation for Business starts from the price now in force ($159).
    const { workspace: w } = await makeUser({ label: 'pricing-next' });
    await db.update(workspaces).set({ plan: 'business' }).where(eq(workspaces.id, w.id));
    await db.insert(dailyLedger).values({
      workspaceId: w.id,
      day: '2018-05-20',
      revenueCents: 0,
      aiSpendCents: 0,
      infraCostCents: 0,
      marginCents: 0,
      jobs: 1,
      apiRequests: 0,
    });
    await computeRecommendations(db, { day: '2018-05-31', defaultConcurrency: 8, spendLimitCents: 10_000 });
    const nextPricing = (
      await db.select().from(recommendations).where(eq(recommendations.period, '2018-05-31'))
    ).find((r) => r.kind === 'pricing' && r.subject === 'business');
    expect(nextPricing!.proposal).toMatchObject({ from_cents: 15_900 });
  });

  it('a proposal that is no price is refused (400); the recommendation stays open', async () => {
    const { user: admin } = await makeUser({ admin: true });
    const [rec] = await db
      .insert(recommendations)
      .values({
        kind: 'pricing',
        subject: 'starter',
        period: '2018-02-28',
        title: 'Starter: raise',
        explanation: 'by hand',
        inputs: [],
        proposal: { plan: 'starter', from_cents: 2_900, price_cents: 0 },
        status: 'open',
      })
      .returning();
    const res = await trpcHttp(
      sessionOf(admin, 'admin'),
      'admin.recommendations.applyOne',
      { id: rec!.id, reason: 'try this price' },
      'POST',
    );
    expect(res.status).toBe(400);
    expect(res.json.error!.json.message).toContain('is not a price');
    const [row] = await db.select().from(recommendations).where(eq(recommendations.id, rec!.id));
    expect(row!.status).toBe('open');
  });
});
