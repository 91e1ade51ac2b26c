import {
  approveSlaClaim,
  createIncident,
  createStripeClient,
  listIncidents,
  listSlaClaims,
  rejectSlaClaim,
  type Stripe,
  updateIncident,
  ZCreateIncidentInput,
  ZDecideSlaClaimInput,
  ZListSlaClaimsInput,
  ZUpdateIncidentInput,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../../trpc';

let stripe: Stripe | null | undefined;
const stripeClient = () => {
  if (stripe === undefined) stripe = createStripeClient();
  return stripe;
};

/** Status-page incidents: every change asks why and is audited. */
export const adminIncidentsRouter = createTRPCRouter({
  list: adminProcedure
    .input(z.object({}).optional())
    .query(({ ctx }) => listIncidents(ctx.db, { historyDays: 365 })),
  create: adminProcedure
    .input(ZCreateIncidentInput)
    .mutation(({ ctx, input }) => createIncident(ctx.db, { actor: ctx.user.id, input })),
  update: adminProcedure
    .input(ZUpdateIncidentInput)
    .mutation(({ ctx, input }) => updateIncident(ctx.db, { actor: ctx.user.id, input })),
});

/** SLA credit claims: approve (credit recorded, Stripe balance credit) or reject (owner emailed). */
export const adminSlaClaimsRouter = createTRPCRouter({
  list: adminProcedure.input(ZListSlaClaimsInput).query(({ ctx, input }) => listSlaClaims(ctx.db, input)),
  approve: adminProcedure
    .input(ZDecideSlaClaimInput)
    .mutation(({ ctx, input }) => approveSlaClaim(ctx.db, stripeClient(), { actor: ctx.user.id, input })),
  reject: adminProcedure
    .input(ZDecideSlaClaimInput)
    .mutation(({ ctx, input }) => rejectSlaClaim(ctx.db, { actor: ctx.user.id, input })),
});
