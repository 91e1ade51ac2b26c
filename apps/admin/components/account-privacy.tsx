import type { getAccountPrivacy } from '@levqor/core';
import { Badge, Card, DataTable } from '@levqor/ui';
import { utc } from './search-params';

type Privacy = Awaited<ReturnType<typeof getAccountPrivacy>>;

/**
 * An account's consent records and data-subject requests (user and workspace detail pages). `byPerson`
 * adds a column naming whose they are (a workspace shows all its members').
 */
export function AccountPrivacy({
  consents,
  requests,
  byPerson = false,
}: {
  consents: Privacy['consents'];
  requests: Privacy['requests'];
  byPerson?: boolean;
}) {
  const person = byPerson
    ? [{ header: 'Person', className: 'cell-wrap', cell: (r: { email: string | null }) => r.email ?? '—' }]
    : [];
  return (
    <>
      <Card title="Consents">
        <DataTable
          label="Consents"
          testId="account-consents"
          empty="No consent records"
          rows={consents}
          rowKey={(c) => c.id}
          columns={[
            ...person,
            { header: 'Purpose', className: 'cell-wrap', cell: (c) => c.purpose },
            {
              header: 'Decision',
              cell: (c) => (
                <Badge tone={c.granted ? 'ok' : 'warn'}>
                  {c.granted ? 'granted' : 'withdrawn'} ({c.action})
                </Badge>
              ),
            },
            { header: 'When (UTC)', cell: (c) => utc(c.createdAt) },
            {
              header: 'Source',
              className: 'cell-wrap',
              cell: (c) => (c.source ? `${c.method} · ${c.source}` : c.method),
            },
          ]}
        />
      </Card>
      <Card title="Data-subject requests">
        <DataTable
          label="Data-subject requests"
          testId="account-dsars"
          empty="No data-subject requests"
          rows={requests}
          rowKey={(r) => r.id}
          columns={[
            ...person,
            { header: 'Type', cell: (r) => r.kind },
            {
              header: 'Status',
              cell: (r) => (
                <>
                  {r.status} {r.overdue ? <Badge tone="danger">overdue</Badge> : null}
                </>
              ),
            },
            { header: 'Requested (UTC)', cell: (r) => utc(r.requestedAt) },
            { header: 'Due (UTC)', cell: (r) => utc(r.dueAt) },
            { header: 'Completed (UTC)', cell: (r) => (r.completedAt ? utc(r.completedAt) : '—') },
          ]}
        />
      </Card>
    </>
  );
}
