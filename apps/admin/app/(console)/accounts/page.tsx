import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, buttonClass, Card, EmptyState, PageHeader, TableScroll } from '@levqor/ui';
import Link from 'next/link';

export const metadata = { title: 'Accounts' };

type Search = Promise<{ q?: string; page?: string }>;

export default async function AccountsPage({ searchParams }: { searchParams: Search }) {
  const { q, page: rawPage } = await searchParams;
  const query = q?.trim() || undefined;
  const page = Math.max(0, Math.min(1_000, Number.parseInt(rawPage ?? '0', 10) || 0));
  const result = await (await getAdminCaller('/accounts')).admin.accounts.search({ query, page, limit: 20 });
  const link = (p: number) =>
    `/accounts?${new URLSearchParams({ ...(query ? { q: query } : {}), page: String(p) })}`;
  return (
    <div className="stack">
      <PageHeader
        title="Accounts"
        description="Users by email or name; workspaces by name, id or a member’s email."
      />
      <search>
        <form className="row" action="/accounts" method="get">
          <input
            className="input"
            style={{ maxWidth: 360 }}
            name="q"
            type="search"
            placeholder="Email, name, workspace name or id"
            defaultValue={query ?? ''}
            aria-label="Search accounts"
          />
          <button className={buttonClass('secondary')} type="submit">
            Search
          </button>
        </form>
      </search>
      <Card title="Workspaces">
        {result.workspaces.length === 0 ? (
          <EmptyState title={query ? `No workspace matches “${query}”` : 'No workspaces yet'} />
        ) : (
          <TableScroll label="Workspaces (scrolls sideways)">
            <table className="table" data-testid="workspaces-table" aria-label="Workspaces">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Id</th>
                  <th>Plan</th>
                  <th>Members</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {result.workspaces.map((w) => (
                  <tr key={w.id}>
                    <td className="cell-wrap">
                      <Link prefetch={false} href={`/accounts/workspaces/${w.id}`}>
                        {w.name}
                      </Link>
                    </td>
                    <td>
                      <code>{w.id}</code>
                    </td>
                    <td>
                      <Badge>{w.plan}</Badge>
                    </td>
                    <td>{w.members}</td>
                    <td>{w.createdAt.toISOString().slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
      <Card title="Users">
        {result.users.length === 0 ? (
          <EmptyState title={query ? `No user matches “${query}”` : 'No users yet'} />
        ) : (
          <TableScroll label="Users (scrolls sideways)">
            <table className="table" data-testid="accounts-users-table" aria-label="Users">
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
                {result.users.map((u) => (
                  <tr key={u.id}>
                    <td className="cell-wrap">
                      <Link prefetch={false} href={`/accounts/users/${u.id}`}>
                        {u.email}
                      </Link>
                    </td>
                    <td>{u.name ?? '—'}</td>
                    <td>
                      <Badge tone={u.role === 'admin' ? 'accent' : undefined}>{u.role}</Badge>
                    </td>
                    <td>{u.createdAt.toISOString().slice(0, 10)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
      <div className="row">
        {page > 0 && (
          <Link prefetch={false} href={link(page - 1)}>
            ← Previous page
          </Link>
        )}
        {result.hasMore && (
          <Link prefetch={false} href={link(page + 1)}>
            Next page →
          </Link>
        )}
      </div>
    </div>
  );
}
