import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { ALERT_STATUSES } from '@levqor/core';
import { Badge, DataTable, FilterForm, PageHeader, PageLinks } from '@levqor/ui';
import { AlertActions } from '~/components/alert-actions';
import { compact, utc } from '~/components/search-params';

export const metadata = { title: 'Alerts' };

type Status = (typeof ALERT_STATUSES)[number];
type Search = Promise<{ status?: string; cursor?: string }>;

const TONE = { open: 'danger', acknowledged: 'warn', resolved: 'ok' } as const;

export default async function AlertsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const status = ALERT_STATUSES.includes(sp.status as Status) ? (sp.status as Status) : undefined;
  const cursor = sp.cursor?.trim() || undefined;
  const page = await (await getAdminCaller('/alerts')).admin.alerts.list({ status, cursor, limit: 25 });
  const filters = compact({ status });
  return (
    <div className="stack">
      <PageHeader
        title="Alerts"
        description="Alerts raised by the platform’s and the workspaces’ rules, most recently seen first. Acknowledging stops escalation; resolving closes the alert. Both ask why and are audited."
      />
      <FilterForm
        action="/alerts"
        clearHref={status ? '/alerts' : null}
        fields={[
          {
            name: 'status',
            label: 'Status',
            defaultValue: status,
            options: [
              { value: '', label: 'Any status' },
              ...ALERT_STATUSES.map((s) => ({ value: s, label: s })),
            ],
          },
        ]}
      />
      <DataTable
        label="Alerts"
        testId="alerts-table"
        empty={status ? `No ${status} alerts` : 'Nothing has fired yet'}
        framed
        rows={page.items}
        rowKey={(a) => a.id}
        columns={[
          { header: 'Alert', className: 'cell-wrap', cell: (a) => a.message },
          { header: 'Scope', cell: (a) => <code>{a.scope}</code> },
          { header: 'Severity', cell: (a) => a.severity },
          {
            header: 'Status',
            cell: (a) => (
              <span data-testid={`alert-status-${a.id}`}>
                <Badge tone={TONE[a.status as Status]}>{a.status}</Badge>
              </span>
            ),
          },
          { header: 'Seen', numeric: true, cell: (a) => a.occurrences },
          { header: 'Last seen (UTC)', cell: (a) => utc(new Date(a.last_seen_at)) },
          { header: 'Actions', cell: (a) => <AlertActions alert={a} /> },
        ]}
      />
      <PageLinks
        firstHref={cursor ? `/alerts?${new URLSearchParams(filters)}` : null}
        nextHref={
          page.next_cursor ? `/alerts?${new URLSearchParams({ ...filters, cursor: page.next_cursor })}` : null
        }
      />
    </div>
  );
}
