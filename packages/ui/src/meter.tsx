export interface MeterProps {
  /** Accessible name, e.g. "Budget used". */
  label: string;
  total: number;
  /** Stacked segments from the left; their sum may exceed `total` (the bar then shows full). */
  segments: { value: number; label: string; tone: 'accent' | 'warn' | 'danger' }[];
}

/** A horizontal bar showing parts of a total (e.g. spent and reserved against a budget). */
export function Meter({ label, total, segments }: MeterProps) {
  const used = segments.reduce((a, s) => a + s.value, 0);
  const pct = (v: number) => (total > 0 ? Math.min(100, (v / total) * 100) : v > 0 ? 100 : 0);
  return (
    <div
      className="meter"
      role="img"
      aria-label={`${label}: ${segments.map((s) => s.label).join(', ')}`}
      data-used={used}
    >
      {segments.map((s) => (
        <div
          key={s.label}
          className={`meter-segment meter-${s.tone}`}
          style={{ width: `${pct(s.value)}%` }}
          title={s.label}
        />
      ))}
    </div>
  );
}
