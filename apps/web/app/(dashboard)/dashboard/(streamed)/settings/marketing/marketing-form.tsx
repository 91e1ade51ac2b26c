'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

export function MarketingForm({ status, wording }: { status: string; wording: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const subscribe = useMutation(
    trpc.marketing.subscribe.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const unsubscribe = useMutation(
    trpc.marketing.unsubscribe.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const error = subscribe.error ?? unsubscribe.error;
  return (
    <Card title="Product news">
      <p>{wording}</p>
      <p className="muted" data-testid="marketing-status">
        {status === 'subscribed'
          ? 'Subscribed.'
          : status === 'pending'
            ? 'Waiting for you to confirm: check your email for the link (valid 7 days).'
            : 'Not subscribed.'}
      </p>
      {error ? <Alert kind="error">{errorMessage(error)}</Alert> : null}
      {subscribe.data?.status === 'pending' ? (
        <Alert kind="ok">We emailed you a confirmation link.</Alert>
      ) : null}
      <div>
        {status === 'subscribed' ? (
          <Button variant="secondary" onClick={() => unsubscribe.mutate()} disabled={unsubscribe.isPending}>
            Unsubscribe
          </Button>
        ) : (
          <Button onClick={() => subscribe.mutate()} disabled={subscribe.isPending}>
            {status === 'pending' ? 'Send the link again' : 'Subscribe'}
          </Button>
        )}
      </div>
    </Card>
  );
}
