import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, EmptyState, formatCents, formatDateTime, PageHeader, TableScroll } from '@levqor/ui';
import Link from 'next/link';
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
      {rows.length === 0 ? (
        <div className="card">
          <EmptyState title="No claim filed" />
        </div>
      ) : (
        <TableScroll label="SLA claims (scrolls sideways)">
          <table className="table" data-testid="sla-claims-table" aria-label="SLA claims">
            <thead>
              <tr>
                <th>Workspace</th>
                <th>Month</th>
                <th>Availability</th>
                <th>Credit</th>
                <th>Filed</th>
                <th>Status</th>
                <th>Decision</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ claim: c, workspaceName, stripeCustomerId }) => (
                <tr key={c.id} data-testid={`claim-${c.id}`}>
                  <td className="cell-wrap">
                    <Link href={`/accounts/workspaces/${c.workspaceId}`}>{workspaceName}</Link>
                  </td>
                  <td>{c.month}</td>
                  <td>
                    {(c.availability * 100).toFixed(3)}%{' '}
                    <span className="muted">({c.measuredMinutes} min)</span>
                  </td>
                  <td>
                    {c.creditPercent}% of {formatCents(c.feeCents)} ={' '}
                    <strong>{formatCents(c.creditCents)}</strong>
                  </td>
                  <td>{formatDateTime(c.filedAt.toISOString())}</td>
                  <td>
                    <Badge tone={TONE[c.status]}>{c.status}</Badge>
                  </td>
                  <td className="cell-wrap">
                    {c.status === 'pending' ? (
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
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
