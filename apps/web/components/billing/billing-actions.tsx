'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, ConfirmDialog } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '../api-error';

type PaidPlan = 'starter' | 'growth' | 'business';

/** A fresh id per click: a retried request of the same click reuses its Checkout session. */
const attemptId = () => `att_${crypto.randomUUID().replaceAll('-', '')}`;

/** Subscribe / upgrade / downgrade, Manage billing (Customer Portal), cancel. Owner only (others read). */
export function BillingActions(props: {
  plans: { id: PaidPlan; name: string; priceCents: number }[];
  current: string;
  canManage: boolean;
  hasCustomer: boolean;
  hasSubscription: boolean;
  billingEnabled: boolean;
  cancelAtPeriodEnd: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const checkout = useMutation(trpc.billing.checkout.mutationOptions());
  const portal = useMutation(trpc.billing.portal.mutationOptions());
  const cancel = useMutation(trpc.billing.cancel.mutationOptions());
  const disabled = !props.canManage || !props.billingEnabled;

  async function choose(plan: PaidPlan) {
    setError(null);
    setNote(null);
    try {
      const r = await checkout.mutateAsync({ plan, attemptId: attemptId() });
      if (r.url) window.location.assign(r.url);
      else {
        setNote('Plan change requested: it applies as soon as Stripe confirms it.');
        router.refresh();
      }
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function manage() {
    setError(null);
    try {
      window.location.assign((await portal.mutateAsync()).url);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function setCancel(atPeriodEnd: boolean) {
    setError(null);
    try {
      await cancel.mutateAsync({ atPeriodEnd });
      setConfirmCancel(false);
      setNote(atPeriodEnd ? 'Your subscription ends at the end of the period.' : 'Cancellation withdrawn.');
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card
      title="Change plan"
      actions={
        props.hasCustomer ? (
          <Button variant="secondary" disabled={disabled || portal.isPending} onClick={() => void manage()}>
            {portal.isPending ? 'Opening…' : 'Manage billing'}
          </Button>
        ) : null
      }
    >
      {!props.billingEnabled && (
        <Alert kind="info">
          Billing is not configured here; an administrator sets plans with `pnpm levqor billing plan`.
        </Alert>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      {note && <Alert kind="ok">{note}</Alert>}
      <div className="row">
        {props.plans.map((p) => (
          <Button
            key={p.id}
            variant={p.id === props.current ? 'secondary' : 'primary'}
            disabled={disabled || p.id === props.current || checkout.isPending}
            onClick={() => void choose(p.id)}
            data-testid={`choose-${p.id}`}
          >
            {p.id === props.current
              ? `${p.name} (current)`
              : `${props.hasSubscription ? 'Switch to' : 'Subscribe to'} ${p.name} · $${p.priceCents / 100}/month`}
          </Button>
        ))}
      </div>
      {props.hasSubscription &&
        (props.cancelAtPeriodEnd ? (
          <Button variant="secondary" disabled={disabled} onClick={() => void setCancel(false)}>
            Keep my subscription
          </Button>
        ) : (
          <Button variant="danger" disabled={disabled} onClick={() => setConfirmCancel(true)}>
            Cancel subscription
          </Button>
        ))}
      <ConfirmDialog
        open={confirmCancel}
        title="Cancel the subscription?"
        confirmLabel="Cancel at period end"
        pendingLabel="Cancelling…"
        pending={cancel.isPending}
        danger
        onConfirm={() => void setCancel(true)}
        onCancel={() => setConfirmCancel(false)}
      >
        The workspace keeps its plan until the end of the current period, then returns to the Free plan.
      </ConfirmDialog>
    </Card>
  );
}
