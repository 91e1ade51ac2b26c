import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, DataTable, formatCents, formatDateTime, PageHeader } from '@levqor/ui';
import { SlaClaimActions } from '~/components/sla-claim-actions';

export const metadata = { title: 'SLA claims' };

const TONE = { pending: 'warn', approved: 'ok', rejected: 'danger' } as const;

export default async function SlaClaimsPage() {
  const rows = await (await getAdminCaller('/sla-claims')).admin.slaClaims.list({});
  return (
    <div className="stack">
      <PageHeader
        title="SLA claims"
        description="Credits claimed by workspace owners, with the availability measured from the recorded health checks when they filed. Pending first."
      />
      <DataTable
        label="SLA claims"
        testId="sla-claims-table"
        empty="No claim filed"
        framed
        rows={rows}
        rowKey={(r) => r.claim.id}
        rowTestId={(r) => `claim-${r.claim.id}`}
        columns={[
          {
            header: 'Workspace',
            className: 'cell-wrap',
            href: (r) => `/accounts/workspaces/${r.claim.workspaceId}`,
            cell: (r) => r.workspaceName,
          },
          { header: 'Month', cell: (r) => r.claim.month },
          {
            header: 'Availability',
            cell: ({ claim: c }) => (
              <>
                {(c.availability * 100).toFixed(3)}% <span className="muted">({c.measuredMinutes} min)</span>
              </>
            ),
          },
          {
            header: 'Credit',
            cell: ({ claim: c }) => (
              <>
                {c.creditPercent}% of {formatCents(c.feeCents)} ={' '}
                <strong>{formatCents(c.creditCents)}</strong>
              </>
            ),
          },
          { header: 'Filed', cell: (r) => formatDateTime(r.claim.filedAt.toISOString()) },
          { header: 'Status', cell: (r) => <Badge tone={TONE[r.claim.status]}>{r.claim.status}</Badge> },
          {
            header: 'Decision',
            className: 'cell-wrap',
            cell: ({ claim: c, stripeCustomerId }) =>
              c.status === 'pending' ? (
                <SlaClaimActions
                  claim={c}
                  credit={formatCents(c.creditCents)}
                  hasCustomer={!!stripeCustomerId}
                />
              ) : (
                <>
                  {c.decisionReason}
                  {c.stripeBalanceTransactionId && (
                    <div className="muted">
                      Stripe <code>{c.stripeBalanceTransactionId}</code>
                    </div>
                  )}
                </>
              ),
          },
        ]}
      />
    </div>
  );
}
