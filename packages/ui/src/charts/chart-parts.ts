import { seriesColour } from './chart-types';

/** Recharts settings every chart of the apps shares: the surface, the axes, the tooltip and lines. */
const AXIS = { fill: '#4b5063', fontSize: 12 };

export const surfaceProps = (height: number, margin = { top: 12, right: 12, bottom: 0, left: 4 }) => ({
  responsive: true,
  style: { width: '100%', height },
  margin,
  accessibilityLayer: false,
  tabIndex: -1,
});

export const xAxisProps = {
  dataKey: 'label',
  tick: AXIS,
  tickLine: false,
  axisLine: { stroke: '#c9ccd8' },
  minTickGap: 8,
} as const;

export const yAxisProps = (formatValue: (v: number) => string, integer: boolean) => ({
  tick: AXIS,
  tickLine: false,
  axisLine: false,
  width: 72,
  allowDecimals: !integer,
  tickFormatter: (v: number) => formatValue(v),
});

export const tooltipProps = (formatValue: (v: number) => string) => ({
  formatter: (v: unknown, name: unknown) => [formatValue(Number(v)), String(name)] as [string, string],
  labelFormatter: (_: unknown, payload: readonly { payload?: { title?: unknown } }[] | undefined) =>
    String(payload?.[0]?.payload?.title ?? ''),
  isAnimationActive: false,
});

export const lineProps = (s: { id: string; label: string }, i: number, strokeWidth: number) => ({
  dataKey: s.id,
  name: s.label,
  type: 'monotone' as const,
  stroke: seriesColour(i),
  strokeWidth,
  dot: false,
  isAnimationActive: false,
});
