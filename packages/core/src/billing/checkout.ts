import { type DbOrTx, eq, users, workspaces } from '@levqor/db';
import type Stripe from 'stripe';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { DomainError, notFound } from '../errors';
import { authorizeWorkspaceAction } from '../workspaces/authorize-workspace-action';
import { billingPageUrl } from './dunning';
import { checkoutPriceId, planOfPrice } from './plan-prices';
import { PAID_PLANS, type PaidPlan } from './plans';

export const ZStartCheckoutInput = z.object({
  plan: z.enum(PAID_PLANS, { error: 'plan is starter, growth or business (Enterprise is by contract)' }),
  /** One per attempt (the page makes one per click): a retried request reuses the same session. */
  attemptId: z.string().regex(/^[\w-]{8,64}$/, 'attemptId is 8–64 letters, digits, "_" or "-"'),
});
export type StartCheckoutInput = z.input<typeof ZStartCheckoutInput>;

const notConfigured = () =>
  new DomainError(
    'validation',
    'Billing is not configured on this installation (STRIPE_SECRET_KEY); an administrator can set the plan with `pnpm levqor billing plan`.',
  );

/** The workspace's Stripe customer: the stored one, or a new one (stored, so every checkout reuses it). */
async function ensureCustomer(
  db: DbOrTx,
  stripe: Stripe,
  workspaceId: string,
  userId: string,
): Promise<string> {
  const [ws] = await db
    .select({ customer: workspaces.stripeCustomerId, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!ws) throw notFound('Workspace');
  if (ws.customer) return ws.customer;
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  const customer = await stripe.customers.create(
    { email: user?.email, name: ws.name, metadata: { workspace_id: workspaceId } },
    { idempotencyKey: `levqor-customer-${workspaceId}` },
  );
  // Two first checkouts at once: the first stored wins; the other's customer is left unused.
  const [stored] = await db
    .update(workspaces)
    .set({ stripeCustomerId: customer.id })
    .where(eq(workspaces.id, workspaceId))
    .returning({ customer: workspaces.stripeCustomerId });
  return stored?.customer ?? customer.id;
}

/**
 * Starts a subscription Checkout for a plan: owner only, customer reused, `client_reference_id` = the
 * workspace, an idempotency key per attempt. With a live subscription already, the plan is changed on
 * it instead (upgrade/downgrade, prorated by Stripe) and no Checkout is needed (`url` null).
 */
export async function startCheckout(
  db: DbOrTx,
  stripe: Stripe | null,
  opts: { workspaceId: string; userId: string; input: StartCheckoutInput },
): Promise<{ url: string | null; sessionId: string | null; changed: boolean }> {
  const input = ZStartCheckoutInput.parse(opts.input);
  await authorizeWorkspaceAction(db, { ...opts, action: 'billing.manage' });
  if (!stripe) throw notConfigured();
  // The plan's current price (an applied pricing recommendation), else STRIPE_PRICE_<PLAN>.
  const priceId = await checkoutPriceId(db, stripe, input.plan as PaidPlan);
  if (!priceId) throw notConfigured();
  const customer = await ensureCustomer(db, stripe, opts.workspaceId, opts.userId);
  const live = (await stripe.subscriptions.list({ customer, status: 'all', limit: 10 })).data.find((s) =>
    ['active', 'trialing', 'past_due'].includes(s.status),
  );
  if (live) {
    const item = live.items.data[0];
    // Already on the plan (at whatever price it was bought): nothing moves it to a newer price.
    if ((await planOfPrice(db, item?.price.id)) !== input.plan)
      await stripe.subscriptions.update(
        live.id,
        { items: [{ id: item?.id, price: priceId }], cancel_at_period_end: false },
        { idempotencyKey: `levqor-change-${opts.workspaceId}-${input.attemptId}` },
      );
    await recordAudit(db, {
      workspaceId: opts.workspaceId,
      actor: opts.userId,
      action: 'billing.plan_change_requested',
      target: live.id,
      metadata: { plan: input.plan },
    });
    return { url: null, sessionId: null, changed: true };
  }
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'subscription',
      customer,
      client_reference_id: opts.workspaceId,
      line_items: [{ price: priceId, quantity: 1 }],
      success_url: `${billingPageUrl()}?checkout={CHECKOUT_SESSION_ID}`,
      cancel_url: `${billingPageUrl()}?checkout=cancelled`,
      metadata: { workspace_id: opts.workspaceId, plan: input.plan },
      subscription_data: { metadata: { workspace_id: opts.workspaceId } },
    },
    { idempotencyKey: `levqor-checkout-${opts.workspaceId}-${input.attemptId}` },
  );
  await recordAudit(db, {
    workspaceId: opts.workspaceId,
    actor: opts.userId,
    action: 'billing.checkout_started',
    target: session.id,
    metadata: { plan: input.plan },
  });
  return { url: session.url, sessionId: session.id, changed: false };
}

/** A Customer Portal session (payment method, invoices, cancel); owner only, needs a customer. */
export async function openBillingPortal(
  db: DbOrTx,
  stripe: Stripe | null,
  opts: { workspaceId: string; userId: string },
): Promise<{ url: string }> {
  await authorizeWorkspaceAction(db, { ...opts, action: 'billing.manage' });
  if (!stripe) throw notConfigured();
  const [ws] = await db
    .select({ customer: workspaces.stripeCustomerId })
    .from(workspaces)
    .where(eq(workspaces.id, opts.workspaceId));
  if (!ws?.customer)
    throw new DomainError(
      'validation',
      'This workspace has no billing account yet: subscribe to a plan first.',
    );
  const session = await stripe.billingPortal.sessions.create({
    customer: ws.customer,
    return_url: billingPageUrl(),
  });
  return { url: session.url };
}

/** Cancels at the end of the period (the workspace keeps its plan until then). Owner only, audited. */
export async function cancelSubscription(
  db: DbOrTx,
  stripe: Stripe | null,
  opts: { workspaceId: string; userId: string; atPeriodEnd: boolean },
): Promise<{ cancelled: boolean }> {
  await authorizeWorkspaceAction(db, { ...opts, action: 'billing.manage' });
  if (!stripe) throw notConfigured();
  const [ws] = await db
    .select({ customer: workspaces.stripeCustomerId })
    .from(workspaces)
    .where(eq(workspaces.id, opts.workspaceId));
  if (!ws?.customer) return { cancelled: false };
  const live = (await stripe.subscriptions.list({ customer: ws.customer, limit: 10 })).data.find((s) =>
    ['active', 'trialing', 'past_due'].includes(s.status),
  );
  if (!live) return { cancelled: false };
  await stripe.subscriptions.update(live.id, { cancel_at_period_end: opts.atPeriodEnd });
  await recordAudit(db, {
    workspaceId: opts.workspaceId,
    actor: opts.userId,
    action: opts.atPeriodEnd ? 'billing.cancel_requested' : 'billing.cancel_withdrawn',
    target: live.id,
  });
  return { cancelled: opts.atPeriodEnd };
}

/** Invoices of the workspace's customer, newest first (number, date, amount, status, hosted link). */
export async function listInvoices(
  db: DbOrTx,
  stripe: Stripe | null,
  opts: { workspaceId: string; limit?: number; startingAfter?: string },
) {
  const [ws] = await db
    .select({ customer: workspaces.stripeCustomerId })
    .from(workspaces)
    .where(eq(workspaces.id, opts.workspaceId));
  if (!stripe || !ws?.customer) return { invoices: [], hasMore: false };
  const page = await stripe.invoices.list({
    customer: ws.customer,
    limit: opts.limit ?? 10,
    ...(opts.startingAfter ? { starting_after: opts.startingAfter } : {}),
  });
  return {
    invoices: page.data.map((i) => ({
      id: i.id!,
      number: i.number,
      created: new Date(i.created * 1000),
      amountCents: i.amount_due,
      status: i.status,
      hostedUrl: i.hosted_invoice_url ?? null,
    })),
    hasMore: page.has_more,
  };
}
