'use client';

import { ChartFrame } from './chart-frame';
import type { ChartProps } from './chart-types';
import { PlainBarChartView } from './plain-bar-chart-view';

/**
 * The same stacked bars drawn without Recharts (HTML and CSS, tooltips by the browser): part of the page's
 * HTML, no library loaded after it. For a chart near the top of a page, where loading and drawing Recharts
 * made the page busy for its first seconds on a phone. No reference line.
 */
export function PlainStackedBarChart(props: Omit<ChartProps, 'reference'>) {
  return <ChartFrame {...props} view={PlainBarChartView} eager defaultTestId="bar-chart" />;
}
