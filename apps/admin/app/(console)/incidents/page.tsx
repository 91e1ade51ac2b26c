import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, EmptyState, formatDateTime, PageHeader } from '@levqor/ui';
import { CreateIncidentForm, UpdateIncidentForm } from '~/components/incident-forms';

export const metadata = { title: 'Incidents' };

export default async function IncidentsPage() {
  const incidents = await (await getAdminCaller('/incidents')).admin.incidents.list();
  return (
    <div className="stack">
      <PageHeader
        title="Incidents"
        description="What customers read on the public status page (/status). Every incident and update asks why and is audited."
      />
      <Card title="Open an incident">
        <CreateIncidentForm />
      </Card>
      {incidents.length === 0 ? (
        <div className="card">
          <EmptyState title="No incident in the last year" />
        </div>
      ) : (
        incidents.map((i) => (
          <Card
            key={i.id}
            title={
              <span className="row">
                {i.title} <Badge tone={i.status === 'resolved' ? 'ok' : 'warn'}>{i.status}</Badge>
              </span>
            }
            actions={i.status === 'resolved' ? undefined : <UpdateIncidentForm incident={i} />}
          >
            <p className="muted" data-testid={`admin-incident-${i.id}`}>
              <code>{i.id}</code> · {i.impact} · {i.components.join(', ')} · opened{' '}
              {formatDateTime(i.createdAt.toISOString())}
            </p>
            <ol>
              {i.updates.map((u) => (
                <li key={u.id}>
                  <strong>{u.status}</strong> {formatDateTime(u.createdAt.toISOString())} — {u.message}
                </li>
              ))}
            </ol>
          </Card>
        ))
      )}
    </div>
  );
}
