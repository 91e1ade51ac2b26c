import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, DataTable, DescriptionList, EmptyState, PageHeader } from '@levqor/ui';
import Link from 'next/link';
import { AccountPrivacy } from '~/components/account-privacy';
import { UserAdminActions } from '~/components/user-admin-actions';

export const metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await (await getAdminCaller(`/accounts/users/${id}`)).admin.accounts.user({ id });
  return (
    <div className="stack">
      <PageHeader title={user.email} description={user.id} />
      <UserAdminActions user={user} />
      <Card title="Account">
        <DescriptionList
          items={[
            { label: 'Name', value: user.name ?? '—' },
            {
              label: 'Role',
              value: (
                <span data-testid="user-role">
                  <Badge tone={user.role === 'admin' ? 'accent' : undefined}>{user.role}</Badge>
                </span>
              ),
            },
            { label: 'Live sessions', value: <span data-testid="live-sessions">{user.liveSessions}</span> },
            { label: 'Created', value: user.createdAt.toISOString().slice(0, 10) },
          ]}
        />
      </Card>
      <Card title="Workspaces">
        {user.workspaces.length === 0 ? (
          <EmptyState title="Member of no workspace" />
        ) : (
          <ul>
            {user.workspaces.map((w) => (
              <li key={w.workspaceId}>
                <Link prefetch={false} href={`/accounts/workspaces/${w.workspaceId}`}>
                  {w.name}
                </Link>{' '}
                <span className="faint">
                  {w.role} · {w.plan}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Recent security events">
        <DataTable
          label="Security events"
          empty="No security events for this user"
          rows={user.securityEvents}
          rowKey={(e) => e.id}
          columns={[
            { header: 'Type', cell: (e) => e.type },
            { header: 'Severity', cell: (e) => e.severity },
            { header: 'Path', className: 'cell-wrap', cell: (e) => e.path ?? '' },
            { header: 'Count', numeric: true, cell: (e) => e.count },
            { header: 'Time (UTC)', cell: (e) => e.createdAt.toISOString().slice(0, 19).replace('T', ' ') },
          ]}
        />
      </Card>
      <AccountPrivacy consents={user.consents} requests={user.privacyRequests} />
    </div>
  );
}
