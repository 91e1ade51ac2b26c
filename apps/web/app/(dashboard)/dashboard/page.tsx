import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, PageHeader } from '@levqor/ui';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const trpc = await getSignedInCaller('/dashboard');
  const [me, members] = await Promise.all([trpc.me.get(), trpc.workspace.members()]);
  return (
    <div className="stack">
      <PageHeader title="Overview" description={`Signed in as ${me.email}`} />
      <Card title="Workspace">
        <p style={{ margin: 0 }}>
          <strong data-testid="workspace-name">{me.workspace.name}</strong>{' '}
          <Badge tone="accent">{me.membershipRole}</Badge>
        </p>
        <p className="faint" style={{ margin: '4px 0 0' }}>
          ID <code>{me.workspace.id}</code> · created {me.workspace.createdAt.toISOString().slice(0, 10)}
        </p>
      </Card>
      <Card title={`Members (${members.length})`}>
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Joined</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>{m.name ?? '—'}</td>
                <td>{m.email}</td>
                <td>
                  <Badge tone={m.role === 'owner' ? 'accent' : undefined}>{m.role}</Badge>
                </td>
                <td>{m.joinedAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
