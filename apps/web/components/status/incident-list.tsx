import { Badge } from '@levqor/ui';
import { INCIDENT_STAGE, utc } from './status-view';

interface IncidentView {
  id: string;
  title: string;
  impact: 'minor' | 'major' | 'critical';
  components: string[];
  status: keyof typeof INCIDENT_STAGE;
  createdAt: string | Date;
  resolvedAt: string | Date | null;
  updates: { id: string; status: keyof typeof INCIDENT_STAGE; message: string; createdAt: string | Date }[];
}

const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString());

/** Incidents with their public timeline, newest update first. */
export function IncidentList({ incidents, empty }: { incidents: IncidentView[]; empty: string }) {
  if (incidents.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="stack incident-list">
      {incidents.map((i) => (
        <li key={i.id} className="card stack" data-testid={`incident-${i.id}`}>
          <h3 className="row">
            <span>{i.title}</span>
            <Badge tone={i.status === 'resolved' ? 'ok' : i.impact === 'minor' ? 'warn' : 'danger'}>
              {INCIDENT_STAGE[i.status]}
            </Badge>
          </h3>
          <p className="muted">
            {i.impact} impact · affects {i.components.join(', ')} · opened {utc(iso(i.createdAt))}
            {i.resolvedAt ? ` · resolved ${utc(iso(i.resolvedAt))}` : ''}
          </p>
          <ol className="incident-updates">
            {i.updates.map((u) => (
              <li key={u.id}>
                <strong>{INCIDENT_STAGE[u.status]}</strong>{' '}
                <time dateTime={iso(u.createdAt)}>{utc(iso(u.createdAt))}</time>
                <p>{u.message}</p>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ul>
  );
}
