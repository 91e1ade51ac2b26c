import { getAdminCaller } from '@levqor/app-kit/server-caller';
import {
  Badge,
  Card,
  DescriptionList,
  EmptyState,
  formatCents,
  PageHeader,
  StatusBadge,
  TableScroll,
} from '@levqor/ui';
import Link from 'next/link';
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
        <TableScroll label="Members (scrolls sideways)">
          <table className="table" aria-label="Members">
            <thead>
              <tr>
                <th>Email</th>
                <th>Workspace role</th>
                <th>Account role</th>
              </tr>
            </thead>
            <tbody>
              {ws.members.map((m) => (
                <tr key={m.userId}>
                  <td className="cell-wrap">
                    <Link prefetch={false} href={`/accounts/users/${m.userId}`}>
                      {m.email}
                    </Link>
                  </td>
                  <td>{m.role}</td>
                  <td>{m.userRole}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>
      <Card title="API keys (metadata only)">
        {ws.keys.length === 0 ? (
          <EmptyState title="No API keys" />
        ) : (
          <TableScroll label="API keys (scrolls sideways)">
            <table className="table" aria-label="API keys">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Prefix</th>
                  <th>Scopes</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>State</th>
                </tr>
              </thead>
              <tbody>
                {ws.keys.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td className="cell-wrap">{k.scopes.join(', ')}</td>
                    <td>{day(k.createdAt)}</td>
                    <td>{day(k.lastUsedAt)}</td>
                    <td>
                      {k.revokedAt ? (
                        <Badge tone="danger">revoked</Badge>
                      ) : k.expiresAt && k.expiresAt < new Date() ? (
                        <Badge tone="warn">expired</Badge>
                      ) : (
                        <Badge tone="ok">active</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
      <Card
        title="Recent jobs"
        actions={
          <Link prefetch={false} href={`/jobs?workspace=${encodeURIComponent(ws.id)}`}>
            All jobs →
          </Link>
        }
      >
        {ws.recentJobs.length === 0 ? (
          <EmptyState title="No jobs yet" />
        ) : (
          <TableScroll label="Recent jobs (scrolls sideways)">
            <table className="table" aria-label="Recent jobs">
              <tbody>
                {ws.recentJobs.map((j) => (
                  <tr key={j.id}>
                    <td>
                      <Link prefetch={false} href={`/jobs/${j.id}`}>
                        <code>{j.id}</code>
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={j.status} />
                    </td>
                    <td className="cell-wrap">{j.error ?? ''}</td>
                    <td>{j.createdAt.toISOString().slice(0, 19).replace('T', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
    </div>
  );
}
