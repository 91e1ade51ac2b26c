'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Button, formatDateTime, formatDuration, JsonView, StatusBadge } from '@levqor/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Delivery } from '../api-types';

function AttemptLog({ delivery }: { delivery: Delivery }) {
  if (delivery.attempt_log.length === 0) return <span className="faint">{delivery.attempts}</span>;
  return (
    <details className="disclosure">
      <summary>{delivery.attempts}</summary>
      <ol className="attempt-log">
        {delivery.attempt_log.map((a) => (
          <li key={a.attempt}>
            <span className="nowrap">
              #{a.attempt} · {a.status_code ?? 'no response'} · {formatDuration(a.duration_ms)}
            </span>
            <span className="faint"> {formatDateTime(a.created_at)}</span>
            {a.error && <div className="field-error">{a.error}</div>}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function DeliveryRow({ delivery: d }: { delivery: Delivery }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const redeliver = useMutation(
    trpc.developer.redeliver.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.developer.deliveries.pathKey() }),
    }),
  );
  return (
    <tr data-testid="delivery-row" data-delivery-id={d.id}>
      <td className="nowrap">{formatDateTime(d.created_at)}</td>
      <td>
        <code>{d.event_type}</code>
        <JsonView value={d.payload} summary="Payload" maxHeight={240} />
      </td>
      <td className="cell-url" title={d.url}>
        {d.url}
      </td>
      <td>
        <StatusBadge status={d.status} />
        {d.last_error && d.status !== 'succeeded' && <div className="faint">{d.last_error}</div>}
      </td>
      <td>
        <AttemptLog delivery={d} />
      </td>
      <td>{d.last_status_code ?? '—'}</td>
      <td className="nowrap">{formatDuration(d.last_duration_ms)}</td>
      <td>
        <Button
          variant="secondary"
          className="btn-sm"
          disabled={redeliver.isPending || d.status === 'pending'}
          title={
            d.status === 'pending'
              ? 'In progress: it can be sent again once it has succeeded or failed'
              : undefined
          }
          onClick={() => redeliver.mutate({ id: d.id })}
        >
          {redeliver.isPending ? 'Sending…' : 'Redeliver'}
        </Button>
        {redeliver.error && <div className="field-error">{errorMessage(redeliver.error)}</div>}
      </td>
    </tr>
  );
}
