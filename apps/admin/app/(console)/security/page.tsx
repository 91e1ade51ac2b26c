import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, buttonClass, EmptyState, PageHeader, TableScroll } from '@levqor/ui';
import Link from 'next/link';

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
const TONE = { info: undefined, warning: 'warn', critical: 'danger' } as const;

type Search = Promise<{ type?: string; severity?: string; cursor?: string }>;

export default async function SecurityPage({ searchParams }: { searchParams: Search }) {
  const { type, severity, cursor } = await searchParams;
  const sev = severity === 'info' || severity === 'warning' || severity === 'critical' ? severity : undefined;
  const page = await (await getAdminCaller('/security')).admin.securityEvents.list({
    type: type || undefined,
    severity: sev,
    cursor: cursor ?? null,
    limit: 50,
  });
  const filters = new URLSearchParams({ ...(type ? { type } : {}), ...(sev ? { severity: sev } : {}) });
  return (
    <div className="stack">
      <PageHeader
        title="Security log"
        description="Emails, IP addresses and actors are stored as keyed hashes, never in clear."
      />
      <form className="row" action="/security" method="get" aria-label="Filter security events">
        <select
          className="select"
          style={{ maxWidth: 240 }}
          name="type"
          defaultValue={type ?? ''}
          aria-label="Event type"
        >
          <option value="">All types</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select
          className="select"
          style={{ maxWidth: 160 }}
          name="severity"
          defaultValue={sev ?? ''}
          aria-label="Severity"
        >
          <option value="">All severities</option>
          <option value="info">info</option>
          <option value="warning">warning</option>
          <option value="critical">critical</option>
        </select>
        <button className={buttonClass('secondary')} type="submit">
          Filter
        </button>
        {(type || sev) && (
          <Link prefetch={false} href="/security">
            Clear
          </Link>
        )}
      </form>
      {page.items.length === 0 ? (
        <div className="card">
          <EmptyState title="No security events match" />
        </div>
      ) : (
        <TableScroll label="Security events (scrolls sideways)" className="card" style={{ padding: 0 }}>
          <table className="table table-compact" data-testid="security-table" aria-label="Security events">
            <thead>
              <tr>
                <th>Time (UTC)</th>
                <th>Type</th>
                <th>Count</th>
                <th>Severity</th>
                <th>Path</th>
                <th>Request</th>
                <th>Email / IP (hashed)</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{e.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
                  <td>
                    <code>{e.type}</code>
                  </td>
                  <td title={e.count > 1 ? 'Refusals of this limit in this window' : undefined}>{e.count}</td>
                  <td>
                    <Badge tone={TONE[e.severity]}>{e.severity}</Badge>
                  </td>
                  <td className="cell-wrap">{e.path ?? '—'}</td>
                  <td className="faint cell-wrap">{e.requestId ?? '—'}</td>
                  <td className="faint nowrap">
                    {e.emailHash ? `${e.emailHash.slice(0, 10)}…` : '—'} /{' '}
                    {e.ipHash ? `${e.ipHash.slice(0, 10)}…` : '—'}
                  </td>
                  <td className="faint cell-wrap">
                    {e.metadata ? JSON.stringify(e.metadata).slice(0, 160) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="row">
        {cursor && (
          <Link prefetch={false} href={`/security?${filters}`}>
            ← Newest
          </Link>
        )}
        {page.nextCursor && (
          <Link
            href={`/security?${new URLSearchParams({ ...Object.fromEntries(filters), cursor: page.nextCursor })}`}
          >
            Older →
          </Link>
        )}
      </div>
    </div>
  );
}
