import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { buttonClass, DataTable, FilterForm, PageHeader, PageLinks } from '@levqor/ui';
import Link from 'next/link';
import { compact, isoOrUndefined, timeRangeFields, utc } from '~/components/search-params';

export const metadata = { title: 'Audit log' };

type Search = Promise<{
  actor?: string;
  action?: string;
  workspace?: string;
  target?: string;
  from?: string;
  to?: string;
  cursor?: string;
}>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const filters = compact({
    actor: sp.actor?.trim(),
    action: sp.action?.trim(),
    workspace: sp.workspace?.trim(),
    target: sp.target?.trim(),
    from: sp.from,
    to: sp.to,
  });
  const page = await (await getAdminCaller('/audit')).admin.auditLog.list({
    actor: filters.actor,
    action: filters.action,
    workspaceId: filters.workspace,
    target: filters.target,
    from: isoOrUndefined(sp.from),
    to: isoOrUndefined(sp.to),
    cursor: sp.cursor ?? null,
    limit: 50,
  });
  const qs = new URLSearchParams(filters).toString();
  return (
    <div className="stack">
      <PageHeader
        title="Audit log"
        description="Who did what to what, and why — newest first."
        actions={
          <a
            className={buttonClass('secondary')}
            href={`/audit/export${qs ? `?${qs}` : ''}`}
            download
            data-testid="audit-export"
          >
            Export CSV
          </a>
        }
      />
      <FilterForm
        action="/audit"
        clearHref={qs ? '/audit' : null}
        fields={[
          {
            name: 'actor',
            label: 'Actor',
            placeholder: 'Actor (usr_…, key_…, system)',
            defaultValue: filters.actor,
          },
          {
            name: 'action',
            label: 'Action',
            placeholder: 'Action (prefix, e.g. admin.)',
            defaultValue: filters.action,
          },
          {
            name: 'workspace',
            label: 'Workspace id',
            placeholder: 'Workspace id',
            defaultValue: filters.workspace,
          },
          { name: 'target', label: 'Target', placeholder: 'Target', defaultValue: filters.target },
          ...timeRangeFields(sp),
        ]}
      />
      <DataTable
        label="Audit log"
        framed
        testId="audit-table"
        empty="No audit entry matches these filters"
        rows={page.items}
        rowKey={(e) => e.id}
        columns={[
          { header: 'When (UTC)', cell: (e) => utc(e.createdAt) },
          {
            header: 'Actor',
            cell: (e) =>
              e.actor.startsWith('usr_') ? (
                <Link prefetch={false} href={`/accounts/users/${e.actor}`}>
                  <code>{e.actor}</code>
                </Link>
              ) : (
                <code>{e.actor}</code>
              ),
          },
          { header: 'Action', cell: (e) => <code>{e.action}</code> },
          { header: 'Target', cell: (e) => e.target ?? '—', className: 'cell-wrap' },
          {
            header: 'Workspace',
            cell: (e) =>
              e.workspaceId ? (
                <Link prefetch={false} href={`/accounts/workspaces/${e.workspaceId}`}>
                  <code>{e.workspaceId}</code>
                </Link>
              ) : (
                '—'
              ),
          },
          {
            header: 'Reason',
            className: 'cell-wrap',
            cell: (e) => {
              const reason = (e.metadata as { reason?: unknown } | null)?.reason;
              return typeof reason === 'string' ? reason : '—';
            },
          },
        ]}
      />
      <PageLinks
        firstHref={sp.cursor ? `/audit${qs ? `?${qs}` : ''}` : null}
        nextHref={
          page.nextCursor ? `/audit?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}` : null
        }
      />
    </div>
  );
}
