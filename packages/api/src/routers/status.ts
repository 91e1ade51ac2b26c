import {
  createStatusPageCache,
  fileSlaClaim,
  getSlaOverview,
  getStabilizeState,
  keySubject,
  listWorkspaceSlaClaims,
  statusIncidents,
  toSlaClaimResource,
  ZFileSlaClaimInput,
  ZListSlaClaimsPageInput,
  ZSlaClaimPage,
  ZSlaClaimResource,
} from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, protectedProcedure, publicProcedure, workspaceProcedure } from '../trpc';

const TAG = 'SLA';

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

/**
 * The public status page: cached figures (15 s); the incidents and stabilize mode as they stand (read each
 * time: the notice appears and goes with the mode, not up to 15 s later).
 */
export const statusRouter = createTRPCRouter({
  page: publicProcedure.input(z.object({}).optional()).query(async ({ ctx }) => {
    const [figures, incidents, stabilize] = await Promise.all([
      statusCache(ctx.db).get(),
      statusIncidents(ctx.db),
      getStabilizeState(ctx.db),
    ]);
    return { ...figures, incidents, stabilize };
  }),
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
  /** REST: the caller's workspace's claims, newest first. */
  listClaims: workspaceProcedure
    .meta(
      rest('GET', '/sla/claims', {
        scope: 'sla:read',
        tag: TAG,
        summary: 'List SLA credit claims',
        description:
          'The credit claims filed for this workspace, newest first, with their status and the decision once made. Follow `next_cursor` for older ones.',
        errors: [400, 403],
      }),
    )
    .input(ZListSlaClaimsPageInput)
    .output(ZSlaClaimPage)
    .query(({ ctx, input }) => listWorkspaceSlaClaims(ctx.db, { workspaceId: ctx.workspaceId, input })),
  /**
   * REST: files a claim as the dashboard does (same domain function and rules), on behalf of the key's
   * creator while a member, else the workspace owner: only an owner may claim.
   */
  createClaim: workspaceProcedure
    .meta(
      rest('POST', '/sla/claims', {
        scope: 'sla:write',
        tag: TAG,
        summary: 'File an SLA credit claim',
        description:
          'Claims the service credit due for `month` (YYYY-MM): the month must have ended less than 30 days ago, its measured availability be below the 99.5% target and the workspace have paid a fee for it. The figures are computed when filed; one claim per month. Filed for the key’s creator, who must own the workspace.',
        errors: [400, 403],
      }),
    )
    .input(ZFileSlaClaimInput)
    .output(ZSlaClaimResource)
    .mutation(async ({ ctx, input }) => {
      const userId = ctx.actor.startsWith('key_')
        ? await keySubject(ctx.db, { keyId: ctx.actor, workspaceId: ctx.workspaceId })
        : ctx.actor;
      const claim = await fileSlaClaim(ctx.db, { workspaceId: ctx.workspaceId, userId, month: input.month });
      return toSlaClaimResource(claim);
    }),
});
