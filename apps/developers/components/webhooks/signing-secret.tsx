'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, CopyButton } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

const MASK = `whsec_${'•'.repeat(32)}`;

/**
 * The signing secret, hidden until revealed. Revealing is an action of its own (owners only, each reveal
 * audited): the secret is fetched then, kept only in this component's state, and dropped on Hide.
 */
export function SigningSecret() {
  const trpc = useTRPC();
  const [secret, setSecret] = useState<string | null>(null);
  const [rotated, setRotated] = useState(false);
  const reveal = useMutation(
    trpc.developer.revealWebhookSecret.mutationOptions({ onSuccess: (r) => setSecret(r.secret) }),
  );
  const rotate = useMutation(
    trpc.developer.rotateWebhookSecret.mutationOptions({
      onSuccess: (fresh) => {
        setSecret(fresh.secret);
        setRotated(true);
      },
    }),
  );

  function toggle() {
    if (secret) {
      setSecret(null);
      reveal.reset();
    } else {
      reveal.mutate();
    }
  }

  return (
    <div className="stack">
      <div className="row">
        <code className="secret" data-testid="webhook-secret">
          {secret ?? (reveal.isPending ? 'Loading…' : MASK)}
        </code>
        <Button variant="secondary" onClick={toggle} disabled={reveal.isPending}>
          {secret ? 'Hide' : 'Reveal'}
        </Button>
        {secret && <CopyButton text={secret} />}
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
      {reveal.error && <Alert kind="error">{errorMessage(reveal.error)}</Alert>}
      {rotated && (
        <Alert kind="ok">New secret active. Update every receiver that verifies Levqor-Signature.</Alert>
      )}
    </div>
  );
}
