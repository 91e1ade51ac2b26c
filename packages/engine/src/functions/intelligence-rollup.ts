import { BUCKET_MS, bucketOf, detectAnomalies, rollupRecent } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

/**
 * `intelligence.rollup`: every five minutes, recomputes the last three closed five-minute buckets
 * (late rows correct their bucket; a rerun of a tick rewrites the same rows), then judges the bucket
 * that just closed for anomalies (stored once per series and bucket).
 */
export function intelligenceRollupFunction(db: DbOrTx) {
  return defineFunction({
    id: 'intelligence.rollup',
    trigger: { cron: '*/5 * * * *' },
    payload: ZCronTick,
    retries: 2,
    handler: async ({ payload, io }) => {
      const now = new Date(payload.tick);
      const rollup = await io.step('rollup', () => rollupRecent(db, { now }));
      const bucketStart = new Date(bucketOf(now).getTime() - BUCKET_MS);
      const anomalies = await io.step(
        'anomalies',
        async () => (await detectAnomalies(db, { bucketStart })).length,
      );
      return { ...rollup, anomalies };
    },
  });
}
