import { getServerCaller } from '@levqor/app-kit/server-caller';
import { Alert, Badge } from '@levqor/ui';
import { IncidentList } from '~/components/status/incident-list';
import { STATE_LABEL, STATE_TONE, utc } from '~/components/status/status-view';
import { UptimeBar } from '~/components/status/uptime-bar';

export const metadata = { title: 'Status' };

const OVERALL = {
  operational: 'All systems operational',
  degraded: 'Some systems are degraded',
  outage: 'Some systems are down',
  unknown: 'Some systems have no recent health data',
} as const;

export default async function StatusPage() {
  const page = await (await getServerCaller()).status.page().catch(() => null);
  if (!page)
    return (
      <>
        <h1>Levqor status</h1>
        <Alert kind="error">
          The status figures cannot be read right now: the database does not answer. The dashboard, the API
          and the job workers depend on it, so expect errors until it is back.
        </Alert>
      </>
    );
  return (
    <>
      <h1>Levqor status</h1>
      <p className="status-overall" data-testid="status-overall">
        <Badge tone={STATE_TONE[page.overall]}>{STATE_LABEL[page.overall]}</Badge> {OVERALL[page.overall]}
      </p>
      {page.stabilize.active && (
        <Alert kind="info">
          <strong>Stabilize mode is on</strong> since{' '}
          {page.stabilize.enteredAt ? utc(page.stabilize.enteredAt) : '—'}: Levqor missed its service
          objectives repeatedly ({page.stabilize.reason}). Low-priority jobs are refused with 503 and a
          Retry-After; normal and high priority jobs are accepted.
        </Alert>
      )}
      <section aria-labelledby="incidents-now">
        <h2 id="incidents-now">Current incidents</h2>
        <IncidentList incidents={page.incidents.active} empty="No open incident." />
      </section>
      <section aria-labelledby="components">
        <h2 id="components">Components</h2>
        <ul className="stack status-components">
          {page.components.map((c) => (
            <li key={c.id} className="card stack" data-testid={`component-${c.id}`}>
              <h3 className="row">
                <span>{c.name}</span>
                <Badge tone={STATE_TONE[c.state]}>{STATE_LABEL[c.state]}</Badge>
              </h3>
              <p className="muted">{c.detail}</p>
              <UptimeBar name={c.name} days={c.days} uptime={c.uptime} />
            </li>
          ))}
        </ul>
        <p className="muted status-legend">
          <span className="uptime-day uptime-ok" aria-hidden="true" /> 99.5% or more of the day's checks
          passed <span className="uptime-day uptime-warn" aria-hidden="true" /> 95–99.5%{' '}
          <span className="uptime-day uptime-bad" aria-hidden="true" /> below 95%{' '}
          <span className="uptime-day uptime-none" aria-hidden="true" /> no data (no check recorded that day)
        </p>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">Recent history (90 days)</h2>
        <IncidentList
          incidents={page.incidents.recent}
          empty="No incident was resolved in the last 90 days."
        />
      </section>
      <section aria-labelledby="how">
        <h2 id="how">How this page is computed</h2>
        <p>
          Every minute Levqor's engine records a health check of the dashboard (<code>/api/health/ready</code>
          ), the REST API (<code>/health</code>), the database (a query) and the job workers (a worker
          heartbeat within 30 seconds and no due job waiting more than 5 minutes). A component's state comes
          from its latest check (none in 3 minutes: "no recent data"; a failure in the last 15 minutes:
          "degraded"); the workers' state is read live from the queue ({page.worker.queuedCount} due job(s)
          waiting now). The bars show the share of each day's recorded checks that passed; nothing is
          estimated. Figures as of {utc(page.generatedAt)}, refreshed at most every 15 seconds.
        </p>
      </section>
    </>
  );
}
