import { stripeSettings } from '@levqor/config';
import { type DbOrTx, desc, eq, planPrices } from '@levqor/db';
import type Stripe from 'stripe';
import { PAID_PLANS, type PaidPlan, PLANS, planOf, type WorkspacePlan } from './plans';

type Env = Record<string, string | undefined>;

/** The newest Stripe price Levqor created for each plan (applied pricing recommendations), if any. */
export async function storedPlanPrices(
  db: DbOrTx,
): Promise<Partial<Record<PaidPlan, { priceId: string; unitAmount: number }>>> {
  const rows = await db
    .selectDistinctOn([planPrices.plan], {
      plan: planPrices.plan,
      priceId: planPrices.stripePriceId,
      unitAmount: planPrices.unitAmount,
    })
    .from(planPrices)
    .orderBy(planPrices.plan, desc(planPrices.createdAt));
  return Object.fromEntries(rows.map((r) => [r.plan, { priceId: r.priceId, unitAmount: r.unitAmount }]));
}

/**
 * What a billed subscription earns a month, in cents: the amount of the Levqor-created price it is on
 * (an applied pricing recommendation), else its plan's list price — so MRR and revenue follow a price
 * change for the subscribers who bought at the new price, and only for them. Enterprise (by contract): 0.
 */
export async function subscriptionMonthlyCents(
  db: DbOrTx,
): Promise<(sub: { plan: string | null; priceId: string | null }) => number> {
  const rows = await db
    .select({ id: planPrices.stripePriceId, cents: planPrices.unitAmount })
    .from(planPrices);
  const created = new Map(rows.map((r) => [r.id, r.cents]));
  return (sub) => {
    const own = sub.priceId ? created.get(sub.priceId) : undefined;
    if (own !== undefined) return own;
    return sub.plan ? (planOf(sub.plan as WorkspacePlan).priceCents ?? 0) : 0;
  };
}

/**
 * The price Checkout sells a plan at to a new subscriber: the newest stored one while Stripe still has it
 * active (a price archived in Stripe's dashboard, or one the local stand-in lost on a restart, is
 * skipped), otherwise STRIPE_PRICE_<PLAN>. Null when neither exists.
 */
export async function checkoutPriceId(
  db: DbOrTx,
  stripe: Stripe,
  plan: PaidPlan,
  env: Env = process.env,
): Promise<string | null> {
  const stored = (await storedPlanPrices(db))[plan];
  if (stored) {
    const price = await stripe.prices.retrieve(stored.priceId).catch((err: unknown) => {
      if ((err as { statusCode?: number }).statusCode === 404) return null;
      throw err;
    });
    if (price?.active) return price.id;
  }
  return stripeSettings(env).prices[plan];
}

/**
 * The plan a Stripe price id stands for: STRIPE_PRICE_STARTER / _GROWTH / _BUSINESS, or any price Levqor
 * created for a plan (old ones too: subscribers stay on the price they bought). Null when unknown.
 */
export async function planOfPrice(
  db: DbOrTx,
  priceId: string | null | undefined,
  env: Env = process.env,
): Promise<WorkspacePlan | null> {
  if (!priceId) return null;
  const { prices } = stripeSettings(env);
  const configured = PAID_PLANS.find((p) => prices[p] === priceId);
  if (configured) return configured;
  const [row] = await db
    .select({ plan: planPrices.plan })
    .from(planPrices)
    .where(eq(planPrices.stripePriceId, priceId));
  return row?.plan ?? null;
}

/**
 * Creates a recurring monthly USD price of `unitAmount` cents for the plan in Stripe — on the product of
 * the plan's current price (a new product named after the plan when there is none) — and stores it as
 * the plan's current price. Prices are immutable in Stripe, so a new amount is a new price; existing
 * subscriptions stay on theirs. Idempotent per `idempotencyKey` (Stripe) and per price id (database).
 */
export async function createPlanPrice(
  db: DbOrTx,
  stripe: Stripe,
  opts: {
    plan: PaidPlan;
    unitAmount: number;
    actor: string;
    idempotencyKey: string;
    recommendationId?: string;
    env?: Env;
  },
): Promise<{ priceId: string; productId: string; unitAmount: number; currency: string }> {
  const name = `Levqor ${PLANS[opts.plan].name}`;
  const current = await checkoutPriceId(db, stripe, opts.plan, opts.env);
  const product = current ? (await stripe.prices.retrieve(current)).product : null;
  const productId = typeof product === 'string' ? product : (product?.id ?? null);
  const price = await stripe.prices.create(
    {
      ...(productId ? { product: productId } : { product_data: { name } }),
      currency: 'usd',
      unit_amount: opts.unitAmount,
      recurring: { interval: 'month', interval_count: 1 },
      nickname: `${name} ${(opts.unitAmount / 100).toFixed(2)} USD/month`,
      metadata: {
        levqor_plan: opts.plan,
        ...(opts.recommendationId ? { recommendation: opts.recommendationId } : {}),
      },
    },
    { idempotencyKey: opts.idempotencyKey },
  );
  await db
    .insert(planPrices)
    .values({
      stripePriceId: price.id,
      plan: opts.plan,
      unitAmount: price.unit_amount ?? opts.unitAmount,
      currency: price.currency,
      recommendationId: opts.recommendationId ?? null,
      createdBy: opts.actor,
    })
    .onConflictDoNothing({ target: planPrices.stripePriceId });
  return {
    priceId: price.id,
    productId: typeof price.product === 'string' ? price.product : price.product.id,
    unitAmount: price.unit_amount ?? opts.unitAmount,
    currency: price.currency,
  };
}
