import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, DataTable, PageHeader } from '@levqor/ui';
import { CreateFlagForm, FlagControls, FlagOverrideForm } from '~/components/flag-controls';

export const metadata = { title: 'Feature flags' };

export default async function FlagsPage() {
  const flags = await (await getAdminCaller('/flags')).admin.featureFlags.list();
  return (
    <div className="stack">
      <PageHeader
        title="Feature flags"
        description="Read by every process through a cache that PostgreSQL NOTIFY refreshes: a change applies within a second. Every change asks why and is audited."
      />
      <Card title="New flag">
        <CreateFlagForm />
      </Card>
      <DataTable
        label="Feature flags"
        testId="flags-table"
        empty="No flags yet"
        framed
        rows={flags}
        rowKey={(f) => f.key}
        rowTestId={(f) => `flag-${f.key}`}
        columns={[
          {
            header: 'Flag',
            className: 'cell-wrap',
            cell: (f) => (
              <>
                <code>{f.key}</code>
                {f.description && <div className="muted">{f.description}</div>}
              </>
            ),
          },
          {
            header: 'State',
            cell: (f) =>
              f.killed ? (
                <Badge tone="danger">killed</Badge>
              ) : (
                <Badge tone={f.enabled ? 'ok' : undefined}>{f.enabled ? 'on' : 'off'}</Badge>
              ),
          },
          { header: 'Rollout', numeric: true, cell: (f) => `${f.rolloutPercent}%` },
          {
            header: 'Overrides',
            className: 'cell-wrap',
            cell: (f) =>
              f.overrides.length === 0
                ? '—'
                : f.overrides.map((o) => (
                    <div key={o.workspaceId}>
                      {o.workspaceName} <code>{o.workspaceId}</code>: {o.enabled ? 'on' : 'off'}
                    </div>
                  )),
          },
          {
            header: 'Actions',
            cell: (f) => (
              <>
                <FlagControls flag={f} />
                <FlagOverrideForm flagKey={f.key} />
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
