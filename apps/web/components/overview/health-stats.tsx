import { formatDuration, Stat } from '@levqor/ui';
import Link from 'next/link';
import type { HealthWindow } from '../api-types';
import { jobsHref } from '../links';

const rate = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1_000) / 10).toString()}%`);

/** Jobs of the window by status, success rate and p95 duration. */
export function HealthStats({ health }: { health: HealthWindow }) {
  const { counts } = health;
  const live = counts.queued + counts.running;
  return (
    <div className="stats" data-testid="health-stats" data-window={health.window}>
      <Stat
        label="Jobs"
        value={<span data-testid="health-total">{counts.total}</span>}
        hint="created in the window"
      />
      <Stat
        label="Succeeded"
        value={<span data-testid="health-succeeded">{counts.succeeded}</span>}
        hint={<Link href={jobsHref({ status: 'succeeded' })}>see them</Link>}
      />
      <Stat
        label="Failed"
        value={<span data-testid="health-failed">{counts.failed}</span>}
        hint={<Link href={jobsHref({ status: 'failed' })}>see them</Link>}
      />
      <Stat
        label="In progress · cancelled"
        value={
          <span>
            <span data-testid="health-live">{live}</span> ·{' '}
            <span data-testid="health-cancelled">{counts.cancelled}</span>
          </span>
        }
        hint="queued or running · cancelled"
      />
      <Stat
        label="Success rate"
        value={<span data-testid="health-success-rate">{rate(health.success_rate)}</span>}
        hint="succeeded ÷ (succeeded + failed)"
      />
      <Stat
        label="p95 duration"
        value={<span data-testid="health-p95">{formatDuration(health.p95_duration_ms)}</span>}
        hint="95% of finished jobs took at most this"
      />
    </div>
  );
}
