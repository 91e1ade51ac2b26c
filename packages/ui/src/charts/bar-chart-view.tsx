'use client';

import {
  Bar,
  CartesianGrid,
  BarChart as RechartsBarChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { surfaceProps, tooltipProps, xAxisProps, yAxisProps } from './chart-parts';
import { type ChartProps, seriesColour } from './chart-types';

/** The Recharts drawing behind `BarChart` / `StackedBarChart` (loaded on demand: see ../charts.tsx). */
export function BarChartView({
  categories,
  series,
  value,
  formatValue,
  height = 220,
  reference,
  integer = false,
  grouped = false,
}: ChartProps) {
  const data = categories.map((c) => {
    const row: Record<string, string | number> = { id: c.id, label: c.label, title: c.title ?? c.label };
    for (const s of series) row[s.id] = grouped ? value(c.id, s.id) : Math.max(0, value(c.id, s.id));
    return row;
  });
  const negative = grouped && data.some((row) => series.some((s) => Number(row[s.id]) < 0));
  const max = Math.max(0, ...data.map((row) => series.reduce((sum, s) => sum + Number(row[s.id]), 0)));
  // The reference joins the scale only when it does not squash the bars into a sliver.
  const ref = reference && reference.value > 0 && max >= reference.value / 4 ? reference : null;
  return (
    <RechartsBarChart data={data} {...surfaceProps(height)}>
      <CartesianGrid vertical={false} stroke="#e3e5ee" />
      <XAxis {...xAxisProps} />
      <YAxis
        {...yAxisProps(formatValue, integer)}
        domain={
          negative
            ? [(dataMin: number) => Math.min(0, dataMin), (dataMax: number) => Math.max(0, dataMax)]
            : [0, ref ? (dataMax: number) => Math.max(dataMax, ref.value) : 'auto']
        }
      />
      <Tooltip cursor={{ fill: 'rgb(79 70 229 / 0.08)' }} {...tooltipProps(formatValue)} />
      {series.map((s, i) => (
        <Bar
          key={s.id}
          dataKey={s.id}
          name={s.label}
          stackId={grouped ? undefined : 'stack'}
          fill={seriesColour(i)}
          isAnimationActive={false}
          radius={grouped || i === series.length - 1 ? [2, 2, 0, 0] : 0}
        />
      ))}
      {negative && <ReferenceLine y={0} stroke="#475569" />}
      {ref && (
        <ReferenceLine
          y={ref.value}
          stroke="#b45309"
          strokeDasharray="5 4"
          label={{ value: ref.label, position: 'insideTopRight', fill: '#92400e', fontSize: 12 }}
        />
      )}
    </RechartsBarChart>
  );
}
