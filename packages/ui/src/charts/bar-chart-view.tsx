'use client';

import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, Line } from '@visx/shape';
import {
  AXIS_MARGIN,
  Axes,
  HoverArea,
  hoveredCategory,
  PlotFrame,
  type TooltipRow,
  usePlot,
} from './chart-parts';
import { type ChartProps, seriesColour } from './chart-types';

/** The visx drawing behind `BarChart` / `StackedBarChart` (loaded on demand: see ../charts.tsx). */
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
  const plot = usePlot<TooltipRow>(height, AXIS_MARGIN);
  const { innerWidth, innerHeight } = plot;
  const drawn = (c: string, s: string) => (grouped ? value(c, s) : Math.max(0, value(c, s)));
  const all = categories.flatMap((c) => series.map((s) => drawn(c.id, s.id)));
  const negative = grouped && all.some((v) => v < 0);
  const max = grouped
    ? Math.max(0, ...all)
    : Math.max(0, ...categories.map((c) => series.reduce((sum, s) => sum + drawn(c.id, s.id), 0)));
  // The reference joins the scale only when it does not squash the bars into a sliver.
  const ref = reference && reference.value > 0 && max >= reference.value / 4 ? reference : null;
  const top = Math.max(max, ref?.value ?? 0);
  const y = scaleLinear<number>({
    domain: [negative ? Math.min(0, ...all) : 0, top > 0 ? top : 1],
    range: [innerHeight, 0],
    nice: true,
  });
  const x = scaleBand<string>({ domain: categories.map((c) => c.id), range: [0, innerWidth], padding: 0.2 });
  const inner = scaleBand<string>({
    domain: series.map((s) => s.id),
    range: [0, x.bandwidth()],
    padding: 0.1,
  });

  const bars = categories.flatMap((c) => {
    let base = 0;
    return series.map((s, i) => {
      const v = drawn(c.id, s.id);
      const [from, to] = grouped ? [Math.min(0, v), Math.max(0, v)] : [base, base + v];
      if (!grouped) base += v;
      const left = (x(c.id) ?? 0) + (grouped ? (inner(s.id) ?? 0) : 0);
      return (
        <Bar
          key={`${c.id}:${s.id}`}
          x={left}
          y={y(to)}
          width={grouped ? inner.bandwidth() : x.bandwidth()}
          height={Math.max(0, y(from) - y(to))}
          fill={seriesColour(i)}
        />
      );
    });
  });

  const hovered = hoveredCategory(plot, categories);
  return (
    <PlotFrame plot={plot}>
      <Group left={AXIS_MARGIN.left} top={AXIS_MARGIN.top}>
        <Axes
          x={x}
          y={y}
          integer={integer}
          innerWidth={innerWidth}
          innerHeight={innerHeight}
          categories={categories}
          formatValue={formatValue}
        />
        {hovered && (
          <rect
            x={(x(hovered.id) ?? 0) - (x.step() - x.bandwidth()) / 2}
            width={x.step()}
            height={innerHeight}
            fill="rgb(79 70 229 / 0.08)"
          />
        )}
        {bars}
        {negative && <Line from={{ x: 0, y: y(0) }} to={{ x: innerWidth, y: y(0) }} stroke="#475569" />}
        {ref && (
          <>
            <Line
              from={{ x: 0, y: y(ref.value) }}
              to={{ x: innerWidth, y: y(ref.value) }}
              stroke="#b45309"
              strokeDasharray="5 4"
            />
            <text x={innerWidth - 4} y={y(ref.value) - 4} textAnchor="end" fill="#92400e" fontSize={12}>
              {ref.label}
            </text>
          </>
        )}
        <HoverArea
          plot={plot}
          margin={AXIS_MARGIN}
          chart={{ categories, series, value, formatValue }}
          indexAt={(px) => Math.floor(px / x.step())}
          anchorX={(id) => (x(id) ?? 0) + x.bandwidth()}
        />
      </Group>
    </PlotFrame>
  );
}
