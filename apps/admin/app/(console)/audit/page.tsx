import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { buttonClass, EmptyState, Input, PageHeader, TableScroll } from '@levqor/ui';
import Link from 'next/link';
import { compact, isoOrUndefined } from '~/components/search-params';

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
      <search>
        <form className="row" style={{ flexWrap: 'wrap' }} action="/audit" method="get">
          <Input
            name="actor"
            placeholder="Actor (usr_…, key_…, system)"
            defaultValue={filters.actor ?? ''}
            aria-label="Actor"
          />
          <Input
            name="action"
            placeholder="Action (prefix, e.g. admin.)"
            defaultValue={filters.action ?? ''}
            aria-label="Action"
          />
          <Input
            name="workspace"
            placeholder="Workspace id"
            defaultValue={filters.workspace ?? ''}
            aria-label="Workspace id"
          />
          <Input name="target" placeholder="Target" defaultValue={filters.target ?? ''} aria-label="Target" />
          <Input name="from" type="datetime-local" defaultValue={sp.from ?? ''} aria-label="From (UTC)" />
          <Input name="to" type="datetime-local" defaultValue={sp.to ?? ''} aria-label="Before (UTC)" />
          <button className={buttonClass('secondary')} type="submit">
            Filter
          </button>
          {qs && (
            <Link prefetch={false} href="/audit">
              Clear
            </Link>
          )}
        </form>
      </search>
      {page.items.length === 0 ? (
        <div className="card">
          <EmptyState title="No audit entry matches these filters" />
        </div>
      ) : (
        <TableScroll label="Audit log (scrolls sideways)">
          <table className="table" data-testid="audit-table" aria-label="Audit log">
            <thead>
              <tr>
                <th>When (UTC)</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
                <th>Workspace</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => {
                const meta = (e.metadata ?? {}) as { reason?: unknown };
                return (
                  <tr key={e.id}>
                    <td>{e.createdAt.toISOString().slice(0, 19).replace('T', ' ')}</td>
                    <td>
                      {e.actor.startsWith('usr_') ? (
                        <Link prefetch={false} href={`/accounts/users/${e.actor}`}>
                          <code>{e.actor}</code>
                        </Link>
                      ) : (
                        <code>{e.actor}</code>
                      )}
                    </td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td className="cell-wrap">{e.target ?? '—'}</td>
                    <td>
                      {e.workspaceId ? (
                        <Link prefetch={false} href={`/accounts/workspaces/${e.workspaceId}`}>
                          <code>{e.workspaceId}</code>
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="cell-wrap">{typeof meta.reason === 'string' ? meta.reason : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="row">
        {sp.cursor && (
          <Link prefetch={false} href={`/audit${qs ? `?${qs}` : ''}`}>
            ← First page
          </Link>
        )}
        {page.nextCursor && (
          <Link
            prefetch={false}
            href={`/audit?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}`}
          >
            Next page →
          </Link>
        )}
      </div>
    </div>
  );
}
