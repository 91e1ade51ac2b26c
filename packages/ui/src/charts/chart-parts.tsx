'use client';

import { AxisBottom, AxisLeft } from '@visx/axis';
import { GridRows } from '@visx/grid';
import { useParentSize } from '@visx/responsive';
import type { scaleBand, scaleLinear, scalePoint } from '@visx/scale';
import { TooltipWithBounds, useTooltip } from '@visx/tooltip';
import type { PointerEvent, ReactNode } from 'react';
import { type ChartProps, seriesColour } from './chart-types';

/** What the visx drawings of every chart share: margins, axes, grid, the measured width, the tooltip. */

export type Linear = ReturnType<typeof scaleLinear<number>>;
type Categorical = ReturnType<typeof scaleBand<string>> | ReturnType<typeof scalePoint<string>>;

export const AXIS_MARGIN = { top: 12, right: 12, bottom: 24, left: 76 };
const TICK = { fill: '#4b5063', fontSize: 12, fontFamily: 'inherit' };
/** An estimate of a 12 px label's width per character (no text is measured: that costs a layout each). */
const CHAR_PX = 7;

/** Ticks of the value axis: about five, whole numbers only when `integer`. */
function valueTicks(y: Linear, integer: boolean): number[] {
  const ticks = y.ticks(5);
  return integer ? ticks.filter((t) => Number.isInteger(t)) : ticks;
}

/** Every n-th category label, so that labels keep a gap of 8 px at least (no label is measured). */
export function thinnedLabels(categories: ChartProps['categories'], step: number): string[] {
  const widest = Math.max(1, ...categories.map((c) => c.label.length)) * CHAR_PX + 8;
  const every = Math.max(1, Math.ceil(widest / Math.max(step, 1)));
  return categories.filter((_, i) => i % every === 0).map((c) => c.id);
}

/** The horizontal grid, the value axis on the left and the category axis along the bottom. */
export function Axes(props: {
  x: Categorical;
  y: Linear;
  integer: boolean;
  innerWidth: number;
  innerHeight: number;
  categories: ChartProps['categories'];
  formatValue: (v: number) => string;
}) {
  const { x, y, innerWidth, innerHeight, categories } = props;
  const yTicks = valueTicks(y, props.integer);
  const labelOf = new Map(categories.map((c) => [c.id, c.label]));
  return (
    <>
      <GridRows scale={y} width={innerWidth} tickValues={yTicks} stroke="#e3e5ee" />
      <AxisLeft
        scale={y}
        tickValues={yTicks}
        tickFormat={(v) => props.formatValue(Number(v))}
        hideTicks
        hideAxisLine
        tickLabelProps={{ ...TICK, textAnchor: 'end', dx: -4, dy: '0.33em' }}
      />
      <AxisBottom
        top={innerHeight}
        scale={x}
        tickValues={thinnedLabels(categories, x.step())}
        tickFormat={(id) => labelOf.get(id) ?? id}
        hideTicks
        stroke="#c9ccd8"
        tickLabelProps={{ ...TICK, textAnchor: 'middle', dy: '0.25em' }}
      />
    </>
  );
}

/** The plot's box: measures its width (the drawing waits for it) and holds the tooltip. */
export function usePlot<T>(height: number, margin: typeof AXIS_MARGIN) {
  const { parentRef, width } = useParentSize({
    debounceTime: 50,
    ignoreDimensions: ['height', 'top', 'left'],
  });
  const tooltip = useTooltip<T>();
  return {
    parentRef,
    width,
    height,
    innerWidth: Math.max(0, width - margin.left - margin.right),
    innerHeight: Math.max(0, height - margin.top - margin.bottom),
    tooltip,
    /** The pointer's x within the plot area. */
    plotX: (e: PointerEvent<SVGElement>) =>
      e.clientX -
      (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect().left -
      margin.left,
  };
}

export interface TooltipRow {
  /** The category's id (the one hovered). */
  id: string;
  title: string;
  values: { label: string; value: string; colour: string }[];
}

/** A category's values, one line per series in its colour. */
function tooltipRow(
  category: ChartProps['categories'][number],
  series: ChartProps['series'],
  value: ChartProps['value'],
  formatValue: ChartProps['formatValue'],
): TooltipRow {
  return {
    id: category.id,
    title: category.title ?? category.label,
    values: series.map((s, i) => ({
      label: s.label,
      value: formatValue(value(category.id, s.id)),
      colour: seriesColour(i),
    })),
  };
}

/** The plot's frame: the box measured for its width, the SVG once the width is known, the tooltip. */
export function PlotFrame({
  plot,
  children,
}: {
  plot: ReturnType<typeof usePlot<TooltipRow>>;
  children: ReactNode;
}) {
  const { tooltipOpen, tooltipData, tooltipLeft, tooltipTop } = plot.tooltip;
  return (
    <div ref={plot.parentRef} style={{ position: 'relative', width: '100%', height: plot.height }}>
      {plot.width > 0 && (
        <svg className="chart-surface" width={plot.width} height={plot.height} role="presentation">
          {children}
        </svg>
      )}
      {tooltipOpen && tooltipData && (
        <TooltipWithBounds
          left={tooltipLeft}
          top={tooltipTop}
          className="chart-tooltip"
          unstyled
          applyPositionStyle
        >
          <strong>{tooltipData.title}</strong>
          {tooltipData.values.map((v) => (
            <div key={v.label} style={{ color: v.colour }}>
              {v.label}: {v.value}
            </div>
          ))}
        </TooltipWithBounds>
      )}
    </div>
  );
}

/** The category the tooltip is open on, if any. */
export function hoveredCategory(
  plot: ReturnType<typeof usePlot<TooltipRow>>,
  categories: ChartProps['categories'],
) {
  const id = plot.tooltip.tooltipOpen ? plot.tooltip.tooltipData?.id : undefined;
  return categories.find((c) => c.id === id);
}

/**
 * A transparent layer over the plot area: the pointer's category (`indexAt` its x) opens the tooltip,
 * anchored at `anchorX` of that category; leaving closes it.
 */
export function HoverArea({
  plot,
  margin,
  chart,
  indexAt,
  anchorX,
}: {
  plot: ReturnType<typeof usePlot<TooltipRow>>;
  margin: typeof AXIS_MARGIN;
  chart: Pick<ChartProps, 'categories' | 'series' | 'value' | 'formatValue'>;
  indexAt: (x: number) => number;
  anchorX: (categoryId: string) => number;
}) {
  const { categories } = chart;
  return (
    <rect
      width={plot.innerWidth}
      height={plot.innerHeight}
      fill="transparent"
      onPointerMove={(e) => {
        const c = categories[Math.min(categories.length - 1, Math.max(0, indexAt(plot.plotX(e))))];
        if (!c) return;
        plot.tooltip.showTooltip({
          tooltipData: tooltipRow(c, chart.series, chart.value, chart.formatValue),
          tooltipLeft: margin.left + anchorX(c.id),
          tooltipTop: margin.top,
        });
      }}
      onPointerLeave={plot.tooltip.hideTooltip}
    />
  );
}
