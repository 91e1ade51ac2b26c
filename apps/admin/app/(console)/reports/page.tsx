import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, DataTable, PageHeader } from '@levqor/ui';

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
      <DataTable
        label="Reports"
        testId="reports-table"
        empty="No reports yet"
        framed
        rows={reports}
        rowKey={(r) => r.id}
        rowTestId={(r) => `report-${r.id}`}
        columns={[
          {
            header: 'Report',
            className: 'cell-wrap',
            cell: (r) => (
              <>
                <Badge tone={r.kind === 'weekly' ? 'ok' : undefined}>{r.kind}</Badge> {r.title}
              </>
            ),
          },
          { header: 'Signups', numeric: true, cell: (r) => r.signups },
          { header: 'MRR', numeric: true, cell: (r) => money(r.mrrCents) },
          { header: 'Margin', numeric: true, cell: (r) => money(r.marginCents) },
          { header: 'Anomalies', numeric: true, cell: (r) => r.anomalies },
          {
            header: 'Sent',
            cell: (r) => `${r.emailedAt ? 'mailed' : 'not yet'}${r.notionPageId ? ', in Notion' : ''}`,
          },
          {
            header: 'PDF',
            cell: (r) =>
              r.hasPdf ? (
                <a href={`/reports/${r.id}/pdf`} download>
                  Download PDF
                </a>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
