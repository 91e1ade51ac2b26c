import { rollupRecent } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

/**
 * `intelligence.rollup`: every five minutes, recomputes the last three closed five-minute buckets
 * (late rows correct their bucket; a rerun of a tick rewrites the same rows).
 */
export function intelligenceRollupFunction(db: DbOrTx) {
  return defineFunction({
    id: 'intelligence.rollup',
    trigger: { cron: '*/5 * * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ payload, io }) => {
      const now = new Date(payload.tick);
      return io.step('rollup', () => rollupRecent(db, { now }));
    },
  });
}
