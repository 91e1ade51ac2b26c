import { getAdminCaller } from '@levqor/app-kit/server-caller';
import {
  buttonClass,
  Card,
  EmptyState,
  Input,
  PageHeader,
  Select,
  Stat,
  StatusBadge,
  TableScroll,
} from '@levqor/ui';
import Link from 'next/link';
import { compact, isoOrUndefined } from '~/components/search-params';

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
      <search>
        <form className="row" style={{ flexWrap: 'wrap' }} action="/jobs" method="get">
          <Select name="status" defaultValue={status ?? ''} aria-label="Status">
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
          <Input
            name="workspace"
            placeholder="Workspace id (ws_…)"
            defaultValue={filters.workspace ?? ''}
            aria-label="Workspace id"
          />
          <Input
            name="workflow"
            placeholder="Workflow id"
            defaultValue={filters.workflow ?? ''}
            aria-label="Workflow id"
          />
          <Input
            name="from"
            type="datetime-local"
            defaultValue={sp.from ?? ''}
            aria-label="Created from (UTC)"
          />
          <Input
            name="to"
            type="datetime-local"
            defaultValue={sp.to ?? ''}
            aria-label="Created before (UTC)"
          />
          <Input
            name="error"
            placeholder="Error text"
            defaultValue={filters.error ?? ''}
            aria-label="Error text"
          />
          <button className={buttonClass('secondary')} type="submit">
            Filter
          </button>
          {Object.keys(filters).length > 0 && (
            <Link prefetch={false} href="/jobs">
              Clear
            </Link>
          )}
        </form>
      </search>
      {page.items.length === 0 ? (
        <div className="card">
          <EmptyState title="No job matches these filters" />
        </div>
      ) : (
        <TableScroll label="Jobs (scrolls sideways)">
          <table className="table" data-testid="admin-jobs-table" aria-label="Jobs">
            <thead>
              <tr>
                <th>Job</th>
                <th>Workspace</th>
                <th>Workflow</th>
                <th>Status</th>
                <th>Error</th>
                <th>Created (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((j) => (
                <tr key={j.id}>
                  <td>
                    <Link prefetch={false} href={`/jobs/${j.id}`}>
                      <code>{j.id}</code>
                    </Link>
                  </td>
                  <td className="cell-wrap">
                    <Link prefetch={false} href={`/accounts/workspaces/${j.workspaceId}`}>
                      {j.workspaceName}
                    </Link>
                  </td>
                  <td>
                    <code>{j.workflowId}</code>
                  </td>
                  <td>
                    <StatusBadge status={j.status} />
                  </td>
                  <td className="cell-wrap">{j.error ?? '—'}</td>
                  <td>{j.createdAt.toISOString().slice(0, 19).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="row">
        {sp.cursor && (
          <Link prefetch={false} href={`/jobs?${new URLSearchParams(filters)}`}>
            ← First page
          </Link>
        )}
        {page.nextCursor && (
          <Link
            prefetch={false}
            href={`/jobs?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}`}
          >
            Next page →
          </Link>
        )}
      </div>
    </div>
  );
}
