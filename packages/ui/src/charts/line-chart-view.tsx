'use client';

import { CartesianGrid, Line, LineChart as RechartsLineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { type ChartProps, seriesColour } from './chart-types';

const AXIS = { fill: '#4b5063', fontSize: 12 };

/**
 * The Recharts drawing behind `LineChart` (loaded on demand: see ../charts.tsx). A value below 0 is a gap
 * (no point): a retention curve of a recent cohort simply ends, which draws the cohort triangle.
 */
export function LineChartView({
  categories,
  series,
  value,
  formatValue,
  height = 220,
  integer = false,
}: ChartProps) {
  const data = categories.map((c) => {
    const row: Record<string, string | number | null> = {
      id: c.id,
      label: c.label,
      title: c.title ?? c.label,
    };
    for (const s of series) {
      const v = value(c.id, s.id);
      row[s.id] = v < 0 ? null : v;
    }
    return row;
  });
  return (
    <RechartsLineChart
      data={data}
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
          type="monotone"
          dataKey={s.id}
          name={s.label}
          stroke={seriesColour(i)}
          strokeWidth={2}
          dot={{ r: 3 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </RechartsLineChart>
  );
}
