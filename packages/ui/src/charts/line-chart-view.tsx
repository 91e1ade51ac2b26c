'use client';

import { CartesianGrid, Line, LineChart as RechartsLineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { type ChartProps, seriesColour } from './chart-types';

const AXIS = { fill: '#4b5063', fontSize: 12 };

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
    <RechartsLineChart
      data={chartRows(props)}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 12, right: 12, bottom: 0, left: 4 }}
      accessibilityLayer={false}
      tabIndex={-1}
    >
      <CartesianGrid vertical={false} stroke="#e3e5ee" />
      <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: '#c9ccd8' }} minTickGap={8} />
      <YAxis
        tick={AXIS}
        tickLine={false}
        axisLine={false}
        width={72}
        allowDecimals={!integer}
        tickFormatter={(v: number) => formatValue(v)}
      />
      <Tooltip
        formatter={(v, name) => [formatValue(Number(v)), String(name)]}
        labelFormatter={(_, payload) => String(payload?.[0]?.payload?.title ?? '')}
        isAnimationActive={false}
      />
      {series.map((s, i) => (
        <Line
          key={s.id}
          dataKey={s.id}
          name={s.label}
          type="monotone"
          stroke={seriesColour(i)}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </RechartsLineChart>
  );
}

/** A small line with no axes: the shape of a series at a glance (health page). */
export function SparklineView(props: ChartProps) {
  const { series, height = 40 } = props;
  return (
    <RechartsLineChart
      data={chartRows(props)}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
      accessibilityLayer={false}
      tabIndex={-1}
    >
      {series.map((s, i) => (
        <Line
          key={s.id}
          dataKey={s.id}
          type="monotone"
          stroke={seriesColour(i)}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </RechartsLineChart>
  );
}
