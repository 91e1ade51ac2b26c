'use client';

import { curveMonotoneX } from '@visx/curve';
import { Group } from '@visx/group';
import { scaleLinear, scalePoint } from '@visx/scale';
import { Line, LinePath } from '@visx/shape';
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

const SPARK_MARGIN = { top: 2, right: 2, bottom: 2, left: 2 };

/** Lines over the categories, and the pointer's nearest category in the tooltip (with a guide line). */
function Lines({
  props,
  margin,
  strokeWidth,
  axes,
}: {
  props: ChartProps;
  margin: typeof AXIS_MARGIN;
  strokeWidth: number;
  axes: boolean;
}) {
  const { categories, series, value, formatValue, height = 220, integer = false } = props;
  const plot = usePlot<TooltipRow>(height, margin);
  const { innerWidth, innerHeight } = plot;
  const all = categories.flatMap((c) => series.map((s) => value(c.id, s.id)));
  const max = Math.max(0, ...all);
  const y = scaleLinear<number>({
    domain: [Math.min(0, ...all), max > 0 ? max : 1],
    range: [innerHeight, 0],
    nice: axes,
  });
  const x = scalePoint<string>({ domain: categories.map((c) => c.id), range: [0, innerWidth], padding: 0.5 });
  const hovered = hoveredCategory(plot, categories);
  return (
    <PlotFrame plot={plot}>
      <Group left={margin.left} top={margin.top}>
        {axes && (
          <Axes
            x={x}
            y={y}
            integer={integer}
            innerWidth={innerWidth}
            innerHeight={innerHeight}
            categories={categories}
            formatValue={formatValue}
          />
        )}
        {hovered && (
          <Line
            from={{ x: x(hovered.id) ?? 0, y: 0 }}
            to={{ x: x(hovered.id) ?? 0, y: innerHeight }}
            stroke="#c9ccd8"
          />
        )}
        {series.map((s, i) => (
          <LinePath
            key={s.id}
            data={categories}
            x={(c) => x(c.id) ?? 0}
            y={(c) => y(value(c.id, s.id))}
            curve={curveMonotoneX}
            stroke={seriesColour(i)}
            strokeWidth={strokeWidth}
            fill="none"
          />
        ))}
        <HoverArea
          plot={plot}
          margin={margin}
          chart={props}
          indexAt={(px) => Math.round(px / Math.max(x.step(), 1) - x.padding())}
          anchorX={(id) => x(id) ?? 0}
        />
      </Group>
    </PlotFrame>
  );
}

/** The visx drawing behind `LineChart` (loaded on demand: see ../charts.tsx). */
export function LineChartView(props: ChartProps) {
  return <Lines props={props} margin={AXIS_MARGIN} strokeWidth={2} axes />;
}

/** A small line with no axes: the shape of a series at a glance (health page). */
export function SparklineView(props: ChartProps) {
  return (
    <Lines
      props={{ ...props, height: props.height ?? 40 }}
      margin={SPARK_MARGIN}
      strokeWidth={1.5}
      axes={false}
    />
  );
}
