'use client';

import dynamic from 'next/dynamic';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { type ChartProps, type ChartSeries, seriesColour } from './charts/chart-types';

export { type ChartCategory, type ChartProps, type ChartSeries, SERIES_COLOURS } from './charts/chart-types';

// Recharts is loaded after the page: it stays out of every page's first-load JavaScript.
const BarChartView = dynamic(() => import('./charts/bar-chart-view').then((m) => m.BarChartView), {
  ssr: false,
  loading: () => null,
});
const LineChartView = dynamic(() => import('./charts/line-chart-view').then((m) => m.LineChartView), {
  ssr: false,
  loading: () => null,
});

/**
 * True once `ref` comes within 300 px of the viewport (and from then on): a chart below the fold loads and
 * draws only when it is about to be seen, not while the page is still starting.
 */
function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    if (typeof IntersectionObserver === 'undefined') return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '300px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}

/** The chart's numbers as a table, for screen readers (and for tests to read what the chart shows). */
function ChartTable({ label, categories, series, value, formatValue }: ChartProps) {
  return (
    // In a wrapper: a table does not shrink to the 1 px of .sr-only and would widen the page.
    <div className="sr-only">
      <table>
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">—</th>
            {series.map((s) => (
              <th key={s.id} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.id} data-category={c.id}>
              <th scope="row">{c.title ?? c.label}</th>
              {series.map((s) => (
                <td key={s.id} data-series={s.id} data-value={value(c.id, s.id)}>
                  {formatValue(value(c.id, s.id))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A bar chart (stacked when there are several series) drawn with Recharts, the one chart library of the
 * three apps. The drawing is hidden from assistive technology; its data table is read instead.
 */
export function StackedBarChart(props: ChartProps) {
  const { label, series, height = 220, emptyLabel = 'Nothing yet', testId = 'bar-chart' } = props;
  const empty = props.categories.every((c) => series.every((s) => props.value(c.id, s.id) <= 0));
  const legend = props.legend ?? series.length > 1;
  const plot = useRef<HTMLDivElement>(null);
  const visible = useNearViewport(plot);
  return (
    <figure className="chart" data-testid={testId} aria-label={label}>
      <div ref={plot} className="chart-plot" style={{ height }} aria-hidden="true">
        {visible && <BarChartView {...props} />}
        {empty && <div className="chart-empty">{emptyLabel}</div>}
      </div>
      <ChartTable {...props} />
      {legend && (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.id}>
              <span className="legend" style={{ background: seriesColour(i) }} /> {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

export interface BarDatum {
  label: string;
  value: number;
  /** Tooltip and data-table name; defaults to `label`. */
  title?: string;
}

const ONE: ChartSeries[] = [{ id: 'value', label: 'Value' }];

/** One series of bars: `data` in order. */
export function BarChart({
  data,
  seriesLabel,
  ...rest
}: Omit<ChartProps, 'categories' | 'series' | 'value'> & { data: BarDatum[]; seriesLabel?: string }) {
  const byId = new Map(data.map((d, i) => [String(i), d.value]));
  return (
    <StackedBarChart
      {...rest}
      categories={data.map((d, i) => ({ id: String(i), label: d.label, title: d.title }))}
      series={seriesLabel ? [{ id: 'value', label: seriesLabel }] : ONE}
      value={(c) => byId.get(c) ?? 0}
    />
  );
}

/**
 * Lines, one per series, over the categories (Recharts); a value below 0 leaves a gap. Like the bar
 * charts, the drawing is hidden from assistive technology and its data table is read instead.
 */
export function LineChart(props: ChartProps) {
  const { label, series, height = 220, emptyLabel = 'Nothing yet', testId = 'line-chart' } = props;
  const empty = props.categories.every((c) => series.every((s) => props.value(c.id, s.id) <= 0));
  const plot = useRef<HTMLDivElement>(null);
  const visible = useNearViewport(plot);
  return (
    <figure className="chart" data-testid={testId} aria-label={label}>
      <div ref={plot} className="chart-plot" style={{ height }} aria-hidden="true">
        {visible && <LineChartView {...props} />}
        {empty && <div className="chart-empty">{emptyLabel}</div>}
      </div>
      <ChartTable {...props} />
      {(props.legend ?? series.length > 1) && (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.id}>
              <span className="legend" style={{ background: seriesColour(i) }} /> {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
