import {
  cancelErasure,
  confirmErasure,
  createObjection,
  keySubject,
  listObjections,
  listPrivacyRequests,
  PRIVACY_PURPOSES,
  PURPOSE_LABELS,
  requestErasure,
  requestExport,
  sendDownloadCode,
  withdrawObjection,
  ZObjectionInput,
  ZObjectionResource,
} from '@levqor/core';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, protectedProcedure, workspaceProcedure } from '../trpc';

const TAG = 'Privacy';
const ZId = z.string().min(1).max(64);

/** Whose privacy: the signed-in user, or the person an API key speaks for (core/privacy/key-subject). */
async function subject(ctx: { db: Parameters<typeof keySubject>[0]; actor: string; workspaceId: string }) {
  return ctx.actor.startsWith('key_')
    ? keySubject(ctx.db, { keyId: ctx.actor, workspaceId: ctx.workspaceId })
    : ctx.actor;
}

const ZExportRequested = z.object({ id: z.string(), due_at: z.date() });

export const privacyRouter = createTRPCRouter({
  /** The settings page: requests with their deadlines, objections, and what each purpose means. */
  overview: protectedProcedure.query(async ({ ctx }) => ({
    requests: await listPrivacyRequests(ctx.db, ctx.user.id),
    objections: await listObjections(ctx.db, ctx.user.id),
    purposes: PRIVACY_PURPOSES.map((p) => ({ purpose: p, label: PURPOSE_LABELS[p] })),
  })),
  requestExport: workspaceProcedure
    .meta(
      rest('POST', '/privacy/export', {
        scope: 'privacy:write',
        tag: TAG,
        summary: 'Request a data export (Art. 15/20)',
        description:
          'Builds a ZIP of everything Levqor holds about the key’s user and mails it to them (attached up to 5 MB, otherwise a download link that needs their session and a one-time code). One request per 24 hours.',
        errors: [403, 404],
      }),
    )
    .input(z.object({}).optional())
    .output(ZExportRequested)
    .mutation(async ({ ctx }) => {
      const { id, dueAt } = await requestExport(ctx.db, { userId: await subject(ctx), events: ctx.events });
      await ctx.events.flush();
      return { id, due_at: dueAt };
    }),
  sendDownloadCode: protectedProcedure
    .input(z.object({ requestId: ZId }))
    .mutation(({ ctx, input }) =>
      sendDownloadCode(ctx.db, { userId: ctx.user.id, requestId: input.requestId }),
    ),
  requestErasure: protectedProcedure.mutation(({ ctx }) => requestErasure(ctx.db, { userId: ctx.user.id })),
  confirmErasure: protectedProcedure
    .input(z.object({ token: z.string().min(10).max(100) }))
    .mutation(({ ctx, input }) => confirmErasure(ctx.db, { userId: ctx.user.id, token: input.token })),
  cancelErasure: protectedProcedure
    .input(z.object({ requestId: ZId }))
    .mutation(({ ctx, input }) => cancelErasure(ctx.db, { userId: ctx.user.id, requestId: input.requestId })),
  listObjections: workspaceProcedure
    .meta(
      rest('GET', '/privacy/objections', {
        scope: 'privacy:read',
        tag: TAG,
        summary: 'List objections and opt-outs (Art. 21)',
        errors: [403],
      }),
    )
    .input(z.object({}).optional())
    .output(z.object({ data: z.array(ZObjectionResource) }))
    .query(async ({ ctx }) => ({ data: await listObjections(ctx.db, await subject(ctx)) })),
  createObjection: workspaceProcedure
    .meta(
      rest('POST', '/privacy/objections', {
        scope: 'privacy:write',
        tag: TAG,
        summary: 'Object to a purpose of processing (Art. 21)',
        description: `Purposes: ${PRIVACY_PURPOSES.map((p) => `\`${p}\` (${PURPOSE_LABELS[p]})`).join('; ')}. Objecting again to the same purpose returns the active objection.`,
        errors: [400, 403],
      }),
    )
    .input(ZObjectionInput)
    .output(ZObjectionResource)
    .mutation(async ({ ctx, input }) =>
      createObjection(ctx.db, {
        userId: await subject(ctx),
        actor: ctx.actor,
        source: ctx.actor.startsWith('key_') ? 'api' : 'ui',
        input,
      }),
    ),
  withdrawObjection: workspaceProcedure
    .meta(
      rest('POST', '/privacy/objections/{id}/withdraw', {
        scope: 'privacy:write',
        tag: TAG,
        summary: 'Withdraw an objection',
        errors: [403, 404],
      }),
    )
    .input(z.object({ id: ZId }))
    .output(ZObjectionResource)
    .mutation(async ({ ctx, input }) =>
      withdrawObjection(ctx.db, { userId: await subject(ctx), actor: ctx.actor, objectionId: input.id }),
    ),
});
