import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, buttonClass, EmptyState, PageHeader, TableScroll } from '@levqor/ui';
import Link from 'next/link';

export const metadata = { title: 'Users' };

type Search = Promise<{ q?: string; cursor?: string }>;

export default async function UsersPage({ searchParams }: { searchParams: Search }) {
  const { q, cursor } = await searchParams;
  const query = q?.trim() || undefined;
  const page = await (await getAdminCaller('/users')).admin.users.list({
    query,
    cursor: cursor ?? null,
    limit: 20,
  });
  const qs = (c: string) => `/users?${new URLSearchParams({ ...(query ? { q: query } : {}), cursor: c })}`;
  return (
    <div className="stack">
      <PageHeader title="Users" description="Every account, ordered by email." />
      <search>
        <form className="row" action="/users" method="get">
          <input
            className="input"
            style={{ maxWidth: 360 }}
            name="q"
            type="search"
            placeholder="Search by email"
            defaultValue={query ?? ''}
            aria-label="Search by email"
          />
          <button className={buttonClass('secondary')} type="submit">
            Search
          </button>
          {query && (
            <Link prefetch={false} href="/users">
              Clear
            </Link>
          )}
        </form>
      </search>
      {page.items.length === 0 ? (
        <div className="card">
          <EmptyState title={query ? `No user matches “${query}”` : 'No users yet'} />
        </div>
      ) : (
        <TableScroll label="Users (scrolls sideways)">
          <table className="table" data-testid="users-table" aria-label="Users">
            <thead>
              <tr>
                <th>Email</th>
                <th>Name</th>
                <th>Role</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((u) => (
                <tr key={u.id}>
                  <td className="cell-wrap">{u.email}</td>
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
      <div className="row">
        {cursor && (
          <Link prefetch={false} href={query ? `/users?q=${encodeURIComponent(query)}` : '/users'}>
            ← First page
          </Link>
        )}
        {page.nextCursor && (
          <Link prefetch={false} href={qs(page.nextCursor)}>
            Next page →
          </Link>
        )}
      </div>
    </div>
  );
}
