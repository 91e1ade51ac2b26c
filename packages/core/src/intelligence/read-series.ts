import { and, asc, type DbOrTx, eq, gte, lt, metricRollups } from '@levqor/db';
import { z } from 'zod';
import { METRIC_KEYS } from './metrics';

export const ZReadSeriesInput = z.object({
  scope: z.string().min(1).max(64),
  metric: z.enum(METRIC_KEYS as [string, ...string[]]),
  from: z.coerce.date(),
  to: z.coerce.date(),
});
export type ReadSeriesInput = z.input<typeof ZReadSeriesInput>;

/** One series from the rollups (what charts read), oldest first. At most 7 days of 5-minute points. */
export async function readSeries(db: DbOrTx, raw: ReadSeriesInput) {
  const input = ZReadSeriesInput.parse(raw);
  const from = new Date(Math.max(input.from.getTime(), input.to.getTime() - 7 * 86_400_000));
  const rows = await db
    .select({ t: metricRollups.bucketStart, v: metricRollups.value })
    .from(metricRollups)
    .where(
      and(
        eq(metricRollups.scope, input.scope),
        eq(metricRollups.metric, input.metric),
        gte(metricRollups.bucketStart, from),
        lt(metricRollups.bucketStart, input.to),
      ),
    )
    .orderBy(asc(metricRollups.bucketStart));
  return rows.map((r) => ({ t: r.t.toISOString(), v: r.v }));
}
