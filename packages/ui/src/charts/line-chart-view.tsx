'use client';

import { CartesianGrid, Line, LineChart as RechartsLineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { lineProps, surfaceProps, tooltipProps, xAxisProps, yAxisProps } from './chart-parts';
import type { ChartProps } from './chart-types';

/** Rows Recharts draws: one per category, one key per series. */
export function chartRows({
  categories,
  series,
  value,
}: Pick<ChartProps, 'categories' | 'series' | 'value'>) {
  return categories.map((c) => {
    const row: Record<string, string | number> = { id: c.id, label: c.label, title: c.title ?? c.label };
    for (const s of series) row[s.id] = value(c.id, s.id);
    return row;
  });
}

/** The Recharts drawing behind `LineChart` (loaded on demand: see ../charts.tsx). */
export function LineChartView(props: ChartProps) {
  const { series, formatValue, height = 220, integer = false } = props;
  return (
    <RechartsLineChart data={chartRows(props)} {...surfaceProps(height)}>
      <CartesianGrid vertical={false} stroke="#e3e5ee" />
      <XAxis {...xAxisProps} />
      <YAxis {...yAxisProps(formatValue, integer)} />
      <Tooltip {...tooltipProps(formatValue)} />
      {series.map((s, i) => (
        <Line key={s.id} {...lineProps(s, i, 2)} />
      ))}
    </RechartsLineChart>
  );
}

/** A small line with no axes: the shape of a series at a glance (health page). */
export function SparklineView(props: ChartProps) {
  const { series, formatValue, height = 40 } = props;
  return (
    <RechartsLineChart
      data={chartRows(props)}
      {...surfaceProps(height, { top: 2, right: 2, bottom: 2, left: 2 })}
    >
      <Tooltip {...tooltipProps(formatValue)} />
      {series.map((s, i) => (
        <Line key={s.id} {...lineProps(s, i, 1.5)} />
      ))}
    </RechartsLineChart>
  );
}
