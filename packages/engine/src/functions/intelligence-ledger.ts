import { billedRevenue, computeDailyLedger, isStabilizing } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * `intelligence.ledger`: daily at 00:20 UTC, the cost and profitability ledger of the two previous
 * UTC days (the second catches up a day skipped in stabilize mode, when this non-critical cron pauses).
 * Revenue is what was billed for the day: the subscription's share plus the day's metered overage.
 */
export function intelligenceLedgerFunction(db: DbOrTx) {
  return defineFunction({
    id: 'intelligence.ledger',
    trigger: { cron: '20 0 * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ payload, io }) => {
      if (await io.step('paused', () => isStabilizing(db))) return { paused: true };
      const t = new Date(payload.tick).getTime();
      const days = [dayOf(t - 2 * 86_400_000), dayOf(t - 86_400_000)];
      const rows = await io.step('ledger', async () => {
        let n = 0;
        const revenue = billedRevenue(db);
        for (const day of days) n += await computeDailyLedger(db, { day, revenue });
        return n;
      });
      return { days, rows };
    },
  });
}
