'use client';

import { useEffect, useRef, useState } from 'react';
import { type ChartProps, seriesColour } from './chart-types';

/** The plot's margins, the value axis' width and the category axis' height, as the Recharts charts have. */
const MARGIN = { top: 12, right: 12, left: 4 };
const Y_AXIS = 72;
const X_AXIS = 30;
/** Room for one category label ("14:00", "12-03") and the gap Recharts keeps between two. */
const LABEL_PX = 42;

/** Five round ticks from 0 covering `max` (Recharts' "nice" ticks). */
export function ticksFor(max: number, integer: boolean): number[] {
  if (!(max > 0)) return [0, 1, 2, 3, 4];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const n = rough / magnitude;
  let step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude;
  if (integer) step = Math.max(1, Math.ceil(step));
  return [0, 1, 2, 3, 4].map((i) => Math.round(i * step * 1e9) / 1e9);
}

/** The width of the element, once known (ResizeObserver); `fallback` on the server and before. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * Stacked bars drawn with HTML and CSS, in the look of the Recharts bar chart: rendered with the page (on
 * the server too), so the page that shows it loads no chart library and nothing moves when it appears.
 * Each bar's numbers are its tooltip (the browser's own); the data table beside it is what screen readers
 * and tests read. No reference line: use `StackedBarChart` (Recharts) for that.
 */
export function PlainBarChartView({ categories, series, value, formatValue, integer = false }: ChartProps) {
  const stacks = categories.map((c) => series.map((s) => Math.max(0, value(c.id, s.id))));
  const max = Math.max(0, ...stacks.map((v) => v.reduce((a, b) => a + b, 0)));
  const ticks = ticksFor(max, integer);
  const top = ticks[ticks.length - 1]!;
  const pct = (v: number) => `${(v / top) * 100}%`;
  // Category labels thinned out to fit, the last one always shown (Recharts' "preserveEnd").
  const axis = useWidth(280);
  const every = Math.max(1, Math.ceil((categories.length * LABEL_PX) / Math.max(1, axis.width)));
  return (
    <div
      className="plain-chart"
      style={{ top: MARGIN.top, right: MARGIN.right, left: MARGIN.left + Y_AXIS, bottom: 0 }}
    >
      <div className="plain-chart-area" style={{ bottom: X_AXIS }}>
        {ticks.map((t) => (
          <div key={t} className="plain-chart-tick" style={{ bottom: pct(t) }}>
            <span>{formatValue(t)}</span>
          </div>
        ))}
        <div className="plain-chart-bars">
          {categories.map((c, ci) => (
            <div
              key={c.id}
              className="plain-chart-band"
              title={[
                c.title ?? c.label,
                ...series.map((s, si) => `${s.label}: ${formatValue(stacks[ci]![si]!)}`),
              ].join('\n')}
            >
              <div className="plain-chart-stack">
                {series.map((s, si) =>
                  stacks[ci]![si]! > 0 ? (
                    <div
                      key={s.id}
                      style={{
                        height: pct(stacks[ci]![si]!),
                        background: seriesColour(si),
                        borderRadius: si === series.length - 1 ? '2px 2px 0 0' : 0,
                      }}
                    />
                  ) : null,
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
      <div ref={axis.ref} className="plain-chart-x" style={{ height: X_AXIS }}>
        {categories.map((c, i) => (
          <span key={c.id}>{(categories.length - 1 - i) % every === 0 ? c.label : ''}</span>
        ))}
      </div>
    </div>
  );
}
