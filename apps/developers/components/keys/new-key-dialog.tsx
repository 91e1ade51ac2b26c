'use client';

import { Alert, Button, CopyButton, Modal } from '@levqor/ui';
import type { CreatedKey } from '../api-types';

/** The copy-once dialog: the plaintext key exists only here, closing it discards it. */
export function NewKeyDialog({
  fresh,
  onClose,
}: {
  fresh: { created: CreatedKey; rotated: boolean } | null;
  onClose: () => void;
}) {
  const key = fresh?.created.key;
  return (
    <Modal
      open={!!fresh}
      wide
      title={fresh?.rotated ? 'Your rotated API key' : 'Your new API key'}
      actions={<Button onClick={onClose}>I have stored it</Button>}
    >
      {fresh && key && (
        <>
          <Alert kind="error">
            Copy this key now: it will not be shown again. Levqor stores only a hash of it.
          </Alert>
          <div className="row">
            <code className="secret" data-testid="new-key-plaintext">
              {fresh.created.plaintext}
            </code>
            <CopyButton text={fresh.created.plaintext} />
          </div>
          <p className="faint" style={{ margin: 0 }}>
            <strong>{key.name}</strong> · {key.scopes.join(', ')} · {key.rate_limit_per_min} requests/min
            {fresh.rotated &&
              ' · The old key keeps working until its grace period ends; switch your clients over before then.'}
          </p>
        </>
      )}
    </Modal>
  );
}
