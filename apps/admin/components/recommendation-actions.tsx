'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';

/** Apply or dismiss an open recommendation — each asks why and is audited. */
export function RecommendationActions({ id, title, kind }: { id: string; title: string; kind: string }) {
  const client = useTRPCClient();
  const effect =
    kind === 'discount'
      ? 'Creates the Stripe coupon and its promotion code.'
      : kind === 'autoscale'
        ? 'Sets the worker.concurrency flag: the local workers take it within seconds (kill the flag to undo).'
        : 'Creates a new monthly USD price of this amount in Stripe on the plan’s product and makes it the plan’s current price: Checkout sells it to new subscribers from now on. Existing subscribers are not moved and keep paying their current price.';
  return (
    <div className="row" style={{ flexWrap: 'wrap' }}>
      <ConfirmButton
        reason
        refresh
        danger={false}
        label="Apply"
        title={`Apply: ${title}?`}
        confirmLabel="Apply"
        buttonClassName="btn-sm"
        testId={`apply-${id}`}
        action={(reason) => client.admin.recommendations.applyOne.mutate({ id, reason })}
      >
        <p>{effect}</p>
      </ConfirmButton>
      <ConfirmButton
        reason
        refresh
        danger={false}
        label="Dismiss"
        title={`Dismiss: ${title}?`}
        confirmLabel="Dismiss"
        buttonClassName="btn-sm"
        testId={`dismiss-${id}`}
        action={(reason) => client.admin.recommendations.dismiss.mutate({ id, reason })}
      >
        <p>It stays listed as dismissed; the next day’s computation makes a new one.</p>
      </ConfirmButton>
    </div>
  );
}
