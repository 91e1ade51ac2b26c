export interface BarDatum {
  /** Shown under the bar (thinned out when there are many). */
  label: string;
  value: number;
  /** Tooltip; defaults to "label: formatted value". */
  title?: string;
}

export interface BarChartProps {
  data: BarDatum[];
  formatValue: (value: number) => string;
  /** Accessible name of the chart. */
  label: string;
  /**
   * A dashed horizontal line, e.g. the daily pace that would use the whole budget; drawn when the bars
   * reach at least a quarter of it (otherwise they would be squashed to nothing).
   */
  reference?: { value: number; label: string };
  height?: number;
  /** Shown across the plot when every value is 0. */
  emptyLabel?: string;
}

const WIDTH = 720;

/** The smallest 1 / 2 / 2.5 / 5 × 10ⁿ at or above `v`, so axis labels read as round numbers. */
export function niceCeil(v: number): number {
  if (v <= 0) return 0;
  const pow = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * pow >= v * (1 - 1e-12)) ?? 10) * pow;
}
const PAD = { top: 12, right: 12, bottom: 26, left: 64 };

/** Dependency-free bar chart as inline SVG; scales to its container's width. */
export function BarChart({
  data,
  formatValue,
  label,
  reference,
  height = 220,
  emptyLabel = 'Nothing yet',
}: BarChartProps) {
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const dataMax = Math.max(0, ...data.map((d) => d.value));
  // The reference joins the scale only when it does not squash the bars into a sliver.
  const ref = reference && reference.value > 0 && dataMax >= reference.value / 4 ? reference : null;
  const max = niceCeil(Math.max(dataMax, ref?.value ?? 0));
  const y = (v: number) => PAD.top + innerH - (max > 0 ? (v / max) * innerH : 0);
  const slot = data.length > 0 ? innerW / data.length : innerW;
  const barW = Math.max(2, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(data.length / 12));
  const ticks = max > 0 ? [0, max / 2, max] : [0];

  return (
    <svg
      className="bar-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={label}
      data-testid="bar-chart"
    >
      <title>{label}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line className="bar-chart-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
          <text className="bar-chart-axis" x={PAD.left - 8} y={y(t) + 4} textAnchor="end">
            {formatValue(t)}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const x = PAD.left + i * slot + (slot - barW) / 2;
        const top = y(d.value);
        const h = Math.max(d.value > 0 ? 1.5 : 0, PAD.top + innerH - top);
        return (
          <g key={`${d.label}-${i}`}>
            <rect className="bar-chart-bar" x={x} y={PAD.top + innerH - h} width={barW} height={h} rx={2}>
              <title>{d.title ?? `${d.label}: ${formatValue(d.value)}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text className="bar-chart-axis" x={x + barW / 2} y={height - 8} textAnchor="middle">
                {d.label}
              </text>
            )}
          </g>
        );
      })}
      {ref && (
        <g>
          <line
            className="bar-chart-ref"
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(ref.value)}
            y2={y(ref.value)}
          />
          <text className="bar-chart-ref-label" x={WIDTH - PAD.right} y={y(ref.value) - 4} textAnchor="end">
            {ref.label}
          </text>
        </g>
      )}
      {dataMax === 0 && (
        <text
          className="bar-chart-empty"
          x={PAD.left + innerW / 2}
          y={PAD.top + innerH / 2}
          textAnchor="middle"
        >
          {emptyLabel}
        </text>
      )}
    </svg>
  );
}
