import { and, type DbOrTx, desc, eq, inArray, recommendations, sql } from '@levqor/db';
import { z } from 'zod';
import { recordAdminAction, ZAdminReason } from '../../admin/admin-action';
import { createPlanPrice } from '../../billing/plan-prices';
import { PAID_PLANS, type PaidPlan } from '../../billing/plans';
import type { Stripe } from '../../billing/stripe-client';
import { DomainError } from '../../errors';
import { autoscaleRecommendation } from './autoscale';
import { discountRecommendations } from './discounts';
import { pricingRecommendations } from './pricing';
import {
  RECOMMENDATION_STATUSES,
  type RecommendationDraft,
  type RecommendationInput,
} from './recommendation';
import { flaggedWorkerConcurrency, setWorkerConcurrencyFlag } from './worker-concurrency';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export interface ComputeRecommendationsOptions {
  /** The period: the UTC day the recommendations are for (figures come from the days before it). */
  day: string;
  /** The worker concurrency in force without the flag (LEVQOR_WORKER_CONCURRENCY). */
  defaultConcurrency: number;
  /** Autoscale freezes when the last 24 h of AI spend passed this (cents). */
  spendLimitCents: number;
}

/**
 * Computes the day's recommendations and stores them: one per kind, subject and day. A rerun rewrites
 * the still-open (or no-op) ones with fresh figures and never touches one an admin applied or dismissed.
 * Returns how many were written.
 */
export async function computeRecommendations(
  db: DbOrTx,
  opts: ComputeRecommendationsOptions,
): Promise<number> {
  const day = ZDay.parse(opts.day);
  const current = (await flaggedWorkerConcurrency(db)) ?? opts.defaultConcurrency;
  const drafts: RecommendationDraft[] = [
    ...(await pricingRecommendations(db, { day })),
    ...(await discountRecommendations(db, { day })),
    await autoscaleRecommendation(db, { day, current, spendLimitCents: opts.spendLimitCents }),
  ];
  let written = 0;
  for (const d of drafts) {
    const values = {
      kind: d.kind,
      subject: d.subject,
      period: day,
      title: d.title,
      explanation: d.explanation,
      inputs: d.inputs,
      proposal: d.proposal,
      status: d.actionable ? 'open' : 'noop',
    };
    const rows = await db
      .insert(recommendations)
      .values(values)
      .onConflictDoUpdate({
        target: [recommendations.kind, recommendations.subject, recommendations.period],
        set: { ...values, updatedAt: new Date() },
        setWhere: inArray(recommendations.status, ['open', 'noop']),
      })
      .returning({ id: recommendations.id });
    written += rows.length;
  }
  return written;
}

export function toRecommendationResource(r: typeof recommendations.$inferSelect) {
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    period: r.period,
    title: r.title,
    explanation: r.explanation,
    inputs: r.inputs as RecommendationInput[],
    proposal: r.proposal as Record<string, unknown>,
    status: r.status,
    decided_at: r.decidedAt?.toISOString() ?? null,
    decided_by: r.decidedBy,
    result: (r.result as Record<string, unknown> | null) ?? null,
    created_at: r.createdAt.toISOString(),
  };
}
export type RecommendationResource = ReturnType<typeof toRecommendationResource>;

export const ZListRecommendationsInput = z.object({
  status: z.enum(RECOMMENDATION_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** Newest period first, open ones first within it. */
export async function listRecommendations(db: DbOrTx, raw: z.input<typeof ZListRecommendationsInput>) {
  const input = ZListRecommendationsInput.parse(raw);
  const rows = await db
    .select()
    .from(recommendations)
    .where(input.status ? eq(recommendations.status, input.status) : undefined)
    .orderBy(
      desc(recommendations.period),
      sql`${recommendations.status} = 'open' desc`,
      recommendations.kind,
      recommendations.subject,
    )
    .limit(input.limit);
  return rows.map(toRecommendationResource);
}

export const ZDecideRecommendationInput = z.object({
  id: z.string().regex(/^rec_[A-Za-z0-9]+$/, 'a recommendation id (rec_…)'),
  reason: ZAdminReason,
});
export type DecideRecommendationInput = z.input<typeof ZDecideRecommendationInput>;

/** Claims an open recommendation for a decision (two admins cannot both apply it). */
async function claim(db: DbOrTx, id: string, to: 'applied' | 'dismissed', actor: string) {
  const [row] = await db
    .update(recommendations)
    .set({ status: to, decidedAt: new Date(), decidedBy: actor, updatedAt: new Date() })
    .where(and(eq(recommendations.id, id), eq(recommendations.status, 'open')))
    .returning();
  if (row) return row;
  const [exists] = await db
    .select({ status: recommendations.status })
    .from(recommendations)
    .where(eq(recommendations.id, id));
  if (!exists) throw new DomainError('not-found', 'Recommendation not found');
  throw new DomainError(
    'recommendation-decided',
    exists.status === 'noop'
      ? 'This recommendation proposes no change: there is nothing to apply'
      : `This recommendation was already ${exists.status}`,
  );
}

/** Dismisses an open recommendation (audited, with the admin's reason). */
export async function dismissRecommendation(
  db: DbOrTx,
  opts: { actor: string; input: DecideRecommendationInput },
) {
  const input = ZDecideRecommendationInput.parse(opts.input);
  const row = await claim(db, input.id, 'dismissed', opts.actor);
  await recordAdminAction(db, {
    actor: opts.actor,
    action: 'admin.recommendation.dismissed',
    target: row.id,
    reason: input.reason,
    details: { kind: row.kind, subject: row.subject, period: row.period },
  });
  return toRecommendationResource(row);
}

/**
 * Applies an open recommendation (audited, with the admin's reason and what it did):
 * - discount: creates the Stripe coupon and its promotion code (idempotent per recommendation);
 * - autoscale: sets the worker.concurrency flag to the proposed value;
 * - pricing: creates a new recurring monthly USD price of the proposed amount in Stripe, on the plan's
 *   product (Stripe prices are immutable: a new amount is a new price), and stores it as the plan's
 *   current price: Checkout sells it to new subscribers; existing subscriptions stay on their price.
 * In one transaction: a failed Stripe call leaves it open (the Stripe calls are idempotent per recommendation).
 */
export async function applyRecommendation(
  db: DbOrTx,
  opts: { actor: string; input: DecideRecommendationInput; stripe: Stripe | null },
) {
  const input = ZDecideRecommendationInput.parse(opts.input);
  return db.transaction((tx) => applyIn(tx, { ...opts, input }));
}

async function applyIn(
  db: DbOrTx,
  opts: { actor: string; input: z.output<typeof ZDecideRecommendationInput>; stripe: Stripe | null },
) {
  const { input } = opts;
  const row = await claim(db, input.id, 'applied', opts.actor);
  const p = row.proposal as Record<string, unknown>;
  let result: Record<string, unknown>;
  if (row.kind === 'discount') {
    if (!opts.stripe)
      throw new DomainError('billing-off', 'Billing is off (no STRIPE_SECRET_KEY): no coupon can be created');
    const coupon = await opts.stripe.coupons.create(
      {
        percent_off: Number(p.percent_off),
        duration: 'repeating',
        duration_in_months: Number(p.duration_in_months),
        name: `${p.percent_off}% off the first ${p.duration_in_months} months`,
        metadata: { recommendation: row.id },
      },
      { idempotencyKey: `${row.id}:coupon` },
    );
    const code = await opts.stripe.promotionCodes.create(
      {
        promotion: { type: 'coupon', coupon: coupon.id },
        code: String(p.code),
        max_redemptions: Number(p.max_redemptions),
        metadata: { recommendation: row.id },
      },
      { idempotencyKey: `${row.id}:promotion_code` },
    );
    result = { coupon_id: coupon.id, promotion_code_id: code.id, code: code.code };
  } else if (row.kind === 'autoscale') {
    result = await setWorkerConcurrencyFlag(db, { value: Number(p.concurrency), actor: opts.actor });
  } else {
    if (!opts.stripe)
      throw new DomainError(
        'billing-off',
        'Billing is off (no STRIPE_SECRET_KEY): no Stripe price can be created',
      );
    const plan = String(p.plan);
    const cents = Number(p.price_cents);
    if (!PAID_PLANS.includes(plan as PaidPlan) || !Number.isInteger(cents) || cents <= 0)
      throw new DomainError(
        'validation',
        `This recommendation's proposal (${plan}, ${p.price_cents}) is not a price`,
      );
    const price = await createPlanPrice(db, opts.stripe, {
      plan: plan as PaidPlan,
      unitAmount: cents,
      actor: opts.actor,
      recommendationId: row.id,
      idempotencyKey: `${row.id}:price`,
    });
    result = {
      plan,
      price_cents: price.unitAmount,
      currency: price.currency,
      stripe_price_id: price.priceId,
      stripe_product_id: price.productId,
      applies_to: 'new subscriptions; existing subscribers keep their price',
    };
  }
  const [done] = await db
    .update(recommendations)
    .set({ result })
    .where(eq(recommendations.id, row.id))
    .returning();
  await recordAdminAction(db, {
    actor: opts.actor,
    action: 'admin.recommendation.applied',
    target: row.id,
    reason: input.reason,
    details: { kind: row.kind, subject: row.subject, period: row.period, proposal: p, result },
  });
  return toRecommendationResource(done!);
}
