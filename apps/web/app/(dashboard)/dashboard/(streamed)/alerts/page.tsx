import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, DataTable, PageHeader } from '@levqor/ui';
import { AcknowledgeButton, ChannelForm, FailureThresholdForm } from './alert-controls';

export const metadata = { title: 'Alerts' };

const TONE = { critical: 'danger', warning: 'warn', info: undefined } as const;

export default async function AlertsPage() {
  const trpc = await getSignedInCaller('/dashboard/alerts');
  const [list, settings] = await Promise.all([trpc.alerts.list({ limit: 50 }), trpc.alerts.settings()]);
  return (
    <div className="stack">
      <PageHeader
        title="Alerts"
        description="About this workspace only: failure spikes and the monthly budget at 80% and 100%. Repeats count on the same alert until it is resolved."
      />
      <Card title="Where alerts go">
        <ul className="muted">
          {settings.rules.map((r) => (
            <li key={r.name}>
              <strong>{r.name}</strong> ({r.severity}): {r.description}
            </li>
          ))}
        </ul>
        <FailureThresholdForm threshold={settings.failure_threshold} canManage={settings.can_manage} />
        <ChannelForm channel={settings.channel} canManage={settings.can_manage} />
      </Card>
      <DataTable
        label="Alerts"
        testId="alerts-table"
        empty="No alerts"
        emptyDetail={<p>Nothing has fired for this workspace.</p>}
        framed
        rows={list.items}
        rowKey={(a) => a.id}
        rowTestId={(a) => `alert-${a.id}`}
        columns={[
          { header: 'Alert', className: 'cell-wrap', cell: (a) => a.message },
          {
            header: 'Severity',
            cell: (a) => <Badge tone={TONE[a.severity as keyof typeof TONE]}>{a.severity}</Badge>,
          },
          { header: 'Status', cell: (a) => <span data-testid={`alert-status-${a.id}`}>{a.status}</span> },
          {
            header: 'Seen',
            cell: (a) =>
              `${new Date(a.last_seen_at).toISOString().slice(0, 16).replace('T', ' ')} UTC${a.occurrences > 1 ? ` · ${a.occurrences}×` : ''}`,
          },
          {
            header: 'Action',
            cell: (a) =>
              a.status === 'open' && list.can_manage ? (
                <AcknowledgeButton id={a.id} />
              ) : a.status === 'open' ? (
                <span className="muted">Only an owner can acknowledge</span>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
