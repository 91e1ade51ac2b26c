'use client';

import { type ComponentType, type RefObject, useEffect, useRef, useState } from 'react';
import { type ChartProps, seriesColour } from './chart-types';

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

/** What every chart shares: the plot drawn once near the viewport, the empty line, the table, the legend. */
export function ChartFrame(
  props: ChartProps & {
    view: ComponentType<ChartProps>;
    defaultTestId: string;
    /** Drawn with the page (a view that loads nothing), not once near the viewport. */
    eager?: boolean;
  },
) {
  const { view: View, defaultTestId, eager = false, ...chart } = props;
  const { label, series, height = 220, emptyLabel = 'Nothing yet', testId = defaultTestId } = chart;
  const empty = chart.categories.every((c) => series.every((s) => chart.value(c.id, s.id) <= 0));
  const legend = chart.legend ?? series.length > 1;
  const plot = useRef<HTMLDivElement>(null);
  const visible = useNearViewport(plot);
  return (
    <figure className="chart" data-testid={testId} aria-label={label}>
      <div ref={plot} className="chart-plot" style={{ height }} aria-hidden="true">
        {(eager || visible) && <View {...chart} />}
        {empty && <div className="chart-empty">{emptyLabel}</div>}
      </div>
      <ChartTable {...chart} />
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
