import { Badge, formatDateTime } from '@levqor/ui';
import type { ApiKey } from '../api-types';

const TONE = { active: 'ok', rotating: 'warn', expired: 'danger', revoked: 'danger' } as const;

/** The key's state; a rotating key says until when it still works. */
export function KeyStatus({ apiKey }: { apiKey: ApiKey }) {
  return (
    <span className="stack" style={{ gap: 2 }}>
      <span data-testid="key-status">
        <Badge tone={TONE[apiKey.status]}>{apiKey.status}</Badge>
      </span>
      {apiKey.status === 'rotating' && apiKey.grace_until && (
        <span className="faint">works until {formatDateTime(apiKey.grace_until)}</span>
      )}
    </span>
  );
}
