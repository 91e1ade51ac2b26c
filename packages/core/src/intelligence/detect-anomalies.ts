import { type DbOrTx, metricAnomalies, sql } from '@levqor/db';
import { BUCKET_MS } from './buckets';
import {
  type AnomalyOptions,
  DEFAULT_ANOMALY_OPTIONS,
  detectPoint,
  explainAnomaly,
  type SeriesPoint,
} from './detect-anomaly';
import { isMetricKey, METRICS, type MetricUnit, PLATFORM_SCOPE } from './metrics';
import { ALLOW_ALL, objectingWorkspaces, type ProcessingGate } from './processing-gate';

/** Below these distances from the usual median a point is never an anomaly (one failed job is not news). */
export const MIN_DEVIATION: Record<MetricUnit, number> = {
  count: 3,
  ms: 50,
  ratio: 0.02,
  cents: 10,
  tokens: 1000,
  per_min: 1,
};

export interface StoredAnomaly {
  scope: string;
  metric: string;
  bucketStart: string;
  value: number;
  explanation: string;
}

/**
 * Judges every series point of `bucketStart` in the rollups against its own history (same time of day
 * on previous days, else the trailing window) and stores the anomalies with their explanation. A rerun
 * for the same bucket rewrites the same rows (one per scope, metric and bucket). A workspace whose owner
 * objects to profiling (the gate) is not judged on its own.
 */
export async function detectAnomalies(
  db: DbOrTx,
  opts: {
    bucketStart: Date;
    options?: Partial<AnomalyOptions> /** Objections (issue I); default allow. */;
    gate?: ProcessingGate;
  },
): Promise<StoredAnomaly[]> {
  const options = { ...DEFAULT_ANOMALY_OPTIONS, ...opts.options };
  const b = opts.bucketStart.toISOString();
  const since = new Date(opts.bucketStart.getTime() - options.seasonDays * 86_400_000).toISOString();
  const trailingFrom = new Date(opts.bucketStart.getTime() - options.window * BUCKET_MS).toISOString();
  // History of the series present in this bucket: only the points a baseline can use (the same hour
  // of the day, ±1 h, within the season; or the trailing window), so a 28-day season reads ~700 rows.
  const rows = await db.execute<{
    scope: string;
    metric: string;
    t: string;
    v: number;
    current: boolean;
  }>(sql`
    with cur as (
      select scope, metric, value from metric_rollups where bucket_start = ${b}::timestamptz
    )
    select r.scope, r.metric, r.bucket_start as t, r.value as v, r.bucket_start = ${b}::timestamptz as current
    from metric_rollups r join cur on cur.scope = r.scope and cur.metric = r.metric
    where r.bucket_start >= ${since}::timestamptz and r.bucket_start <= ${b}::timestamptz
      and (r.bucket_start >= ${trailingFrom}::timestamptz
        or abs(extract(epoch from (r.bucket_start::time - ${b}::timestamptz::time))) <= 3600
        or abs(extract(epoch from (r.bucket_start::time - ${b}::timestamptz::time))) >= 86400 - 3600)
  `);
  const series = new Map<
    string,
    { scope: string; metric: string; history: SeriesPoint[]; point?: SeriesPoint }
  >();
  for (const r of rows) {
    const key = `${r.scope}\u0000${r.metric}`;
    let s = series.get(key);
    if (!s) {
      s = { scope: r.scope, metric: r.metric, history: [] };
      series.set(key, s);
    }
    const p = { t: new Date(r.t), v: Number(r.v) };
    if (r.current) s.point = p;
    else s.history.push(p);
  }
  const scopes = [...new Set([...series.values()].map((s) => s.scope))].filter((s) => s !== PLATFORM_SCOPE);
  const objecting = await objectingWorkspaces(db, opts.gate ?? ALLOW_ALL, scopes, 'profiling');
  const found: StoredAnomaly[] = [];
  for (const s of series.values()) {
    if (!s.point || objecting.has(s.scope)) continue;
    const unit: MetricUnit = isMetricKey(s.metric) ? METRICS[s.metric].unit : 'count';
    const verdict = detectPoint(s.history, s.point, {
      ...options,
      minDeviation: opts.options?.minDeviation ?? MIN_DEVIATION[unit],
    });
    if (!verdict?.anomalous) continue;
    const explanation = explainAnomaly(s.metric, verdict);
    await db
      .insert(metricAnomalies)
      .values({
        scope: s.scope,
        metric: s.metric,
        bucketStart: opts.bucketStart,
        value: verdict.value,
        expectedLow: verdict.q1,
        expectedHigh: verdict.q3,
        zScore: verdict.z !== null && Number.isFinite(verdict.z) ? verdict.z : null,
        method: verdict.method!,
        explanation,
      })
      .onConflictDoUpdate({
        target: [metricAnomalies.scope, metricAnomalies.metric, metricAnomalies.bucketStart],
        set: {
          value: sql`excluded.value`,
          expectedLow: sql`excluded.expected_low`,
          expectedHigh: sql`excluded.expected_high`,
          zScore: sql`excluded.z_score`,
          method: sql`excluded.method`,
          explanation: sql`excluded.explanation`,
        },
      });
    found.push({ scope: s.scope, metric: s.metric, bucketStart: b, value: verdict.value, explanation });
  }
  return found;
}
