'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Field, Modal, Select } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiKey, CreatedKey } from '../api-types';

const GRACES = [
  { value: 'now', label: 'Stop it now' },
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
] as const;
type Grace = (typeof GRACES)[number]['value'];

/** Rotate: a new key with the same settings; the old one keeps working for the chosen grace. */
export function RotateKeyButton({
  apiKey,
  onRotated,
}: {
  apiKey: ApiKey;
  onRotated: (created: CreatedKey) => void;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [grace, setGrace] = useState<Grace>('24h');
  const rotate = useMutation(
    trpc.apiKeys.rotate.mutationOptions({
      onSuccess: (created) => {
        setOpen(false);
        onRotated(created);
      },
    }),
  );
  const close = () => {
    if (rotate.isPending) return;
    setOpen(false);
    rotate.reset();
  };
  return (
    <>
      <Button variant="secondary" className="btn-sm" onClick={() => setOpen(true)}>
        Rotate
      </Button>
      <Modal
        open={open}
        title={`Rotate “${apiKey.name}”?`}
        onDismiss={close}
        actions={
          <>
            <Button variant="secondary" onClick={close} disabled={rotate.isPending}>
              Cancel
            </Button>
            <Button onClick={() => rotate.mutate({ id: apiKey.id, grace })} disabled={rotate.isPending}>
              {rotate.isPending ? 'Rotating…' : 'Rotate key'}
            </Button>
          </>
        }
      >
        <p className="muted" style={{ margin: 0 }}>
          A new key with the same name, scopes, expiry and limit is created and shown once. The old key{' '}
          <code>{apiKey.prefix}</code> keeps working for the grace period, so clients can switch without
          downtime.
        </p>
        <Field label="Grace period for the old key" htmlFor={`grace-${apiKey.id}`}>
          <Select
            id={`grace-${apiKey.id}`}
            value={grace}
            onChange={(e) => setGrace(GRACES.find((g) => g.value === e.target.value)?.value ?? '24h')}
          >
            {GRACES.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </Select>
        </Field>
        {rotate.error && <Alert kind="error">{errorMessage(rotate.error)}</Alert>}
      </Modal>
    </>
  );
}
