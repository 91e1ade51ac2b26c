import {
  acceptLegalDocuments,
  currentLegalDocuments,
  pendingLegalDocuments,
  publishLegalDocument,
  ZPublishLegalInput,
} from '@levqor/core';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

/** Versioned terms of service and privacy policy: read and accept. */
export const legalRouter = createTRPCRouter({
  current: publicProcedure.query(({ ctx }) => currentLegalDocuments(ctx.db)),
  pending: protectedProcedure.query(({ ctx }) => pendingLegalDocuments(ctx.db, ctx.user.id)),
  accept: protectedProcedure
    .input(z.object({ documentIds: z.array(z.string().min(1).max(64)).min(1).max(10) }))
    .mutation(({ ctx, input }) =>
      acceptLegalDocuments(ctx.db, {
        userId: ctx.user.id,
        documentIds: input.documentIds,
        ip: ctx.headers.get('x-levqor-client-ip'),
        userAgent: ctx.headers.get('user-agent'),
      }),
    ),
});

/** Publishing a version: an admin action (mounted as `admin.legal`). */
export const adminLegalRouter = createTRPCRouter({
  publish: adminProcedure
    .input(ZPublishLegalInput)
    .mutation(({ ctx, input }) => publishLegalDocument(ctx.db, { adminId: ctx.user.id, input })),
});
