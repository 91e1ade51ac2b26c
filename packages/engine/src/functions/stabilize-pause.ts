import { isStabilizing } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import type { FunctionDefinition } from '../define-function';

/**
 * Crons that keep running in stabilize mode: the ones that watch the platform (health, SLO, rollups,
 * alerts), take money (billing), keep legal deadlines (privacy exports, erasures, retention), or report
 * on a period of their own tick (the daily summary and the weekly governance report: one light run per
 * period, and a skipped tick's period would never be reported — a week of stabilize mode is exactly what
 * the governance report must show). Every other cron — the ledger, recommendations — is non-critical and
 * pauses while stabilizing; each catches up on its next run (they compute whole periods, idempotently).
 */
export const CRITICAL_CRONS: ReadonlySet<string> = new Set([
  'health.record',
  'stabilize.check',
  'intelligence.rollup',
  'alerts.dispatch',
  'billing.dunning',
  'billing.reconcile',
  'privacy.erasures',
  'retention.apply',
  'intelligence.daily-summary',
  'intelligence.weekly-report',
]);

/**
 * Wraps a non-critical cron so that a tick in stabilize mode does nothing (first step, memoized: the
 * same answer on a retry, on both engines). Event-triggered functions and critical crons pass unchanged.
 */
// biome-ignore lint/suspicious/noExplicitAny: applied over a heterogeneous list of definitions
export function pauseInStabilizeMode<D extends FunctionDefinition<any>>(db: DbOrTx, def: D): D {
  if (!('cron' in def.trigger) || CRITICAL_CRONS.has(def.id)) return def;
  return {
    ...def,
    handler: async (ctx) => {
      if (await ctx.io.step('stabilize-pause', () => isStabilizing(db))) {
        ctx.io.log.info('paused: stabilize mode (non-critical cron)');
        return { paused: 'stabilize mode' };
      }
      return def.handler(ctx);
    },
  };
}
