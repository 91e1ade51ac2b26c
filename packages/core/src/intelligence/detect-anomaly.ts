import { BUCKET_MS } from './buckets';
import { formatMetricValue, metricLabel } from './metrics';

export interface SeriesPoint {
  t: Date;
  v: number;
}

export interface AnomalyOptions {
  /** Trailing window (points) used when there is not enough seasonal history. Default 36 (3 h). */
  window: number;
  /** Fewest baseline samples to judge a point at all. Default 10 (never fewer). */
  minSamples: number;
  /** Days of same-hour history compared with. Default 28. */
  seasonDays: number;
  /** |z| above this flags the point. Default 3. */
  zThreshold: number;
  /** Tukey fences: Q1 − k·IQR, Q3 + k·IQR. Default 1.5. */
  iqrK: number;
  /** `either` (the rule: z or IQR) or `both` (z and IQR). Default `either`. */
  rule: 'either' | 'both';
  /** A point closer than this to the baseline median is never flagged (e.g. one failed job). Default 0. */
  minDeviation: number;
}

export const DEFAULT_ANOMALY_OPTIONS: AnomalyOptions = {
  window: 36,
  minSamples: 10,
  seasonDays: 28,
  zThreshold: 3,
  iqrK: 1.5,
  rule: 'either',
  minDeviation: 0,
};

export interface Baseline {
  samples: number[];
  /** What the point is compared with, for people: `Tuesdays 14:00 UTC`, `14:00 UTC on previous days`… */
  label: string;
  kind: 'weekly' | 'daily' | 'trailing';
}

export interface AnomalyVerdict {
  anomalous: boolean;
  value: number;
  mean: number;
  sd: number;
  z: number | null;
  q1: number;
  q3: number;
  lowFence: number;
  highFence: number;
  method: 'z' | 'iqr' | 'z+iqr' | null;
  baseline: Baseline;
}

const DAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
const hhmm = (t: Date) =>
  `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
const DAY_MS = 86_400_000;
/** Seasonal samples lie within this of the point's time of day (a centred hour). */
const SEASON_HALF_WIDTH_MS = 30 * 60_000;
const weekendish = (d: number) => d === 0 || d === 6;

/**
 * The samples a point is judged against, seasonality first — the same time of day (a centred hour,
 * ±30 min) on earlier days: the same weekday in earlier weeks when there are at least two weeks of
 * them; else previous days of the same kind (weekdays or weekend days); else all previous days; else
 * the trailing window. `history` must hold only points before `t` (any order).
 */
export function baselineFor(history: readonly SeriesPoint[], t: Date, opts: AnomalyOptions): Baseline {
  const min = Math.max(10, opts.minSamples);
  const now = t.getTime();
  const since = now - opts.seasonDays * DAY_MS;
  const day = t.getUTCDay();
  // Points at the same time of day (±30 min) on previous days: their distance from a whole number of days.
  const seasonal = history.filter((p) => {
    const age = now - p.t.getTime();
    if (p.t.getTime() < since || age < DAY_MS - SEASON_HALF_WIDTH_MS) return false;
    const off = age % DAY_MS;
    return Math.min(off, DAY_MS - off) <= SEASON_HALF_WIDTH_MS;
  });
  const dayOf = (p: SeriesPoint) =>
    new Date(Math.round((p.t.getTime() - now) / DAY_MS) * DAY_MS + now).getUTCDay();
  const weekly = seasonal.filter((p) => dayOf(p) === day);
  const perHour = 3_600_000 / BUCKET_MS;
  if (weekly.length >= Math.max(min, 2 * perHour))
    return { samples: weekly.map((p) => p.v), label: `${DAYS[day]} ${hhmm(t)} UTC`, kind: 'weekly' };
  // Weekdays and weekends differ: prefer days of the same kind when there are enough of them.
  const sameKind = seasonal.filter((p) => weekendish(dayOf(p)) === weekendish(day));
  if (sameKind.length >= min)
    return {
      samples: sameKind.map((p) => p.v),
      label: `${hhmm(t)} UTC on previous ${weekendish(day) ? 'weekend days' : 'weekdays'}`,
      kind: 'daily',
    };
  if (seasonal.length >= min)
    return { samples: seasonal.map((p) => p.v), label: `${hhmm(t)} UTC on previous days`, kind: 'daily' };
  const trailing = history
    .filter((p) => p.t.getTime() < now)
    .sort((a, b) => a.t.getTime() - b.t.getTime())
    .slice(-opts.window);
  return {
    samples: trailing.map((p) => p.v),
    label: `the previous ${trailing.length} five-minute buckets`,
    kind: 'trailing',
  };
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Judges one value against its baseline: z-score and Tukey fences. Null when the baseline is too small. */
export function judgePoint(value: number, baseline: Baseline, opts: AnomalyOptions): AnomalyVerdict | null {
  const xs = baseline.samples;
  if (xs.length < Math.max(10, opts.minSamples)) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
  const sorted = [...xs].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const median = quantile(sorted, 0.5);
  const iqr = q3 - q1;
  const lowFence = q1 - opts.iqrK * iqr;
  const highFence = q3 + opts.iqrK * iqr;
  const z = sd > 0 ? (value - mean) / sd : value === mean ? 0 : null;
  const zFlag = z === null ? value !== mean : Math.abs(z) > opts.zThreshold;
  const iqrFlag = value < lowFence || value > highFence;
  const big = Math.abs(value - median) >= opts.minDeviation;
  const flagged = big && (opts.rule === 'both' ? zFlag && iqrFlag : zFlag || iqrFlag);
  const method = !flagged ? null : zFlag && iqrFlag ? 'z+iqr' : zFlag ? 'z' : 'iqr';
  return { anomalous: flagged, value, mean, sd, z, q1, q3, lowFence, highFence, method, baseline };
}

/** "p95 duration 2.4 s vs 0.3–0.6 s usual for Tuesdays 14:00 UTC; 6.1σ" */
export function explainAnomaly(metric: string, v: AnomalyVerdict): string {
  const f = (x: number) => formatMetricValue(metric, x);
  const range = v.q1 === v.q3 ? f(v.q1) : `${f(v.q1)}–${f(v.q3)}`;
  const sigma =
    v.z === null ? 'the baseline never varied' : `${v.z >= 0 ? '' : '−'}${Math.abs(v.z).toFixed(1)}σ`;
  const fence =
    v.value > v.highFence
      ? `above the ${f(v.highFence)} fence`
      : v.value < v.lowFence
        ? `below the ${f(v.lowFence)} fence`
        : 'inside the IQR fences';
  return `${metricLabel(metric)} ${f(v.value)} vs ${range} usual for ${v.baseline.label}; ${sigma}, ${fence} (${v.baseline.samples.length} samples)`;
}

/** Whether the point at `t` is anomalous given everything before it. */
export function detectPoint(
  history: readonly SeriesPoint[],
  point: SeriesPoint,
  opts: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS,
): AnomalyVerdict | null {
  return judgePoint(point.v, baselineFor(history, point.t, opts), opts);
}
