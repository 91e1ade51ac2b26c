import { Prefetch } from '@levqor/app-kit/prefetch';
import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, DataTable, PageHeader } from '@levqor/ui';
import { OverviewView } from '~/components/overview/overview-view';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const trpc = await getSignedInCaller('/dashboard');
  const [me, members] = await Promise.all([trpc.me.get(), trpc.workspace.members()]);
  const developersUrl = (process.env.LEVQOR_DEVELOPERS_URL ?? 'http://localhost:3002').replace(/\/$/, '');
  return (
    <div className="stack">
      <PageHeader
        title="Overview"
        description={
          <>
            <strong data-testid="workspace-name">{me.workspace.name}</strong>{' '}
            <Badge tone="accent">{me.membershipRole}</Badge> · signed in as {me.email}
          </>
        }
      />
      <Prefetch
        returnTo="/dashboard"
        queries={(t) => [t.dashboard.overview.queryOptions(), t.dashboard.budget.queryOptions({})]}
      >
        <OverviewView developersUrl={developersUrl} canRaise={me.membershipRole === 'owner'} />
      </Prefetch>
      <Card title={`Members (${members.length})`}>
        <p className="faint" style={{ margin: '0 0 12px' }}>
          Workspace ID <code>{me.workspace.id}</code> · created{' '}
          {me.workspace.createdAt.toISOString().slice(0, 10)}
        </p>
        <DataTable
          label="Members"
          empty="No members"
          rows={members}
          rowKey={(m) => m.userId}
          columns={[
            { header: 'Name', cell: (m) => m.name ?? '—' },
            { header: 'Email', className: 'cell-wrap', cell: (m) => m.email },
            {
              header: 'Role',
              cell: (m) => <Badge tone={m.role === 'owner' ? 'accent' : undefined}>{m.role}</Badge>,
            },
            { header: 'Joined', className: 'nowrap', cell: (m) => m.joinedAt.toISOString().slice(0, 10) },
          ]}
        />
      </Card>
    </div>
  );
}
