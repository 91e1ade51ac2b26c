import { getAdminCaller } from '@levqor/app-kit/server-caller';
import {
  Card,
  DataTable,
  DescriptionList,
  formatCents,
  formatDuration,
  JsonView,
  PageHeader,
  StatusBadge,
  Timeline,
} from '@levqor/ui';
import Link from 'next/link';
import { JobAdminActions } from '~/components/job-admin-actions';

export const metadata = { title: 'Job' };

export default async function AdminJobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { workspaceId, job } = await (await getAdminCaller(`/jobs/${id}`)).admin.jobs.get({ id });
  return (
    <div className="stack">
      <PageHeader
        title={job.id}
        description={`Read-only view of a customer’s job (workspace ${workspaceId}).`}
      />
      <Link prefetch={false} href="/jobs">
        ← All jobs
      </Link>
      <JobAdminActions job={job} />
      <Card title="Job">
        <DescriptionList
          items={[
            { label: 'Status', value: <StatusBadge status={job.status} testId="admin-job-status" /> },
            {
              label: 'Workspace',
              value: (
                <Link prefetch={false} href={`/accounts/workspaces/${workspaceId}`}>
                  {workspaceId}
                </Link>
              ),
            },
            { label: 'Workflow', value: `${job.workflow} v${job.workflow_version}` },
            { label: 'Created', value: job.created_at },
            { label: 'Finished', value: job.finished_at ?? '—' },
            { label: 'Cost', value: formatCents(job.cost_cents) },
            { label: 'Error', value: job.error ?? '—' },
            {
              label: 'Rerun of',
              value: job.rerun_of ? (
                <Link prefetch={false} href={`/jobs/${job.rerun_of}`}>
                  {job.rerun_of}
                </Link>
              ) : (
                '—'
              ),
            },
          ]}
        />
      </Card>
      <Card title="Steps">
        <DataTable
          label="Steps"
          empty="No steps recorded"
          rows={job.steps}
          rowKey={(s) => s.id}
          columns={[
            { header: 'Step', cell: (s) => <code>{s.id}</code> },
            { header: 'Type', cell: (s) => s.type },
            { header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
            { header: 'Attempt', numeric: true, cell: (s) => s.attempt },
            {
              header: 'Duration',
              numeric: true,
              cell: (s) => (s.duration_ms === null ? '—' : formatDuration(s.duration_ms)),
            },
            { header: 'Error', className: 'cell-wrap', cell: (s) => s.error ?? '—' },
          ]}
        />
      </Card>
      <Card title="Payload">
        <JsonView value={job.payload} />
      </Card>
      <Card title="Timeline">
        <Timeline
          label="Job events"
          items={job.events.map((e) => ({ id: e.id, time: e.created_at, title: e.type, body: e.message }))}
        />
      </Card>
    </div>
  );
}
