import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, DataTable, FilterForm, PageHeader, PageLinks } from '@levqor/ui';

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
  const here = (c?: string) =>
    `/users?${new URLSearchParams({ ...(query ? { q: query } : {}), ...(c ? { cursor: c } : {}) })}`;
  return (
    <div className="stack">
      <PageHeader title="Users" description="Every account, ordered by email." />
      <FilterForm
        action="/users"
        submitLabel="Search"
        clearHref={query ? '/users' : null}
        fields={[
          {
            name: 'q',
            label: 'Search by email',
            placeholder: 'Search by email',
            type: 'search',
            defaultValue: query,
            style: { maxWidth: 360 },
          },
        ]}
      />
      <DataTable
        label="Users"
        testId="users-table"
        empty={query ? `No user matches “${query}”` : 'No users yet'}
        framed
        rows={page.items}
        rowKey={(u) => u.id}
        columns={[
          { header: 'Email', className: 'cell-wrap', cell: (u) => u.email },
          { header: 'Name', cell: (u) => u.name ?? '—' },
          {
            header: 'Role',
            cell: (u) => <Badge tone={u.role === 'admin' ? 'accent' : undefined}>{u.role}</Badge>,
          },
          { header: 'Created', cell: (u) => u.createdAt.toISOString().slice(0, 10) },
        ]}
      />
      <PageLinks
        firstHref={cursor ? here() : null}
        nextHref={page.nextCursor ? here(page.nextCursor) : null}
      />
    </div>
  );
}
