/** How a metric's values read: the unit decides formatting in explanations and alert messages. */
export type MetricUnit = 'count' | 'ms' | 'ratio' | 'cents' | 'tokens' | 'per_min';

/** Every metric the rollups record, with a label for people. Scope: `platform` or a workspace id. */
export const METRICS = {
  'jobs.created': { label: 'jobs submitted', unit: 'count' },
  'jobs.succeeded': { label: 'jobs succeeded', unit: 'count' },
  'jobs.failed': { label: 'jobs failed', unit: 'count' },
  'jobs.cancelled': { label: 'jobs cancelled', unit: 'count' },
  'jobs.error_rate': { label: 'job error rate', unit: 'ratio' },
  'jobs.duration_p50': { label: 'p50 duration', unit: 'ms' },
  'jobs.duration_p95': { label: 'p95 duration', unit: 'ms' },
  'jobs.duration_p99': { label: 'p99 duration', unit: 'ms' },
  'intake.per_min': { label: 'intake rate', unit: 'per_min' },
  'queue.depth': { label: 'queue depth', unit: 'count' },
  'ai.tokens': { label: 'AI tokens', unit: 'tokens' },
  'ai.spend_cents': { label: 'AI spend', unit: 'cents' },
  'api.requests': { label: 'API requests', unit: 'count' },
  'api.4xx': { label: 'API 4xx responses', unit: 'count' },
  'api.5xx': { label: 'API 5xx responses', unit: 'count' },
  'api.error_rate': { label: 'API error rate (5xx)', unit: 'ratio' },
  'api.intake_p99_ms': { label: 'p99 intake latency', unit: 'ms' },
  'webhooks.failures': { label: 'webhook failures', unit: 'count' },
} as const satisfies Record<string, { label: string; unit: MetricUnit }>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];
export const isMetricKey = (v: string): v is MetricKey => Object.hasOwn(METRICS, v);

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** A value as a person reads it: `2.4 s`, `310 ms`, `1.2%`, `$0.42`, `17`. */
export function formatMetricValue(metric: string, value: number): string {
  const unit: MetricUnit = isMetricKey(metric) ? METRICS[metric].unit : 'count';
  switch (unit) {
    case 'ms':
      return Math.abs(value) >= 1000 ? `${round(value / 1000, 1)} s` : `${Math.round(value)} ms`;
    case 'ratio':
      return `${round(value * 100, 2)}%`;
    case 'cents':
      return `$${(value / 100).toFixed(value < 100 ? 4 : 2)}`;
    case 'per_min':
      return `${round(value, 1)}/min`;
    default:
      return `${round(value, 1)}`;
  }
}

export const metricLabel = (metric: string): string => (isMetricKey(metric) ? METRICS[metric].label : metric);

/** The scope of platform-wide series. */
export const PLATFORM_SCOPE = 'platform';
