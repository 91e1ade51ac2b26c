import { getAdminCaller } from '@levqor/app-kit/server-caller';
import {
  Badge,
  Card,
  DataTable,
  DescriptionList,
  formatDuration,
  PageHeader,
  PointsSparkline,
  Stat,
  type ValueFormat,
} from '@levqor/ui';
import { LiveRefresh } from '~/components/live-refresh';
import { utc } from '~/components/search-params';

export const metadata = { title: 'Operations health' };

const SPARKLINES: { metric: string; label: string; format: ValueFormat }[] = [
  { metric: 'jobs.created', label: 'Jobs submitted per 5 min', format: 'count' },
  { metric: 'jobs.error_rate', label: 'Job error rate', format: 'ratio' },
  { metric: 'jobs.duration_p95', label: 'p95 job duration', format: 'ms' },
  { metric: 'queue.depth', label: 'Queue depth', format: 'count' },
  { metric: 'webhooks.failures', label: 'Webhook failures per 5 min', format: 'count' },
];

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

export default async function HealthPage() {
  const h = await (await getAdminCaller('/health')).admin.health.get();
  const at = h.at.toISOString();
  return (
    <div className="stack" data-testid="health-page">
      <PageHeader
        title="Operations health"
        description="The database, the queue, the workers and what they serve."
      />
      <LiveRefresh seconds={10} at={at} />
      <div className="stats">
        <Stat
          label="Failure rate (1 h)"
          value={pct(h.jobs.lastHour.failureRate)}
          hint={`${h.jobs.lastHour.failed} of ${h.jobs.lastHour.ended} ended`}
          testId="health-failure-1h"
        />
        <Stat
          label="Failure rate (24 h)"
          value={pct(h.jobs.last24h.failureRate)}
          hint={`${h.jobs.last24h.failed} of ${h.jobs.last24h.ended} ended`}
        />
        <Stat label="p95 job duration (1 h)" value={formatDuration(h.jobs.lastHour.p95DurationMs)} />
        <Stat label="p95 job duration (24 h)" value={formatDuration(h.jobs.last24h.p95DurationMs)} />
      </div>
      <Card title="Trends (last 24 h, five-minute rollups)">
        <div className="grid-sparklines">
          {SPARKLINES.map((s) => (
            <div key={s.metric}>
              <div className="faint">{s.label}</div>
              <PointsSparkline
                label={s.label}
                format={s.format}
                testId={`spark-${s.metric}`}
                points={h.sparklines[s.metric as keyof typeof h.sparklines] ?? []}
              />
            </div>
          ))}
        </div>
      </Card>
      <Card title="Database">
        <DescriptionList
          items={[
            { label: 'Size', value: mb(h.database.sizeBytes) },
            {
              label: 'Connections',
              value: `${h.database.totalConnections} of ${h.database.maxConnections} allowed`,
            },
            {
              label: 'By state',
              value: h.database.connections.map((c) => `${c.state}: ${c.n}`).join(', ') || '—',
            },
          ]}
        />
        <h3>Slowest statements (mean time)</h3>
        {h.database.slowQueriesNote ? (
          <p className="faint" data-testid="slow-queries-note">
            Not available: {h.database.slowQueriesNote}. Load it with{' '}
            <code>shared_preload_libraries = 'pg_stat_statements'</code> and{' '}
            <code>create extension pg_stat_statements</code>.
          </p>
        ) : (
          <DataTable
            label="Slowest statements"
            empty="No statement recorded yet"
            rows={h.database.slowQueries}
            rowKey={(q) => q.query}
            columns={[
              { header: 'Statement', className: 'cell-wrap', cell: (q) => <code>{q.query}</code> },
              { header: 'Calls', cell: (q) => q.calls.toLocaleString('en') },
              { header: 'Mean', cell: (q) => formatDuration(q.meanMs) },
              { header: 'Total', cell: (q) => formatDuration(q.totalMs) },
            ]}
          />
        )}
      </Card>
      <Card title="Queue (engine runs)">
        <DescriptionList
          items={[
            { label: 'Queued', value: h.queue.queued.toLocaleString('en') },
            { label: 'Running', value: h.queue.running.toLocaleString('en') },
            { label: 'Sleeping', value: h.queue.sleeping.toLocaleString('en') },
            { label: 'Oldest due queued run waiting', value: formatDuration(h.queue.oldestQueuedAgeMs) },
            {
              label: 'Claim latency, job submitted → started (1 h)',
              value:
                h.queue.claimLatency.jobs === 0
                  ? 'no job started in the last hour'
                  : `p50 ${formatDuration(h.queue.claimLatency.p50Ms)}, p95 ${formatDuration(h.queue.claimLatency.p95Ms)} (${h.queue.claimLatency.jobs} jobs)`,
            },
          ]}
        />
      </Card>
      <Card title="Workers">
        <DataTable
          label="Workers"
          testId="health-workers"
          empty="No local-engine worker has reported (none running, or the Inngest provider runs the jobs)"
          rows={h.workers.list}
          rowKey={(w) => w.id}
          columns={[
            { header: 'Worker', cell: (w) => <code>{w.id}</code> },
            { header: 'Host / pid', cell: (w) => `${w.host} / ${w.pid}` },
            { header: 'Started (UTC)', cell: (w) => utc(w.startedAt) },
            {
              header: 'Heartbeat',
              cell: (w) => (
                <Badge tone={w.stale ? 'danger' : 'ok'}>
                  {formatDuration(h.at.getTime() - w.lastSeen.getTime())} ago
                </Badge>
              ),
            },
            { header: 'Runs in flight', cell: (w) => w.inFlight },
          ]}
        />
        <p className="faint">
          Last crash:{' '}
          {h.workers.lastCrash
            ? `run ${h.workers.lastCrash.runId} (${h.workers.lastCrash.functionId}) lost its worker ${h.workers.lastCrash.lostAttempts}× — last change ${utc(h.workers.lastCrash.at)} UTC`
            : 'none recorded (no run has lost its worker)'}
        </p>
      </Card>
      <div className="stats">
        <Stat
          label="Webhook deliveries pending"
          value={h.webhooks.pending.toLocaleString('en')}
          hint={`oldest waiting ${formatDuration(h.webhooks.oldestPendingAgeMs)}`}
        />
        <Stat label="Rate-limit blocks (1 h)" value={h.rateLimits.lastHour.toLocaleString('en')} />
        <Stat
          label="Rate-limit blocks (24 h)"
          value={h.rateLimits.last24h.toLocaleString('en')}
          hint={h.rateLimits.topRules.map((r) => `${r.rule}: ${r.n}`).join(', ') || 'none'}
        />
      </div>
    </div>
  );
}
