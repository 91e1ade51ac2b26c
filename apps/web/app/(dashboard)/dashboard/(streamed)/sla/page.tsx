import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Alert, Badge, Card, DataTable, formatCents, PageHeader } from '@levqor/ui';
import Link from 'next/link';
import type { SlaMonth } from '~/components/api-types';
import { FileClaimButton } from '~/components/sla/file-claim-button';

export const metadata = { title: 'SLA and credits' };

const pct = (r: number | null) => (r === null ? 'no measurements' : `${(r * 100).toFixed(3)}%`);
const STATUS_TONE = { pending: 'warn', approved: 'ok', rejected: 'danger' } as const;

export default async function SlaPage() {
  const trpc = await getSignedInCaller('/dashboard/sla');
  const { role, months } = await trpc.sla.overview();
  return (
    <div className="stack">
      <PageHeader
        title="SLA and credits"
        description={
          <>
            Measured monthly availability of the dashboard, the REST API and the database, and the service
            credits due under the <Link href="/sla">SLA</Link> (99.5% target).
          </>
        }
      />
      {role !== 'owner' && (
        <Alert kind="info">Only the workspace owner can file a claim; this page is read-only for you.</Alert>
      )}
      <Card title="The last six months (UTC)">
        <DataTable
          label="Monthly availability"
          testId="sla-months"
          empty="No month measured yet"
          rows={months}
          rowKey={(m) => m.month}
          rowTestId={(m) => `sla-${m.month}`}
          columns={[
            { header: 'Month', cell: (m) => m.month },
            { header: 'Availability', numeric: true, cell: (m) => pct(m.availability) },
            {
              header: 'Measured minutes',
              numeric: true,
              cell: (m) => m.measuredMinutes.toLocaleString('en-US'),
            },
            {
              header: 'Credit',
              cell: (m) =>
                m.creditPercent === 0
                  ? '—'
                  : `${m.creditPercent}% of ${formatCents(m.feeCents)} = ${formatCents(m.creditCents)}`,
            },
            { header: 'Claim', className: 'cell-wrap', cell: (m) => <ClaimCell month={m} /> },
          ]}
        />
      </Card>
      <p className="muted">
        How it is measured: every minute Levqor records health checks of the dashboard, the REST API and the
        database. A minute counts as up when every check recorded in it passed; availability is up minutes ÷
        measured minutes. Minutes with no recorded check are not counted either way. Claims open when a month
        ends and close 30 days later.
      </p>
    </div>
  );
}

/** A month's claim: its decision, the button to file it, or why it cannot be filed. */
function ClaimCell({ month: m }: { month: SlaMonth }) {
  if (m.claim)
    return (
      <>
        <Badge tone={STATUS_TONE[m.claim.status]}>{m.claim.status}</Badge> {formatCents(m.claim.creditCents)}
        {m.claim.status !== 'pending' && m.claim.decisionReason && (
          <div className="muted">{m.claim.decisionReason}</div>
        )}
      </>
    );
  if (m.claimable) return <FileClaimButton month={m.month} credit={formatCents(m.creditCents)} />;
  return (
    <span className="muted">
      {m.note}
      {m.window === 'open' && m.creditPercent > 0 && ` · claims until ${m.closesAt.slice(0, 10)}`}
    </span>
  );
}
