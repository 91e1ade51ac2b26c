import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, EmptyState, formatDateTime, PageHeader, TableScroll } from '@levqor/ui';

export const metadata = { title: 'Privacy requests' };

export default async function PrivacyRequestsPage() {
  const rows = await (await getAdminCaller('/privacy-requests')).admin.privacyRequests.list();
  return (
    <div className="stack">
      <PageHeader
        title="Privacy requests"
        description="Exports and deletions with their legal deadline (one month, Art. 12(3)). Open requests first, soonest due first."
      />
      {rows.length === 0 ? (
        <EmptyState title="No requests yet" />
      ) : (
        <TableScroll label="Privacy requests">
          <table>
            <thead>
              <tr>
                <th>Request</th>
                <th>Kind</th>
                <th>Status</th>
                <th>Requested</th>
                <th>Due by</th>
                <th>Completed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <code>{r.id}</code>
                  </td>
                  <td>{r.kind}</td>
                  <td>
                    {r.status} {r.overdue ? <Badge tone="danger">overdue</Badge> : null}
                  </td>
                  <td>{formatDateTime(r.requestedAt.toISOString())}</td>
                  <td>{formatDateTime(r.dueAt.toISOString())}</td>
                  <td>{r.completedAt ? formatDateTime(r.completedAt.toISOString()) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
