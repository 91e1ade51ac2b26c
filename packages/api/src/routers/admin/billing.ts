import {
  billingOverview,
  getBillingStatus,
  listBillingAttention,
  listStripeEvents,
  replayStripeEvent,
  restoreWorkspace,
  setWorkspacePlan,
  suspendWorkspace,
  ZAdminReason,
  ZBillingAttentionInput,
  ZListStripeEventsInput,
  ZReplayStripeEventInput,
  ZSetPlanInput,
  ZSuspensionInput,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../../trpc';

const ZWorkspace = z.object({ workspaceId: z.string().min(1) });
/** An override always says why (kept in the audit entry the core function writes). */
const ZOverride = ZSuspensionInput.omit({ actor: true }).extend({ reason: ZAdminReason });

/**
 * The admin console's billing: MRR and plan mix, workspaces in dunning or suspended, the Stripe event
 * log with replay, and the overrides (suspend, restore, set the plan) — each audited with its reason.
 */
export const adminBillingRouter = createTRPCRouter({
  status: adminProcedure
    .input(ZWorkspace)
    .query(({ ctx, input }) => getBillingStatus(ctx.db, input.workspaceId)),
  overview: adminProcedure.input(z.object({}).optional()).query(({ ctx }) => billingOverview(ctx.db)),
  attention: adminProcedure
    .input(ZBillingAttentionInput)
    .query(({ ctx, input }) => listBillingAttention(ctx.db, input)),
  stripeEvents: adminProcedure
    .input(ZListStripeEventsInput)
    .query(({ ctx, input }) => listStripeEvents(ctx.db, input)),
  replayStripeEvent: adminProcedure
    .input(ZReplayStripeEventInput)
    .mutation(({ ctx, input }) =>
      replayStripeEvent(ctx.db, { actor: ctx.user.id, events: ctx.events, input }),
    ),
  // An override that would change nothing (a stale page, another admin or a payment first) is a 409 that
  // says so; billing's own restore stays a quiet no-op.
  suspend: adminProcedure
    .input(ZOverride)
    .mutation(({ ctx, input }) =>
      suspendWorkspace(ctx.db, { ...input, actor: ctx.user.id }, { ifUnchanged: 'refuse' }),
    ),
  restore: adminProcedure
    .input(ZOverride)
    .mutation(({ ctx, input }) =>
      restoreWorkspace(ctx.db, { ...input, actor: ctx.user.id }, { ifUnchanged: 'refuse' }),
    ),
  setPlan: adminProcedure
    .input(ZSetPlanInput.omit({ actor: true }).extend({ reason: ZAdminReason }))
    .mutation(({ ctx, input }) => setWorkspacePlan(ctx.db, { ...input, actor: ctx.user.id })),
});
