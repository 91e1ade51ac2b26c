export interface ChartSeries {
  id: string;
  label: string;
}

export interface ChartCategory {
  id: string;
  /** Shown on the axis (thinned out when there are many). */
  label: string;
  /** Longer name for the tooltip and the data table, e.g. a full date; defaults to `label`. */
  title?: string;
}

export interface ChartProps {
  /** Accessible name of the chart (also the caption of its data table). */
  label: string;
  /** One bar per category, left to right. */
  categories: ChartCategory[];
  /** Stacked segments, bottom to top, coloured in order (the palette repeats after 8). */
  series: ChartSeries[];
  /** The value of `series` in `category` (missing = 0). */
  value: (categoryId: string, seriesId: string) => number;
  formatValue: (value: number) => string;
  height?: number;
  /** A dashed horizontal line, e.g. the daily pace that would use the whole budget. */
  reference?: { value: number; label: string };
  /** Shown across the plot when every value is 0. */
  emptyLabel?: string;
  /** Bars side by side instead of stacked, negative values drawn below zero (e.g. revenue, cost, margin). */
  grouped?: boolean;
  /** Whole numbers only on the value axis (counts of things). */
  integer?: boolean;
  /** Draw the legend under the chart (default: when there are several series). */
  legend?: boolean;
  testId?: string;
}

/** Series colours, in order; each has at least 3:1 contrast with white (WCAG non-text contrast). */
export const SERIES_COLOURS = [
  '#4f46e5',
  '#0e7490',
  '#b45309',
  '#15803d',
  '#be185d',
  '#7c3aed',
  '#475569',
  '#c2410c',
] as const;

export const seriesColour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length]!;
