import { dayTone, percent } from './status-view';

interface Day {
  day: string;
  checks: number;
  ratio: number | null;
}

/**
 * 90 days of recorded checks, one bar per UTC day (oldest left). Screen readers get the summary; each
 * bar's title names its day and figure for pointer users.
 */
export function UptimeBar({ name, days, uptime }: { name: string; days: Day[]; uptime: number | null }) {
  const measured = days.filter((d) => d.ratio !== null);
  const below = measured.filter((d) => (d.ratio ?? 1) < 0.995).length;
  const summary =
    measured.length === 0
      ? `${name}: no checks recorded in the last 90 days`
      : `${name}: ${percent(uptime, 3)} of checks passed over the ${measured.length} days with data; ${below} day(s) below 99.5%; ${days.length - measured.length} day(s) without data`;
  return (
    <div className="uptime">
      <div className="uptime-bars" role="img" aria-label={summary} data-testid="uptime-bars">
        {days.map((d) => (
          <span
            key={d.day}
            className={`uptime-day uptime-${dayTone(d.ratio)}`}
            title={
              d.ratio === null
                ? `${d.day}: no data`
                : `${d.day}: ${percent(d.ratio, 3)} of ${d.checks} checks passed`
            }
          />
        ))}
      </div>
      <div className="uptime-scale muted" aria-hidden="true">
        <span>90 days ago</span>
        <span>{measured.length === 0 ? 'no data' : `${percent(uptime, 3)} uptime`}</span>
        <span>today</span>
      </div>
    </div>
  );
}
