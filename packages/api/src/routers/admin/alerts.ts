import {
  acknowledgeAlert,
  createAlertRule,
  getStabilizeState,
  listAlertRules,
  listAlerts,
  readSeries,
  resolveAlert,
  ZAlertIdInput,
  ZCreateAlertRuleInput,
  ZListAlertsInput,
  ZReadSeriesInput,
} from '@levqor/core';
import { adminProcedure, createTRPCRouter } from '../../trpc';

/** Alerts and their rules, the rollup series charts read, and stabilize mode (admin console). */
export const adminAlertsRouter = createTRPCRouter({
  list: adminProcedure.input(ZListAlertsInput).query(({ ctx, input }) => listAlerts(ctx.db, input)),
  acknowledge: adminProcedure
    .input(ZAlertIdInput)
    .mutation(({ ctx, input }) => acknowledgeAlert(ctx.db, { alertId: input.id, userId: ctx.user.id })),
  resolve: adminProcedure
    .input(ZAlertIdInput)
    .mutation(({ ctx, input }) => resolveAlert(ctx.db, { alertId: input.id, userId: ctx.user.id })),
  rules: adminProcedure.query(({ ctx }) => listAlertRules(ctx.db)),
  createRule: adminProcedure
    .input(ZCreateAlertRuleInput)
    .mutation(({ ctx, input }) => createAlertRule(ctx.db, { userId: ctx.user.id, input })),
  series: adminProcedure.input(ZReadSeriesInput).query(({ ctx, input }) => readSeries(ctx.db, input)),
  /** Stabilize mode now: active, since when, why (status page and console). */
  stabilize: adminProcedure.query(({ ctx }) => getStabilizeState(ctx.db)),
});
