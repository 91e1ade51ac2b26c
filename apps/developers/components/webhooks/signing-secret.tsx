'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, CopyButton } from '@levqor/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

const MASK = `whsec_${'•'.repeat(32)}`;

/** The signing secret, hidden until revealed (it is fetched only then), with an audited rotation. */
export function SigningSecret() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const [rotated, setRotated] = useState(false);
  const secret = useQuery({
    ...trpc.developer.webhookSecret.queryOptions(),
    enabled: revealed,
    staleTime: Infinity,
  });
  const rotate = useMutation(
    trpc.developer.rotateWebhookSecret.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(trpc.developer.webhookSecret.queryKey(), fresh);
        setRevealed(true);
        setRotated(true);
      },
    }),
  );
  const value = revealed ? secret.data?.secret : undefined;

  return (
    <div className="stack">
      <div className="row">
        <code className="secret" data-testid="webhook-secret">
          {value ?? (revealed && secret.isPending ? 'Loading…' : MASK)}
        </code>
        <Button variant="secondary" onClick={() => setRevealed((r) => !r)}>
          {revealed ? 'Hide' : 'Reveal'}
        </Button>
        {value && <CopyButton text={value} />}
        <ConfirmButton
          label="Rotate"
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          action={() => rotate.mutateAsync()}
        >
          <p style={{ margin: 0 }}>
            Every delivery from now on — retries of earlier ones too — is signed with a new secret. Receivers
            still verifying with the current one will reject them until you update their configuration.
          </p>
        </ConfirmButton>
      </div>
      {revealed && secret.error && <Alert kind="error">{errorMessage(secret.error)}</Alert>}
      {rotated && (
        <Alert kind="ok">New secret active. Update every receiver that verifies Levqor-Signature.</Alert>
      )}
    </div>
  );
}
