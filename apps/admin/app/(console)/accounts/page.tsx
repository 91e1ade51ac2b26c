import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, DataTable, FilterForm, PageHeader, PageLinks } from '@levqor/ui';

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
      <FilterForm
        action="/accounts"
        submitLabel="Search"
        fields={[
          {
            name: 'q',
            label: 'Search accounts',
            type: 'search',
            placeholder: 'Email, name, workspace name or id',
            defaultValue: query,
            style: { maxWidth: 360 },
          },
        ]}
      />
      <Card title="Workspaces">
        <DataTable
          label="Workspaces"
          testId="workspaces-table"
          empty={query ? `No workspace matches “${query}”` : 'No workspaces yet'}
          rows={result.workspaces}
          rowKey={(w) => w.id}
          columns={[
            {
              header: 'Name',
              href: (w) => `/accounts/workspaces/${w.id}`,
              cell: (w) => w.name,
              className: 'cell-wrap',
            },
            { header: 'Id', cell: (w) => <code>{w.id}</code> },
            { header: 'Plan', cell: (w) => <Badge>{w.plan}</Badge> },
            { header: 'Members', cell: (w) => w.members },
            { header: 'Created', cell: (w) => w.createdAt.toISOString().slice(0, 10) },
          ]}
        />
      </Card>
      <Card title="Users">
        <DataTable
          label="Users"
          testId="accounts-users-table"
          empty={query ? `No user matches “${query}”` : 'No users yet'}
          rows={result.users}
          rowKey={(u) => u.id}
          columns={[
            {
              header: 'Email',
              href: (u) => `/accounts/users/${u.id}`,
              cell: (u) => u.email,
              className: 'cell-wrap',
            },
            { header: 'Name', cell: (u) => u.name ?? '—' },
            {
              header: 'Role',
              cell: (u) => <Badge tone={u.role === 'admin' ? 'accent' : undefined}>{u.role}</Badge>,
            },
            { header: 'Created', cell: (u) => u.createdAt.toISOString().slice(0, 10) },
          ]}
        />
      </Card>
      <PageLinks
        previousHref={page > 0 ? link(page - 1) : null}
        nextHref={result.hasMore ? link(page + 1) : null}
      />
    </div>
  );
}
