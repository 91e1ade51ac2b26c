import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { ACCOUNT_STATUSES, type AccountStatus, ZAccountFilters } from '@levqor/core';
import { WORKSPACE_PLAN_VALUES } from '@levqor/db/enum-values';
import { Alert, Badge, Card, DataTable, FilterForm, PageHeader, PageLinks } from '@levqor/ui';
import { compact } from '~/components/search-params';

export const metadata = { title: 'Accounts' };

type Search = Promise<{ q?: string; plan?: string; status?: string; page?: string }>;

const STATUS_LABELS: Record<AccountStatus, string> = {
  active: 'Active',
  past_due: 'Past due',
  suspended: 'Suspended',
};
const STATUS_TONES = { active: 'ok', past_due: 'warn', suspended: 'danger' } as const;

export default async function AccountsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const query = sp.q?.trim() || undefined;
  // The procedure's own filter schema: an unknown `?plan=` or `?status=` is told, not silently dropped.
  const planAsked = ZAccountFilters.shape.plan.safeParse(sp.plan || undefined);
  const statusAsked = ZAccountFilters.shape.status.safeParse(sp.status || undefined);
  const unknown = [planAsked, statusAsked].flatMap((r) =>
    r.success ? [] : r.error.issues.map((i) => i.message),
  );
  const plan = planAsked.success ? planAsked.data : undefined;
  const status = statusAsked.success ? statusAsked.data : undefined;
  const page = Math.max(0, Math.min(1_000, Number.parseInt(sp.page ?? '0', 10) || 0));
  const caller = await getAdminCaller('/accounts');
  // No search under a filter that means nothing: its results would look like the answer to it.
  const result =
    unknown.length === 0
      ? await caller.admin.accounts.search({ query, plan, status, page, limit: 20 })
      : null;
  const filters = compact({ q: query, plan, status });
  const filtered = Object.keys(filters).length > 0;
  const link = (p: number) => `/accounts?${new URLSearchParams({ ...filters, page: String(p) })}`;
  const what = [
    query ? `“${query}”` : null,
    plan ? `plan ${plan}` : null,
    status ? STATUS_LABELS[status] : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="stack">
      <PageHeader
        title="Accounts"
        description="Users by email or name; workspaces by name, id or a member’s email. Plan and status narrow the workspaces, and the users to their members."
      />
      <FilterForm
        action="/accounts"
        submitLabel="Search"
        testId="accounts-filters"
        clearHref={filtered || unknown.length > 0 ? '/accounts' : null}
        fields={[
          {
            name: 'q',
            label: 'Search accounts',
            type: 'search',
            placeholder: 'Email, name, workspace name or id',
            defaultValue: query,
            style: { maxWidth: 360 },
          },
          {
            name: 'plan',
            label: 'Plan',
            defaultValue: plan,
            options: [
              { value: '', label: 'Any plan' },
              ...WORKSPACE_PLAN_VALUES.map((p) => ({ value: p, label: p })),
            ],
          },
          {
            name: 'status',
            label: 'Status',
            defaultValue: status,
            options: [
              { value: '', label: 'Any status' },
              ...ACCOUNT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
            ],
          },
        ]}
      />
      {unknown.length > 0 && (
        <Alert kind="error">
          {unknown.map((m) => `${m}.`).join(' ')} Nothing was searched: choose from the list above.
        </Alert>
      )}
      {result && (
        <>
          <Card title="Workspaces">
            <DataTable
              label="Workspaces"
              testId="workspaces-table"
              empty={filtered ? `No workspace matches ${what}` : 'No workspaces yet'}
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
                {
                  header: 'Status',
                  cell: (w) => <Badge tone={STATUS_TONES[w.status]}>{STATUS_LABELS[w.status]}</Badge>,
                },
                { header: 'Members', cell: (w) => w.members },
                { header: 'Created', cell: (w) => w.createdAt.toISOString().slice(0, 10) },
              ]}
            />
          </Card>
          <Card title="Users">
            <DataTable
              label="Users"
              testId="accounts-users-table"
              empty={filtered ? `No user matches ${what}` : 'No users yet'}
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
        </>
      )}
    </div>
  );
}
