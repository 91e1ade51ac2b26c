import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, DataTable, formatDateTime, PageHeader } from '@levqor/ui';

export const metadata = { title: 'Privacy requests' };

export default async function PrivacyRequestsPage() {
  const rows = await (await getAdminCaller('/privacy-requests')).admin.privacyRequests.list();
  return (
    <div className="stack">
      <PageHeader
        title="Privacy requests"
        description="Exports and deletions with their legal deadline (one month, Art. 12(3)). Open requests first, soonest due first."
      />
      <DataTable
        label="Privacy requests"
        testId="privacy-requests-table"
        empty="No requests yet"
        framed
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: 'Request', cell: (r) => <code>{r.id}</code> },
          { header: 'Kind', cell: (r) => r.kind },
          {
            header: 'Status',
            cell: (r) => (
              <>
                {r.status} {r.overdue ? <Badge tone="danger">overdue</Badge> : null}
              </>
            ),
          },
          { header: 'Requested', cell: (r) => formatDateTime(r.requestedAt.toISOString()) },
          { header: 'Due by', cell: (r) => formatDateTime(r.dueAt.toISOString()) },
          {
            header: 'Completed',
            cell: (r) => (r.completedAt ? formatDateTime(r.completedAt.toISOString()) : '—'),
          },
        ]}
      />
    </div>
  );
}
