import { getAdminCaller } from '@levqor/app-kit/server-caller';
import {
  Card,
  DataTable,
  EmptyState,
  FilterForm,
  PageHeader,
  PageLinks,
  Stat,
  StatusBadge,
} from '@levqor/ui';
import Link from 'next/link';
import { compact, isoOrUndefined, timeRangeFields, utc } from '~/components/search-params';

export const metadata = { title: 'Jobs' };

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

type Search = Promise<{
  status?: string;
  workspace?: string;
  workflow?: string;
  from?: string;
  to?: string;
  error?: string;
  cursor?: string;
}>;

export default async function JobsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const status = STATUSES.includes(sp.status as Status) ? (sp.status as Status) : undefined;
  const filters = compact({
    status,
    workspace: sp.workspace?.trim(),
    workflow: sp.workflow?.trim(),
    from: sp.from,
    to: sp.to,
    error: sp.error?.trim(),
  });
  const caller = await getAdminCaller('/jobs');
  const [page, stats] = await Promise.all([
    caller.admin.jobs.list({
      status,
      workspaceId: filters.workspace,
      workflowId: filters.workflow,
      from: isoOrUndefined(sp.from),
      to: isoOrUndefined(sp.to),
      error: filters.error,
      cursor: sp.cursor ?? null,
      limit: 25,
    }),
    caller.admin.jobs.stats(),
  ]);
  return (
    <div className="stack">
      <PageHeader title="Jobs" description="Every workspace’s jobs, newest first." />
      <div className="stats">
        <Stat label="Ended in the last 24 h" value={stats.ended.toLocaleString('en')} />
        <Stat label="Failed" value={stats.failed.toLocaleString('en')} testId="jobs-failed-24h" />
        <Stat label="Failure rate" value={`${(stats.failureRate * 100).toFixed(1)}%`} />
      </div>
      <Card title="Top errors (24 h)">
        {stats.topErrors.length === 0 ? (
          <EmptyState title="No failures in the last 24 hours" />
        ) : (
          <ol>
            {stats.topErrors.map((e) => (
              <li key={e.error}>
                <Link
                  prefetch={false}
                  href={`/jobs?${new URLSearchParams({ status: 'failed', error: e.error })}`}
                >
                  {e.error}
                </Link>{' '}
                <span className="faint">× {e.count}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
      <FilterForm
        action="/jobs"
        clearHref={Object.keys(filters).length > 0 ? '/jobs' : null}
        fields={[
          {
            name: 'status',
            label: 'Status',
            defaultValue: status,
            options: [{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: s }))],
          },
          {
            name: 'workspace',
            label: 'Workspace id',
            placeholder: 'Workspace id (ws_…)',
            defaultValue: filters.workspace,
          },
          {
            name: 'workflow',
            label: 'Workflow id',
            placeholder: 'Workflow id',
            defaultValue: filters.workflow,
          },
          ...timeRangeFields(sp, 'Created'),
          { name: 'error', label: 'Error text', placeholder: 'Error text', defaultValue: filters.error },
        ]}
      />
      <DataTable
        label="Jobs"
        framed
        testId="admin-jobs-table"
        empty="No job matches these filters"
        rows={page.items}
        rowKey={(j) => j.id}
        columns={[
          { header: 'Job', href: (j) => `/jobs/${j.id}`, cell: (j) => <code>{j.id}</code> },
          {
            header: 'Workspace',
            className: 'cell-wrap',
            href: (j) => `/accounts/workspaces/${j.workspaceId}`,
            cell: (j) => j.workspaceName,
          },
          { header: 'Workflow', cell: (j) => <code>{j.workflowId}</code> },
          { header: 'Status', cell: (j) => <StatusBadge status={j.status} /> },
          { header: 'Error', className: 'cell-wrap', cell: (j) => j.error ?? '—' },
          { header: 'Created (UTC)', cell: (j) => utc(j.createdAt) },
        ]}
      />
      <PageLinks
        firstHref={sp.cursor ? `/jobs?${new URLSearchParams(filters)}` : null}
        nextHref={
          page.nextCursor ? `/jobs?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}` : null
        }
      />
    </div>
  );
}
