import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from './buckets';
import {
  type AnomalyOptions,
  DEFAULT_ANOMALY_OPTIONS,
  detectPoint,
  explainAnomaly,
  type SeriesPoint,
} from './detect-anomaly';

/** Deterministic PRNG (mulberry32) and normal deviates (Box–Muller). */
function rng(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

const START = Date.parse('2026-01-05T00:00:00Z'); // a Monday
const DAYS = 21;
// Judge points from day 8: the first weekend is a level shift no history predicts (it would be flagged,
// and rightly, but it is not an injected anomaly), so evaluation starts once a weekend has been seen.
const EVAL_FROM = 7 * 288;

interface Synthetic {
  metric: string;
  points: SeriesPoint[];
  injected: Set<number>;
}

/** A series with a daily cycle, a weekend dip and noise; `count` anomalies injected at 5–10σ. */
function synthetic(seed: number, metric: string, level: number, amp: number, noise: number, count: number) {
  const r = rng(seed);
  const expected: number[] = [];
  const sds: number[] = [];
  const points: SeriesPoint[] = [];
  for (let i = 0; i < DAYS * 288; i++) {
    const t = new Date(START + i * BUCKET_MS);
    const hour = t.getUTCHours() + t.getUTCMinutes() / 60;
    const weekend = t.getUTCDay() === 0 || t.getUTCDay() === 6 ? 0.6 : 1;
    const mu = weekend * (level + amp * Math.sin((2 * Math.PI * (hour - 8)) / 24));
    const sd = noise === 0 ? Math.sqrt(mu) : noise; // 0: count-like (Poisson-ish) noise
    expected.push(mu);
    sds.push(sd);
    points.push({ t, v: Math.max(0, mu + sd * r.normal()) });
  }
  const injected = new Set<number>();
  while (injected.size < count) {
    const i = EVAL_FROM + Math.floor(r.uniform() * (points.length - EVAL_FROM));
    if (injected.has(i)) continue;
    const size = 5 + 5 * r.uniform();
    const sign = r.uniform() < 0.7 ? 1 : -1;
    points[i]!.v = Math.max(0, expected[i]! + sign * size * sds[i]!);
    injected.add(i);
  }
  return { metric, points, injected } satisfies Synthetic;
}

const SET: Synthetic[] = [
  synthetic(1, 'jobs.duration_p95', 450, 150, 30, 12),
  synthetic(2, 'api.requests', 400, 250, 0, 12),
  synthetic(3, 'intake.per_min', 80, 40, 0, 12),
  synthetic(4, 'api.intake_p99_ms', 60, 10, 6, 12),
];

function evaluate(base: AnomalyOptions) {
  const opts = { ...base, seasonDays: 14 };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of SET) {
    for (let i = EVAL_FROM; i < s.points.length; i++) {
      // The history a 14-day season can use (the detector ignores anything older anyway).
      const v = detectPoint(s.points.slice(Math.max(0, i - 14 * 288), i), s.points[i]!, opts);
      const flagged = v?.anomalous ?? false;
      if (flagged && s.injected.has(i)) tp++;
      else if (flagged) fp++;
      else if (s.injected.has(i)) fn++;
    }
  }
  return { tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

describe('anomaly detection on synthetic series with injected anomalies', () => {
  it('reports precision and recall (z > 3 or outside the IQR fences, same-hour seasonal baseline)', () => {
    const either = evaluate(DEFAULT_ANOMALY_OPTIONS);
    const both = evaluate({ ...DEFAULT_ANOMALY_OPTIONS, rule: 'both' });
    const points = SET.reduce((n, s) => n + s.points.length - EVAL_FROM, 0);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `anomaly detection over ${points} points, ${SET.length * 12} injected (5–10σ):\n` +
        `  z>3 OR IQR (issue rule): precision ${pct(either.precision)}, recall ${pct(either.recall)} ` +
        `(TP ${either.tp}, FP ${either.fp}, FN ${either.fn})\n` +
        `  z>3 AND IQR:             precision ${pct(both.precision)}, recall ${pct(both.recall)} ` +
        `(TP ${both.tp}, FP ${both.fp}, FN ${both.fn})`,
    );
    expect(either.recall).toBeGreaterThanOrEqual(0.9);
    expect(both.recall).toBeGreaterThanOrEqual(0.85);
    expect(both.precision).toBeGreaterThan(either.precision);
    // Measured here (14-day season): 22.7% / 100% (either) and 52.8% / 97.9% (both); with the default
    // 28-day season over the whole history: 15.1% / 97.9% and 46.9% / 95.8%. Tukey's 1.5·IQR fences
    // alone flag ~0.7% of Gaussian noise, against 0.3% injected points: the OR rule is recall-first.
    expect(either.precision).toBeGreaterThanOrEqual(0.1);
    expect(both.precision).toBeGreaterThanOrEqual(0.35);
  }, 120_000);

  it('explains an anomaly in words and numbers against the same weekday and hour', () => {
    const history: SeriesPoint[] = [];
    // Three earlier Tuesdays 14:00–14:55 with p95 0.3–0.6 s.
    for (let w = 1; w <= 3; w++)
      for (let m = 0; m < 12; m++)
        history.push({
          t: new Date(Date.parse('2026-01-27T14:00:00Z') - w * 7 * 86_400_000 + m * BUCKET_MS),
          v: 300 + ((m * 37) % 300),
        });
    const v = detectPoint(history, { t: new Date('2026-01-27T14:10:00Z'), v: 2400 })!;
    expect(v.anomalous).toBe(true);
    expect(v.baseline.kind).toBe('weekly');
    const text = explainAnomaly('jobs.duration_p95', v);
    expect(text).toMatch(
      /^p95 duration 2\.4 s vs \d+ ms–\d+ ms usual for Tuesdays 14:10 UTC; \d+\.\dσ, above the \d+ ms fence \(\d+ samples\)$/,
    );
  });

  it('needs at least ten samples and respects the minimum deviation', () => {
    const few = Array.from({ length: 9 }, (_, i) => ({ t: new Date(START + i * BUCKET_MS), v: 1 }));
    expect(detectPoint(few, { t: new Date(START + 9 * BUCKET_MS), v: 100 })).toBeNull();
    const zeros = Array.from({ length: 20 }, (_, i) => ({ t: new Date(START + i * BUCKET_MS), v: 0 }));
    const next = { t: new Date(START + 20 * BUCKET_MS), v: 1 };
    expect(detectPoint(zeros, next)?.anomalous).toBe(true);
    expect(detectPoint(zeros, next, { ...DEFAULT_ANOMALY_OPTIONS, minDeviation: 3 })?.anomalous).toBe(false);
  });
});
