import {
  adminAcknowledgeAlert,
  adminCreateAlertRule,
  adminResolveAlert,
  getStabilizeState,
  listAlertRules,
  listAlerts,
  readSeries,
  ZAdminAlertActionInput,
  ZAdminCreateAlertRuleInput,
  ZListAlertsInput,
  ZReadSeriesInput,
} from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

/**
 * Alerts and their rules, the rollup series charts read, and stabilize mode (admin console).
 * Acknowledging, resolving and adding a rule each say why (audited with the reason).
 */
export const adminAlertsRouter = createTRPCRouter({
  list: adminProcedure.input(ZListAlertsInput).query(({ ctx, input }) => listAlerts(ctx.db, input)),
  acknowledge: adminProcedure
    .input(ZAdminAlertActionInput)
    .mutation(({ ctx, input }) => adminAcknowledgeAlert(ctx.db, { actor: ctx.user.id, input })),
  resolve: adminProcedure
    .input(ZAdminAlertActionInput)
    .mutation(({ ctx, input }) => adminResolveAlert(ctx.db, { actor: ctx.user.id, input })),
  rules: adminProcedure.query(({ ctx }) => listAlertRules(ctx.db)),
  createRule: adminProcedure
    .input(ZAdminCreateAlertRuleInput)
    .mutation(({ ctx, input }) => adminCreateAlertRule(ctx.db, { actor: ctx.user.id, input })),
  series: adminProcedure.input(ZReadSeriesInput).query(({ ctx, input }) => readSeries(ctx.db, input)),
  /** Stabilize mode now: active, since when, why (status page and console). */
  stabilize: adminProcedure.query(({ ctx }) => getStabilizeState(ctx.db)),
});
