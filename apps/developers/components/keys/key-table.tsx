'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Badge, EmptyState, formatDateTime, TableScroll } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import type { ApiKey, CreatedKey } from '../api-types';
import { KeyStatus } from './key-status';
import { RotateKeyButton } from './rotate-key-button';

function KeyActions({
  apiKey,
  onRotated,
  onChanged,
}: {
  apiKey: ApiKey;
  onRotated: (created: CreatedKey) => void;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: onChanged }));
  if (apiKey.status === 'revoked' || apiKey.status === 'expired') return <span className="faint">—</span>;
  return (
    <div className="row" style={{ gap: 8, flexWrap: 'nowrap' }}>
      {apiKey.status === 'active' && <RotateKeyButton apiKey={apiKey} onRotated={onRotated} />}
      <ConfirmButton
        label="Revoke"
        title={`Revoke “${apiKey.name}”?`}
        confirmLabel="Revoke key"
        buttonClassName="btn-sm"
        action={() => revoke.mutateAsync({ id: apiKey.id })}
      >
        <p style={{ margin: 0 }}>
          Requests with <code>{apiKey.prefix}</code> are refused at once, on every instance (401). This cannot
          be undone.
        </p>
      </ConfirmButton>
    </div>
  );
}

export function KeyTable({
  keys,
  onRotated,
  onChanged,
}: {
  keys: ApiKey[];
  onRotated: (created: CreatedKey) => void;
  onChanged: () => void;
}) {
  if (keys.length === 0)
    return (
      <EmptyState title="No API keys yet">
        <p style={{ margin: 0 }}>
          Create one above, or from a terminal:{' '}
          <code>pnpm levqor api-key create --email you@example.com --scopes jobs:read,jobs:write</code>
        </p>
      </EmptyState>
    );
  return (
    <TableScroll label="API keys (scrolls sideways)">
      <table className="table" aria-label="API keys">
        <thead>
          <tr>
            <th>Name</th>
            <th>Key</th>
            <th>Scopes</th>
            <th>Status</th>
            <th>Last used · expires</th>
            <th>Limit</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-testid="key-row" data-key-prefix={k.prefix} data-status={k.status}>
              <td>
                <strong>{k.name}</strong>
                {k.environment === 'test' && (
                  <>
                    {' '}
                    <Badge tone="accent">test</Badge>
                  </>
                )}
                <div className="faint">created {formatDateTime(k.created_at)}</div>
              </td>
              <td className="nowrap">
                <code>{k.prefix}</code>
              </td>
              <td>
                <div className="row" style={{ gap: 4 }}>
                  {k.scopes.map((s) => (
                    <Badge key={s}>{s}</Badge>
                  ))}
                </div>
              </td>
              <td>
                <KeyStatus apiKey={k} />
              </td>
              <td>
                <div>used {k.last_used_at ? formatDateTime(k.last_used_at) : 'never'}</div>
                <div className="faint">expires {k.expires_at ? formatDateTime(k.expires_at) : 'never'}</div>
              </td>
              <td className="nowrap">{k.rate_limit_per_min}/min</td>
              <td>
                <KeyActions apiKey={k} onRotated={onRotated} onChanged={onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
