import { niceCeil } from './bar-chart';

export interface ChartSeries {
  id: string;
  label: string;
}

export interface StackedBarChartProps {
  /** One bar per category (e.g. a day), left to right. */
  categories: { id: string; label: string }[];
  /** The stacked segments, bottom to top; coloured in order (the palette repeats after 8). */
  series: ChartSeries[];
  /** The value of `series` in `category` (missing = 0). */
  value: (categoryId: string, seriesId: string) => number;
  formatValue: (value: number) => string;
  /** Accessible name of the chart. */
  label: string;
  height?: number;
  /** Shown across the plot when every value is 0. */
  emptyLabel?: string;
}

const WIDTH = 720;
const PAD = { top: 12, right: 12, bottom: 26, left: 64 };
export const SERIES_COLOURS = 8;

/** The CSS class giving series `index` its colour (bars and legend swatches). */
export const seriesClass = (index: number) => `series-${index % SERIES_COLOURS}`;

/** Dependency-free stacked bar chart as inline SVG, with a legend; scales to its container's width. */
export function StackedBarChart({
  categories,
  series,
  value,
  formatValue,
  label,
  height = 240,
  emptyLabel = 'Nothing yet',
}: StackedBarChartProps) {
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const totals = categories.map((c) => series.reduce((sum, s) => sum + Math.max(0, value(c.id, s.id)), 0));
  const max = niceCeil(Math.max(0, ...totals));
  const scale = (v: number) => (max > 0 ? (v / max) * innerH : 0);
  const slot = categories.length > 0 ? innerW / categories.length : innerW;
  const barW = Math.max(2, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(categories.length / 14));
  const ticks = max > 0 ? [0, max / 2, max] : [0];

  return (
    <div className="stack" style={{ gap: 8 }}>
      <svg
        className="bar-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={label}
        data-testid="stacked-bar-chart"
      >
        <title>{label}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line
              className="bar-chart-grid"
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={PAD.top + innerH - scale(t)}
              y2={PAD.top + innerH - scale(t)}
            />
            <text
              className="bar-chart-axis"
              x={PAD.left - 8}
              y={PAD.top + innerH - scale(t) + 4}
              textAnchor="end"
            >
              {formatValue(t)}
            </text>
          </g>
        ))}
        {categories.map((c, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let base = PAD.top + innerH;
          return (
            <g key={c.id}>
              {series.map((s, si) => {
                const v = Math.max(0, value(c.id, s.id));
                if (v === 0) return null;
                const h = Math.max(1.5, scale(v));
                base -= h;
                return (
                  <rect key={s.id} className={seriesClass(si)} x={x} y={base} width={barW} height={h}>
                    <title>{`${c.label} · ${s.label}: ${formatValue(v)}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text className="bar-chart-axis" x={x + barW / 2} y={height - 8} textAnchor="middle">
                  {c.label}
                </text>
              )}
            </g>
          );
        })}
        {max === 0 && (
          <text
            className="bar-chart-axis"
            x={PAD.left + innerW / 2}
            y={PAD.top + innerH / 2}
            textAnchor="middle"
          >
            {emptyLabel}
          </text>
        )}
      </svg>
      {series.length > 0 && (
        <ul className="chart-legend" aria-label={`${label}: legend`}>
          {series.map((s, si) => (
            <li key={s.id}>
              <span className={`legend ${seriesClass(si)}`} aria-hidden="true" /> {s.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
