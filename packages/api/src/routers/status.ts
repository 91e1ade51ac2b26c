import {
  createStatusPageCache,
  fileSlaClaim,
  getSlaOverview,
  statusIncidents,
  ZFileSlaClaimInput,
} from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { z } from 'zod';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

const caches = new WeakMap<object, ReturnType<typeof createStatusPageCache>>();
/** One figures cache per database handle: the page is public, its 90-day figures are not free. */
function statusCache(db: DbOrTx) {
  let cache = caches.get(db);
  if (!cache) {
    cache = createStatusPageCache(db, {
      provider: process.env.LEVQOR_JOBS_PROVIDER === 'inngest' ? 'inngest' : 'local',
    });
    caches.set(db, cache);
  }
  return cache;
}

/** The public status page: cached figures (15 s) and the incidents as they stand (read each time). */
export const statusRouter = createTRPCRouter({
  page: publicProcedure.input(z.object({}).optional()).query(async ({ ctx }) => ({
    ...(await statusCache(ctx.db).get()),
    incidents: await statusIncidents(ctx.db),
  })),
});

/** SLA availability and credit claims of the signed-in user's workspace: members read, owners claim. */
export const slaRouter = createTRPCRouter({
  overview: protectedProcedure.input(z.object({}).optional()).query(async ({ ctx }) => ({
    role: ctx.membershipRole,
    months: await getSlaOverview(ctx.db, {
      workspaceId: ctx.workspace.id,
      owner: ctx.membershipRole === 'owner',
    }),
  })),
  fileClaim: protectedProcedure
    .input(ZFileSlaClaimInput)
    .mutation(({ ctx, input }) =>
      fileSlaClaim(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, month: input.month }),
    ),
});
