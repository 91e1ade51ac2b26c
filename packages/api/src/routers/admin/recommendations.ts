import {
  applyRecommendation,
  createStripeClient,
  dismissRecommendation,
  listRecommendations,
  type Stripe,
  ZDecideRecommendationInput,
  ZListRecommendationsInput,
} from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

let stripe: Stripe | null | undefined;
/** The Stripe API (real or the stand-in), created on first use; null when billing is off. */
const stripeClient = () => {
  if (stripe === undefined) stripe = createStripeClient();
  return stripe;
};

/** Recommendations an admin applies or dismisses (each with a reason, audited). */
export const adminRecommendationsRouter = createTRPCRouter({
  list: adminProcedure
    .input(ZListRecommendationsInput)
    .query(({ ctx, input }) => listRecommendations(ctx.db, input)),
  applyOne: adminProcedure
    .input(ZDecideRecommendationInput)
    .mutation(({ ctx, input }) =>
      applyRecommendation(ctx.db, { actor: ctx.user.id, input, stripe: stripeClient() }),
    ),
  dismiss: adminProcedure
    .input(ZDecideRecommendationInput)
    .mutation(({ ctx, input }) => dismissRecommendation(ctx.db, { actor: ctx.user.id, input })),
});
