import {
  acknowledgeWorkspaceAlert,
  getWorkspaceAlertSettings,
  listWorkspaceAlerts,
  setWorkspaceAlertChannel,
  setWorkspaceFailureThreshold,
  ZAlertIdInput,
  ZWorkspaceAlertChannel,
  ZWorkspaceAlertsInput,
  ZWorkspaceFailureThreshold,
} from '@levqor/core';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** A workspace's alerts (dashboard `/dashboard/alerts`): members read; owners acknowledge and route them. */
export const alertsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(ZWorkspaceAlertsInput)
    .query(({ ctx, input }) =>
      listWorkspaceAlerts(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, input }),
    ),
  settings: protectedProcedure.query(({ ctx }) =>
    getWorkspaceAlertSettings(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id }),
  ),
  acknowledge: protectedProcedure.input(ZAlertIdInput).mutation(({ ctx, input }) =>
    acknowledgeWorkspaceAlert(ctx.db, {
      workspaceId: ctx.workspace.id,
      userId: ctx.user.id,
      alertId: input.id,
    }),
  ),
  setChannel: protectedProcedure
    .input(ZWorkspaceAlertChannel)
    .mutation(({ ctx, input }) =>
      setWorkspaceAlertChannel(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, input }),
    ),
  /** Failed jobs within 5 minutes that raise the failure-spike alert (owners; 1–10,000). */
  setFailureThreshold: protectedProcedure
    .input(ZWorkspaceFailureThreshold)
    .mutation(({ ctx, input }) =>
      setWorkspaceFailureThreshold(ctx.db, { workspaceId: ctx.workspace.id, userId: ctx.user.id, input }),
    ),
});
