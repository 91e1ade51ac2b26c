'use client';

import { LineChart, Sparkline, StackedBarChart } from './charts';
import { formatCents, formatDuration } from './format';

/** How a series' values read; a name instead of a function, so server components can pass it. */
export type ValueFormat = 'count' | 'cents' | 'ms' | 'ratio';

export interface PlainSeries {
  id: string;
  label: string;
  /** One value per category, in order. */
  values: readonly number[];
}

const FORMATS: Record<ValueFormat, (v: number) => string> = {
  count: (v) => v.toLocaleString('en', { maximumFractionDigits: 1 }),
  cents: (v) => formatCents(v),
  ms: (v) => formatDuration(v),
  ratio: (v) => `${(v * 100).toFixed(1)}%`,
};

export interface SeriesChartProps {
  kind: 'bar' | 'line';
  label: string;
  /** The category axis, e.g. days `2026-12-01` (shown as `12-01`). */
  categories: readonly string[];
  series: readonly PlainSeries[];
  format: ValueFormat;
  height?: number;
  emptyLabel?: string;
  /** Bars side by side, negatives below zero (`kind: 'bar'` only). */
  grouped?: boolean;
  testId?: string;
}

/**
 * A chart from plain data (arrays and names only): what a server-rendered page passes to a chart.
 * Bars stack when there are several series (unless `grouped`); lines compare them.
 */
export function SeriesChart({ kind, label, categories, series, format, ...rest }: SeriesChartProps) {
  const Chart = kind === 'bar' ? StackedBarChart : LineChart;
  const index = new Map(categories.map((c, i) => [c, i]));
  return (
    <Chart
      {...rest}
      label={label}
      categories={categories.map((c) => ({
        id: c,
        label: /^\d{4}-\d\d-\d\d$/.test(c) ? c.slice(5) : c,
        title: c,
      }))}
      series={series.map((s) => ({ id: s.id, label: s.label }))}
      value={(c, s) => series.find((x) => x.id === s)?.values[index.get(c) ?? -1] ?? 0}
      formatValue={FORMATS[format]}
      integer={format === 'count'}
    />
  );
}

/** A sparkline from plain points (ISO time, value), e.g. a five-minute rollup series. */
export function PointsSparkline({
  label,
  points,
  format,
  testId,
}: {
  label: string;
  points: readonly { t: string; v: number }[];
  format: ValueFormat;
  testId?: string;
}) {
  const byT = new Map(points.map((p) => [p.t, p.v]));
  return (
    <Sparkline
      label={label}
      testId={testId}
      emptyLabel="No data in the last 24 h"
      categories={points.map((p) => ({
        id: p.t,
        label: p.t.slice(11, 16),
        title: `${p.t.slice(0, 16).replace('T', ' ')} UTC`,
      }))}
      series={[{ id: 'v', label }]}
      value={(c) => byT.get(c) ?? 0}
      formatValue={FORMATS[format]}
    />
  );
}
