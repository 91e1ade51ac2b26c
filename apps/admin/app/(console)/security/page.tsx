import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, DataTable, FilterForm, PageHeader, PageLinks } from '@levqor/ui';

export const metadata = { title: 'Security log' };

const TYPES = [
  'signin.requested',
  'signin.succeeded',
  'signin.failed',
  'signin.suspicious',
  'rate_limited',
  'api_key.created',
  'api_key.rotated',
  'api_key.revoked',
  'api_key.invalid',
  'api_auth.blocked',
  'admin.denied',
  'firewall.blocked',
  'ssrf.blocked',
  'webhook.signature_failed',
];
const SEVERITIES = ['info', 'warning', 'critical'] as const;
const TONE = { info: undefined, warning: 'warn', critical: 'danger' } as const;

type Search = Promise<{ type?: string; severity?: string; cursor?: string }>;

export default async function SecurityPage({ searchParams }: { searchParams: Search }) {
  const { type, severity, cursor } = await searchParams;
  const sev = SEVERITIES.find((v) => v === severity);
  const page = await (await getAdminCaller('/security')).admin.securityEvents.list({
    type: type || undefined,
    severity: sev,
    cursor: cursor ?? null,
    limit: 50,
  });
  const filters = { ...(type ? { type } : {}), ...(sev ? { severity: sev } : {}) };
  const here = (c?: string) =>
    `/security?${new URLSearchParams({ ...filters, ...(c ? { cursor: c } : {}) })}`;
  return (
    <div className="stack">
      <PageHeader
        title="Security log"
        description="Emails, IP addresses and actors are stored as keyed hashes, never in clear."
      />
      <FilterForm
        action="/security"
        clearHref={type || sev ? '/security' : null}
        fields={[
          {
            name: 'type',
            label: 'Event type',
            defaultValue: type,
            style: { maxWidth: 240 },
            options: [{ value: '', label: 'All types' }, ...TYPES.map((t) => ({ value: t, label: t }))],
          },
          {
            name: 'severity',
            label: 'Severity',
            defaultValue: sev,
            style: { maxWidth: 160 },
            options: [
              { value: '', label: 'All severities' },
              ...SEVERITIES.map((v) => ({ value: v, label: v })),
            ],
          },
        ]}
      />
      <DataTable
        label="Security events"
        testId="security-table"
        empty="No security events match"
        framed
        compact
        rows={page.items}
        rowKey={(e) => e.id}
        columns={[
          {
            header: 'Time (UTC)',
            className: 'nowrap',
            cell: (e) => e.createdAt.toISOString().replace('T', ' ').slice(0, 19),
          },
          { header: 'Type', cell: (e) => <code>{e.type}</code> },
          {
            header: 'Count',
            numeric: true,
            cell: (e) =>
              e.count > 1 ? <span title="Refusals of this limit in this window">{e.count}</span> : e.count,
          },
          { header: 'Severity', cell: (e) => <Badge tone={TONE[e.severity]}>{e.severity}</Badge> },
          { header: 'Path', className: 'cell-wrap', cell: (e) => e.path ?? '—' },
          { header: 'Request', className: 'faint cell-wrap', cell: (e) => e.requestId ?? '—' },
          {
            header: 'Email / IP (hashed)',
            className: 'faint nowrap',
            cell: (e) =>
              `${e.emailHash ? `${e.emailHash.slice(0, 10)}…` : '—'} / ${e.ipHash ? `${e.ipHash.slice(0, 10)}…` : '—'}`,
          },
          {
            header: 'Details',
            className: 'faint cell-wrap',
            cell: (e) => (e.metadata ? JSON.stringify(e.metadata).slice(0, 160) : ''),
          },
        ]}
      />
      <PageLinks
        firstHref={cursor ? here() : null}
        nextHref={page.nextCursor ? here(page.nextCursor) : null}
      />
    </div>
  );
}
