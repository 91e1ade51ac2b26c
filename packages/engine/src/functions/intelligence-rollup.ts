import {
  BUCKET_MS,
  bucketOf,
  checkBudgetAlerts,
  detectAnomalies,
  dispatchAlerts,
  ensureRulesForFailingWorkspaces,
  evaluateAlertRules,
  isStabilizing,
  privacyGate,
  rollupRecent,
} from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

export interface IntelligenceOptions {
  /** Only these scopes' alert rules and alerts (tests); default all. */
  alertScopes?: string[];
}

/**
 * `intelligence.rollup`: every five minutes, recomputes the last three closed five-minute buckets
 * (late rows correct their bucket; a rerun of a tick rewrites the same rows), judges the bucket that
 * just closed for anomalies (stored once per series and bucket; paused in stabilize mode; workspaces
 * whose owner objects to profiling are not judged on their own), then checks the alert rules on it
 * (workspaces' failure spikes included) and the month's budgets (80% and 100%).
 */
export function intelligenceRollupFunction(db: DbOrTx, opts: IntelligenceOptions = {}) {
  return defineFunction({
    id: 'intelligence.rollup',
    trigger: { cron: '*/5 * * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ payload, io }) => {
      const now = new Date(payload.tick);
      const rollup = await io.step('rollup', () => rollupRecent(db, { now }));
      const bucketStart = new Date(bucketOf(now).getTime() - BUCKET_MS);
      // Anomaly detection is not critical: it pauses in stabilize mode (rollups and alerts go on).
      const anomalies = await io.step('anomalies', async () =>
        (await isStabilizing(db))
          ? null
          : (await detectAnomalies(db, { bucketStart, gate: privacyGate(db) })).length,
      );
      // Workspaces failing at the spike threshold get their own rules before the rules are judged.
      await io.step('workspace-rules', () =>
        ensureRulesForFailingWorkspaces(db, bucketStart, opts.alertScopes),
      );
      const fired = await io.step('alert-rules', () =>
        evaluateAlertRules(db, { bucketStart, scopes: opts.alertScopes }),
      );
      const budgetAlerts = await io.step('budget-alerts', () =>
        checkBudgetAlerts(db, { now, scopes: opts.alertScopes }),
      );
      return { ...rollup, anomalies, fired, budgetAlerts };
    },
  });
}

/** `alerts.dispatch`: every minute, sends due notifications (quiet hours permitting) and escalations. */
export function alertsDispatchFunction(db: DbOrTx, opts: IntelligenceOptions = {}) {
  return defineFunction({
    id: 'alerts.dispatch',
    trigger: { cron: '* * * * *' },
    payload: ZCronTick,
    retries: 0,
    handler: ({ payload, io }) =>
      io.step('dispatch', () =>
        dispatchAlerts(db, { now: new Date(payload.tick), scopes: opts.alertScopes }),
      ),
  });
}
