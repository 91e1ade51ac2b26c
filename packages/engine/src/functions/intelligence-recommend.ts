import { computeRecommendations } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';
import { workerConcurrency } from '../process';

/** Default of LEVQOR_AUTOSCALE_SPEND_LIMIT_CENTS: $100 of AI spend a day. */
export const DEFAULT_AUTOSCALE_SPEND_LIMIT_CENTS = 10_000;

/**
 * `intelligence.recommend`: daily at 00:40 UTC (after the ledger), the day's pricing, discount and
 * autoscale recommendations from the days before it — one per kind, subject and day (a rerun rewrites
 * the open ones, never a decided one). Not critical: it pauses in stabilize mode.
 */
export function intelligenceRecommendFunction(
  db: DbOrTx,
  env: Record<string, string | undefined> = process.env,
) {
  return defineFunction({
    id: 'intelligence.recommend',
    trigger: { cron: '40 0 * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ payload, io }) => {
      const day = new Date(payload.tick).toISOString().slice(0, 10);
      const written = await io.step('recommend', () =>
        computeRecommendations(db, {
          day,
          defaultConcurrency: workerConcurrency(env as NodeJS.ProcessEnv),
          spendLimitCents: Number(
            env.LEVQOR_AUTOSCALE_SPEND_LIMIT_CENTS || DEFAULT_AUTOSCALE_SPEND_LIMIT_CENTS,
          ),
        }),
      );
      return { day, written };
    },
  });
}
