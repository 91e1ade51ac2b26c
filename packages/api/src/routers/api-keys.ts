import {
  apiKeyLimits,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  rotateApiKey,
  ZApiKeyResource,
  ZCreateApiKeyInput,
  ZRotateApiKeyInput,
} from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const ZKeyRef = z.object({ id: z.string().min(1).max(64) });
const ZCreated = z.object({ key: ZApiKeyResource, plaintext: z.string() });

/** API key management: signed-in users only (never with an API key); changes are for owners (core rules). */
export const apiKeysRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.workspace.id)),
  /** The most requests per minute a new key may have in this workspace. */
  limits: protectedProcedure
    .output(z.object({ max_rate_limit_per_min: z.number().int() }))
    .query(({ ctx }) => apiKeyLimits(ctx.db, ctx.workspace.id)),
  create: protectedProcedure
    .input(ZCreateApiKeyInput)
    .output(ZCreated)
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, input }),
    ),
  rotate: protectedProcedure
    .input(ZKeyRef.extend(ZRotateApiKeyInput.shape))
    .output(ZCreated)
    .mutation(({ ctx, input: { id, ...rest } }) =>
      rotateApiKey(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, keyId: id, input: rest }),
    ),
  revoke: protectedProcedure
    .input(ZKeyRef)
    .mutation(({ ctx, input }) =>
      revokeApiKey(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, keyId: input.id }),
    ),
});
