import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, DataTable, DescriptionList, formatCents, PageHeader, StatusBadge } from '@levqor/ui';
import Link from 'next/link';
import { AccountPrivacy } from '~/components/account-privacy';
import { WorkspaceBillingActions } from '~/components/billing-actions';

export const metadata = { title: 'Workspace' };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

export default async function WorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ws = await (await getAdminCaller(`/accounts/workspaces/${id}`)).admin.accounts.workspace({ id });
  return (
    <div className="stack">
      <PageHeader title={ws.name} description={ws.id} />
      <Card title="Overview">
        <DescriptionList
          items={[
            { label: 'Plan', value: <Badge>{ws.plan}</Badge> },
            { label: 'Created', value: day(ws.createdAt) },
            { label: `Budget (${ws.budget.month})`, value: formatCents(ws.budget.budgetCents) },
            { label: 'Spent', value: formatCents(ws.budget.spentCents) },
            { label: 'Reserved', value: formatCents(ws.budget.reservedCents) },
            {
              label: 'Standing',
              value: ws.suspendedAt ? (
                <Badge tone="danger">suspended: {ws.suspendedReason ?? 'no reason recorded'}</Badge>
              ) : (
                <Badge tone="ok">active</Badge>
              ),
            },
          ]}
        />
      </Card>
      <Card title="Billing overrides">
        <WorkspaceBillingActions
          workspace={{ id: ws.id, name: ws.name, plan: ws.plan, suspended: !!ws.suspendedAt }}
        />
      </Card>
      <Card title="Members">
        <DataTable
          label="Members"
          empty="No members"
          rows={ws.members}
          rowKey={(m) => m.userId}
          columns={[
            {
              header: 'Email',
              className: 'cell-wrap',
              href: (m) => `/accounts/users/${m.userId}`,
              cell: (m) => m.email,
            },
            { header: 'Workspace role', cell: (m) => m.role },
            { header: 'Account role', cell: (m) => m.userRole },
          ]}
        />
      </Card>
      <Card title="API keys (metadata only)">
        <DataTable
          label="API keys"
          empty="No API keys"
          rows={ws.keys}
          rowKey={(k) => k.id}
          columns={[
            { header: 'Name', cell: (k) => k.name },
            { header: 'Prefix', cell: (k) => <code>{k.prefix}…</code> },
            { header: 'Scopes', className: 'cell-wrap', cell: (k) => k.scopes.join(', ') },
            { header: 'Created', cell: (k) => day(k.createdAt) },
            { header: 'Last used', cell: (k) => day(k.lastUsedAt) },
            {
              header: 'State',
              cell: (k) =>
                k.revokedAt ? (
                  <Badge tone="danger">revoked</Badge>
                ) : k.expiresAt && k.expiresAt < new Date() ? (
                  <Badge tone="warn">expired</Badge>
                ) : (
                  <Badge tone="ok">active</Badge>
                ),
            },
          ]}
        />
      </Card>
      <Card
        title="Recent jobs"
        actions={
          <Link prefetch={false} href={`/jobs?workspace=${encodeURIComponent(ws.id)}`}>
            All jobs →
          </Link>
        }
      >
        <DataTable
          label="Recent jobs"
          empty="No jobs yet"
          rows={ws.recentJobs}
          rowKey={(j) => j.id}
          columns={[
            { header: 'Job', href: (j) => `/jobs/${j.id}`, cell: (j) => <code>{j.id}</code> },
            { header: 'Status', cell: (j) => <StatusBadge status={j.status} /> },
            { header: 'Error', className: 'cell-wrap', cell: (j) => j.error ?? '' },
            {
              header: 'Created (UTC)',
              cell: (j) => j.createdAt.toISOString().slice(0, 19).replace('T', ' '),
            },
          ]}
        />
      </Card>
      <AccountPrivacy consents={ws.consents} requests={ws.privacyRequests} byPerson />
    </div>
  );
}
