import { mayReadDevMailbox } from '@levqor/config';
import { trustedRequestFacts } from '@levqor/config/app-server-proof';
import { getDevMail, listDevMail } from '@levqor/email';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc';

/**
 * The local dev mailbox (it holds every sign-in link). NOT_FOUND unless Levqor runs locally and the
 * caller's socket address is loopback, as the app server established it (`x-levqor-loopback` with the
 * app server's proof; a client's own copy of that header is removed before it gets here).
 */
const mailboxProcedure = publicProcedure.use(({ ctx, next }) => {
  const { loopback } = trustedRequestFacts((name) => ctx.headers.get(name));
  if (!mayReadDevMailbox(loopback)) throw new TRPCError({ code: 'NOT_FOUND', message: 'Not found' });
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
