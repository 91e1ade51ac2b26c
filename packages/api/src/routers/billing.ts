import {
  cancelSubscription,
  createStripeClient,
  getBillingStatus,
  limitCheckoutStarts,
  listInvoices,
  openBillingPortal,
  PLANS,
  type Stripe,
  startCheckout,
  ZStartCheckoutInput,
} from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

let stripe: Stripe | null | undefined;
/** The Stripe API (real or the stand-in), created on first use. */
const stripeClient = () => {
  if (stripe === undefined) stripe = createStripeClient();
  return stripe;
};

/** Billing for the signed-in user's workspace: every member reads; only the owner acts (core rule). */
export const billingRouter = createTRPCRouter({
  /** Plan, suspension, subscription and this month's usage. */
  status: protectedProcedure.query(async ({ ctx }) => ({
    ...(await getBillingStatus(ctx.db, ctx.workspace.id)),
    role: ctx.membershipRole,
    billingEnabled: stripeClient() !== null,
  })),
  plans: protectedProcedure.query(() => Object.values(PLANS)),
  invoices: protectedProcedure
    .input(
      z
        .object({
          cursor: z
            .string()
            .regex(/^in_\w+$/)
            .optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) =>
      listInvoices(ctx.db, stripeClient(), { workspaceId: ctx.workspace.id, startingAfter: input.cursor }),
    ),
  /** Subscribe (Checkout) or change the plan of a live subscription; 3 starts a minute per user. */
  checkout: protectedProcedure.input(ZStartCheckoutInput).mutation(async ({ ctx, input }) => {
    await limitCheckoutStarts(ctx.db, ctx.user.id);
    return startCheckout(ctx.db, stripeClient(), {
      workspaceId: ctx.workspace.id,
      userId: ctx.user.id,
      input,
    });
  }),
  portal: protectedProcedure.mutation(({ ctx }) =>
    openBillingPortal(ctx.db, stripeClient(), { workspaceId: ctx.workspace.id, userId: ctx.user.id }),
  ),
  cancel: protectedProcedure.input(z.object({ atPeriodEnd: z.boolean() })).mutation(({ ctx, input }) =>
    cancelSubscription(ctx.db, stripeClient(), {
      workspaceId: ctx.workspace.id,
      userId: ctx.user.id,
      atPeriodEnd: input.atPeriodEnd,
    }),
  ),
});
