import { isDevMailboxEnabled } from '@levqor/config';
import { getDevMail, listDevMail } from '@levqor/email';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** The local dev mailbox; answers NOT_FOUND whenever the mailbox is off (real deployments). */
const mailboxProcedure = publicProcedure.use(({ next }) => {
  if (!isDevMailboxEnabled()) throw new TRPCError({ code: 'NOT_FOUND', message: 'The dev mailbox is off' });
  return next();
});

export const devMailboxRouter = createTRPCRouter({
  list: mailboxProcedure
    .input(
      z.object({ cursor: z.string().max(64).nullish(), limit: z.number().int().min(1).max(100).default(50) }),
    )
    .query(({ ctx, input }) => listDevMail(ctx.db, input)),
  get: mailboxProcedure.input(z.object({ id: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
    const mail = await getDevMail(ctx.db, input.id);
    if (!mail) throw new TRPCError({ code: 'NOT_FOUND', message: 'Message not found' });
    return mail;
  }),
});
