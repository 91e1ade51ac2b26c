'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';
import { WORKSPACE_PLAN_VALUES } from '@levqor/db/enum-values';
import type { WorkspacePlan as Plan } from '@levqor/db/enums';
import { Field, Select } from '@levqor/ui';
import { useId, useState } from 'react';

const PLANS = WORKSPACE_PLAN_VALUES;

/** Suspension override (suspend or restore) and plan override of one workspace; each asks why and is audited. */
export function WorkspaceBillingActions({
  workspace,
}: {
  workspace: { id: string; name: string; plan: Plan; suspended: boolean };
}) {
  const client = useTRPCClient();
  const planId = useId();
  const [plan, setPlan] = useState<Plan>(workspace.plan);
  return (
    <div className="row">
      {workspace.suspended ? (
        <ConfirmButton
          reason
          refresh
          danger={false}
          buttonClassName="btn-sm"
          label="Restore"
          title={`Restore ${workspace.name}?`}
          confirmLabel="Restore"
          testId={`restore-${workspace.id}`}
          action={(reason) => client.admin.billing.restore.mutate({ workspaceId: workspace.id, reason })}
        >
          <p>Intake accepts new jobs again at once. An unpaid invoice stays unpaid.</p>
        </ConfirmButton>
      ) : (
        <ConfirmButton
          reason
          refresh
          buttonClassName="btn-sm"
          label="Suspend"
          title={`Suspend ${workspace.name}?`}
          confirmLabel="Suspend"
          testId={`suspend-${workspace.id}`}
          action={(reason) => client.admin.billing.suspend.mutate({ workspaceId: workspace.id, reason })}
        >
          <p>New jobs are refused (403 account-suspended); jobs already accepted finish.</p>
        </ConfirmButton>
      )}
      <ConfirmButton
        reason
        refresh
        danger={false}
        buttonClassName="btn-sm"
        label="Set plan…"
        title={`Set the plan of ${workspace.name}`}
        confirmLabel="Set plan"
        testId={`set-plan-${workspace.id}`}
        action={(reason) => client.admin.billing.setPlan.mutate({ workspaceId: workspace.id, plan, reason })}
      >
        <p>Limits follow at once. Stripe is not changed: its next subscription event sets the plan again.</p>
        <Field label="Plan" htmlFor={planId}>
          <Select id={planId} value={plan} onChange={(e) => setPlan(e.target.value as Plan)}>
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
      </ConfirmButton>
    </div>
  );
}

/** Hands a stored Stripe event to the engine again (audited); says so when it was processed already. */
export function ReplayStripeEvent({ eventId }: { eventId: string }) {
  const client = useTRPCClient();
  return (
    <ConfirmButton
      reason
      refresh
      danger={false}
      buttonClassName="btn-sm"
      label="Replay"
      title={`Process ${eventId} again?`}
      confirmLabel="Replay"
      testId={`replay-${eventId}`}
      action={async (reason) => {
        const r = await client.admin.billing.replayStripeEvent.mutate({ eventId, reason });
        if (!r.replayed) throw new Error(r.message);
      }}
    >
      <p>A new processing run starts; applying an event is idempotent, so nothing is applied twice.</p>
    </ConfirmButton>
  );
}
