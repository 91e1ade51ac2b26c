import { StackedBarChart, useHydrated } from '@levqor/ui';
import type { HealthWindow } from '../api-types';

const SERIES = [
  { id: 'succeeded', label: 'Succeeded' },
  { id: 'failed', label: 'Failed' },
  { id: 'cancelled', label: 'Cancelled' },
  { id: 'live', label: 'Queued or running' },
] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Bucket label in the viewer's time zone (`utc`: in UTC, for the server's HTML): the hour ("14:00") for
 * 24 h, the day ("12-03") for 7 d.
 */
function labelOf(window: HealthWindow['window'], iso: string, zone: 'local' | 'utc'): string {
  const d = new Date(iso);
  if (zone === 'utc') return d.toISOString().slice(window === '24h' ? 11 : 5, window === '24h' ? 16 : 10);
  return window === '24h'
    ? `${pad(d.getHours())}:${pad(d.getMinutes())}`
    : `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Jobs created per hour (24 h) or per day (7 d), stacked by their status now. */
export function ThroughputChart({ health }: { health: HealthWindow }) {
  const buckets = new Map(health.throughput.map((b) => [b.end, b]));
  const unit = health.window === '24h' ? 'hour' : 'day';
  const zone = useHydrated() ? 'local' : 'utc';
  return (
    <StackedBarChart
      testId="throughput-chart"
      label={`Jobs created per ${unit}, last ${health.window === '24h' ? '24 hours' : '7 days'}, by status`}
      categories={health.throughput.map((b) => ({
        id: b.end,
        label: labelOf(health.window, b.end, zone),
        title: `${labelOf(health.window, b.start, zone)} – ${labelOf(health.window, b.end, zone)}`,
      }))}
      series={[...SERIES]}
      integer
      value={(end, series) => {
        const b = buckets.get(end);
        if (!b) return 0;
        return series === 'live' ? b.queued + b.running : b[series as 'succeeded' | 'failed' | 'cancelled'];
      }}
      formatValue={(v) => String(Math.round(v * 100) / 100)}
      emptyLabel="No jobs in this window"
    />
  );
}
