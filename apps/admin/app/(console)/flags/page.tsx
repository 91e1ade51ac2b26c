import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, EmptyState, PageHeader, TableScroll } from '@levqor/ui';
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
      {flags.length === 0 ? (
        <div className="card">
          <EmptyState title="No flags yet" />
        </div>
      ) : (
        <TableScroll label="Feature flags (scrolls sideways)">
          <table className="table" data-testid="flags-table" aria-label="Feature flags">
            <thead>
              <tr>
                <th>Flag</th>
                <th>State</th>
                <th>Rollout</th>
                <th>Overrides</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {flags.map((f) => (
                <tr key={f.key} data-testid={`flag-${f.key}`}>
                  <td className="cell-wrap">
                    <code>{f.key}</code>
                    {f.description && <div className="muted">{f.description}</div>}
                  </td>
                  <td>
                    {f.killed ? (
                      <Badge tone="danger">killed</Badge>
                    ) : (
                      <Badge tone={f.enabled ? 'ok' : undefined}>{f.enabled ? 'on' : 'off'}</Badge>
                    )}
                  </td>
                  <td>{f.rolloutPercent}%</td>
                  <td className="cell-wrap">
                    {f.overrides.length === 0
                      ? '—'
                      : f.overrides.map((o) => (
                          <div key={o.workspaceId}>
                            {o.workspaceName} <code>{o.workspaceId}</code>: {o.enabled ? 'on' : 'off'}
                          </div>
                        ))}
                  </td>
                  <td>
                    <FlagControls flag={f} />
                    <FlagOverrideForm flagKey={f.key} />
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
