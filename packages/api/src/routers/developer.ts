import {
  getApiUsage,
  listApiKeys,
  listWebhookDeliveries,
  redeliverWebhook,
  revealWebhookSecret,
  rotateWebhookSecret,
  sendTestWebhook,
  ZListDeliveriesInput,
  ZSendTestWebhookInput,
  ZTestWebhookResult,
  ZWebhookDeliveryPage,
  ZWebhookDeliveryResource,
} from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const ZSecret = z.object({ secret: z.string() });

/** The developer portal: webhook secret and deliveries, API usage. Signed-in users only. */
export const developerRouter = createTRPCRouter({
  /** The signing secret: a mutation because every reveal is audited; owners only (core rule). */
  revealWebhookSecret: protectedProcedure
    .output(ZSecret)
    .mutation(({ ctx }) =>
      revealWebhookSecret(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id }),
    ),
  rotateWebhookSecret: protectedProcedure
    .output(ZSecret)
    .mutation(({ ctx }) =>
      rotateWebhookSecret(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id }),
    ),
  deliveries: protectedProcedure
    .input(ZListDeliveriesInput.default({ limit: 20 }))
    .output(ZWebhookDeliveryPage)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, ctx.workspace.id, input)),
  redeliver: protectedProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(ZWebhookDeliveryResource)
    .mutation(({ ctx, input }) =>
      redeliverWebhook(ctx.db, ctx.events, ctx.workspace.id, ctx.user.id, input.id),
    ),
  /** Delivers a signed sample event to a URL now (same signing and SSRF guard) and returns the answer. */
  sendTestWebhook: protectedProcedure
    .input(ZSendTestWebhookInput)
    .output(ZTestWebhookResult)
    .mutation(({ ctx, input }) =>
      sendTestWebhook(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, input }),
    ),
  /** Requests per day per key and errors by status; `keys` names every key the chart mentions. */
  apiUsage: protectedProcedure
    .input(z.object({ days: z.number().int().min(1).max(90).default(14) }).default({ days: 14 }))
    .query(async ({ ctx, input }) => {
      const [usage, keys] = await Promise.all([
        getApiUsage(ctx.db, ctx.workspace.id, input.days),
        listApiKeys(ctx.db, ctx.workspace.id),
      ]);
      return {
        ...usage,
        keys: keys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, status: k.status })),
      };
    }),
});
