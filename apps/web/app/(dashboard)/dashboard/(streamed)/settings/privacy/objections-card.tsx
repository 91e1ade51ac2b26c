'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, formatDateTime } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

type Purpose = 'marketing' | 'profiling' | 'analytics' | 'product_email' | 'all';

interface Objection {
  id: string;
  purpose: Purpose;
  created_at: Date;
  withdrawn_at: Date | null;
}

export function ObjectionsCard({
  purposes,
  objections,
}: {
  purposes: { purpose: Purpose; label: string }[];
  objections: Objection[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const done = { onSuccess: () => router.refresh() };
  const object = useMutation(trpc.privacy.createObjection.mutationOptions(done));
  const withdraw = useMutation(trpc.privacy.withdrawObjection.mutationOptions(done));
  const error = object.error ?? withdraw.error;
  return (
    <Card title="Objections and opt-outs">
      <p className="muted">
        Object to a use of your data (GDPR Art. 21). It takes effect at once where the processing happens, and
        you can withdraw it at any time. Programs can do the same with{' '}
        <code>POST /api/v1/privacy/objections</code>.
      </p>
      {error ? <Alert kind="error">{errorMessage(error)}</Alert> : null}
      <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
        {purposes.map(({ purpose, label }) => {
          const active = objections.find((o) => o.purpose === purpose && !o.withdrawn_at);
          return (
            <li key={purpose} className="card-header" data-purpose={purpose}>
              <span>
                <strong>{label}</strong>
                <br />
                <span className="muted">
                  {active
                    ? `You objected on ${formatDateTime(new Date(active.created_at).toISOString())}.`
                    : 'Allowed.'}
                </span>
              </span>
              {active ? (
                <Button variant="secondary" onClick={() => withdraw.mutate({ id: active.id })}>
                  Withdraw objection
                </Button>
              ) : (
                <Button variant="secondary" onClick={() => object.mutate({ purpose })}>
                  Object
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
