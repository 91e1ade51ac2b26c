'use client';

import { Alert, Button } from '@levqor/ui';

/** Any page of the portal that fails to render: what happened, and a retry. */
export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="stack">
      <Alert kind="error">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <span>
            This page could not be loaded
            {error.digest ? ` (reference ${error.digest})` : ''}. Try again in a moment.
          </span>
          <Button variant="secondary" className="btn-sm" onClick={reset}>
            Retry
          </Button>
        </div>
      </Alert>
    </div>
  );
}
