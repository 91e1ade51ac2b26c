'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';

/** Acknowledge (stops escalation) or resolve an alert — each asks why and is audited with the reason. */
export function AlertActions({
  alert,
}: {
  alert: { id: string; message: string; status: 'open' | 'acknowledged' | 'resolved' | string };
}) {
  const client = useTRPCClient();
  if (alert.status === 'resolved') return <span className="faint">—</span>;
  return (
    <div className="row" style={{ flexWrap: 'wrap' }}>
      {alert.status === 'open' ? (
        <ConfirmButton
          reason
          refresh
          danger={false}
          label="Acknowledge"
          title="Acknowledge this alert?"
          confirmLabel="Acknowledge"
          buttonClassName="btn-sm"
          testId={`acknowledge-${alert.id}`}
          action={(reason) => client.admin.alerts.acknowledge.mutate({ id: alert.id, reason })}
        >
          <p>{alert.message}</p>
          <p>It stops escalating; it stays listed until it is resolved.</p>
        </ConfirmButton>
      ) : null}
      <ConfirmButton
        reason
        refresh
        label="Resolve"
        title="Resolve this alert?"
        confirmLabel="Resolve"
        buttonClassName="btn-sm"
        testId={`resolve-${alert.id}`}
        action={(reason) => client.admin.alerts.resolve.mutate({ id: alert.id, reason })}
      >
        <p>{alert.message}</p>
        <p>Its rule opens a new alert the next time it fires.</p>
      </ConfirmButton>
    </div>
  );
}
