import { confirmMarketing, marketingStatus, subscribeMarketing, unsubscribeAddress } from '@levqor/core';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

const consentContext = (headers: Headers, source: string) => ({
  source,
  ip: headers.get('x-levqor-client-ip'),
  userAgent: headers.get('user-agent'),
});

/** Marketing email consent (double opt-in). Subscribing is for the signed-in user's own address only. */
export const marketingRouter = createTRPCRouter({
  status: protectedProcedure.query(({ ctx }) => marketingStatus(ctx.db, ctx.user.email)),
  subscribe: protectedProcedure.mutation(({ ctx }) =>
    subscribeMarketing(ctx.db, {
      email: ctx.user.email,
      userId: ctx.user.id,
      ctx: consentContext(ctx.headers, 'settings-form'),
    }),
  ),
  unsubscribe: protectedProcedure.mutation(({ ctx }) =>
    unsubscribeAddress(ctx.db, { email: ctx.user.email, ctx: consentContext(ctx.headers, 'settings-form') }),
  ),
  /** The emailed link: no session needed (the token is the credential). */
  confirm: publicProcedure
    .input(z.object({ token: z.string().min(10).max(100) }))
    .mutation(({ ctx, input }) =>
      confirmMarketing(ctx.db, { token: input.token, ctx: consentContext(ctx.headers, 'email-link') }),
    ),
});
