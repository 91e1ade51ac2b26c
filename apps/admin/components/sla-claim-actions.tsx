'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';

/** Approve (credit + Stripe balance credit) or reject (owner emailed the reason) a pending claim. */
export function SlaClaimActions({
  claim,
  credit,
  hasCustomer,
}: {
  claim: { id: string };
  credit: string;
  hasCustomer: boolean;
}) {
  const client = useTRPCClient();
  return (
    <div className="row" style={{ flexWrap: 'wrap' }}>
      <ConfirmButton
        reason
        refresh
        danger={false}
        label="Approve"
        title={`Approve a ${credit} credit?`}
        confirmLabel="Approve"
        buttonClassName="btn-sm"
        testId={`approve-${claim.id}`}
        action={(reason) => client.admin.slaClaims.approve.mutate({ id: claim.id, reason })}
      >
        <p>
          {hasCustomer
            ? `The credit is recorded and ${credit} is added to the workspace's Stripe customer balance (used by its next invoice).`
            : 'The workspace has no Stripe customer: the credit is recorded here only; settle it by contract.'}
        </p>
      </ConfirmButton>
      <ConfirmButton
        reason
        refresh
        label="Reject"
        title="Reject this claim?"
        confirmLabel="Reject"
        danger
        buttonClassName="btn-sm"
        testId={`reject-${claim.id}`}
        action={(reason) => client.admin.slaClaims.reject.mutate({ id: claim.id, reason })}
      >
        <p>The workspace owner is emailed the reason you give.</p>
      </ConfirmButton>
    </div>
  );
}
