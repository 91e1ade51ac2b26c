import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, EmptyState, PageHeader, TableScroll } from '@levqor/ui';

export const metadata = { title: 'Reports' };

const money = (cents: number) =>
  `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export default async function ReportsPage() {
  const reports = await (await getAdminCaller('/reports')).admin.reports.list({ limit: 100 });
  return (
    <div className="stack">
      <PageHeader
        title="Reports"
        description="The weekly governance report (Sundays 09:00 Europe/London, as a PDF) and the daily ops summary (07:00), computed from recorded data and mailed to administrators. Users who object to analytics are not counted; workspaces whose owner objects to profiling are not named."
      />
      {reports.length === 0 ? (
        <div className="card">
          <EmptyState title="No reports yet" />
        </div>
      ) : (
        <TableScroll label="Reports (scrolls sideways)">
          <table className="table" data-testid="reports-table" aria-label="Reports">
            <thead>
              <tr>
                <th>Report</th>
                <th>Signups</th>
                <th>MRR</th>
                <th>Margin</th>
                <th>Anomalies</th>
                <th>Sent</th>
                <th>PDF</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-testid={`report-${r.id}`}>
                  <td className="cell-wrap">
                    <Badge tone={r.kind === 'weekly' ? 'ok' : undefined}>{r.kind}</Badge> {r.title}
                  </td>
                  <td>{r.signups}</td>
                  <td>{money(r.mrrCents)}</td>
                  <td>{money(r.marginCents)}</td>
                  <td>{r.anomalies}</td>
                  <td>
                    {r.emailedAt ? 'mailed' : 'not yet'}
                    {r.notionPageId ? ', in Notion' : ''}
                  </td>
                  <td>
                    {r.hasPdf ? (
                      <a href={`/reports/${r.id}/pdf`} download>
                        Download PDF
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
