'use client';

import dynamic from 'next/dynamic';
import { ChartFrame } from './charts/chart-frame';
import type { ChartProps, ChartSeries } from './charts/chart-types';

export { type ChartCategory, type ChartProps, type ChartSeries, SERIES_COLOURS } from './charts/chart-types';

// The drawings (visx) load after the page: they stay out of every page's first-load JavaScript.
const BarChartView = dynamic(() => import('./charts/bar-chart-view').then((m) => m.BarChartView), {
  ssr: false,
  loading: () => null,
});
const LineChartView = dynamic(() => import('./charts/line-chart-view').then((m) => m.LineChartView), {
  ssr: false,
  loading: () => null,
});
const SparklineView = dynamic(() => import('./charts/line-chart-view').then((m) => m.SparklineView), {
  ssr: false,
  loading: () => null,
});

/**
 * A bar chart (stacked when there are several series) drawn with visx, the one chart library of the
 * three apps. The drawing is hidden from assistive technology; its data table is read instead.
 */
export function StackedBarChart(props: ChartProps) {
  return <ChartFrame {...props} view={BarChartView} defaultTestId="bar-chart" />;
}

/** Lines, one per series (e.g. AI spend against revenue per day), drawn with visx; same data table. */
export function LineChart(props: ChartProps) {
  return <ChartFrame {...props} view={LineChartView} defaultTestId="line-chart" />;
}

/** A small line without axes (one series), with its numbers in a hidden table like every chart. */
export function Sparkline(props: Omit<ChartProps, 'legend'>) {
  return (
    <ChartFrame
      {...props}
      height={props.height ?? 40}
      legend={false}
      view={SparklineView}
      defaultTestId="sparkline"
    />
  );
}

export interface BarDatum {
  label: string;
  value: number;
  /** Tooltip and data-table name; defaults to `label`. */
  title?: string;
}

const ONE: ChartSeries[] = [{ id: 'value', label: 'Value' }];

/** One series of bars: `data` in order. */
export function BarChart({
  data,
  seriesLabel,
  ...rest
}: Omit<ChartProps, 'categories' | 'series' | 'value'> & { data: BarDatum[]; seriesLabel?: string }) {
  const byId = new Map(data.map((d, i) => [String(i), d.value]));
  return (
    <StackedBarChart
      {...rest}
      categories={data.map((d, i) => ({ id: String(i), label: d.label, title: d.title }))}
      series={seriesLabel ? [{ id: 'value', label: seriesLabel }] : ONE}
      value={(c) => byId.get(c) ?? 0}
    />
  );
}
