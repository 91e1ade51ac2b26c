'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, Field, Input } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';

export function DownloadForm({ requestId, error }: { requestId: string; error: string | null }) {
  const trpc = useTRPC();
  const send = useMutation(trpc.privacy.sendDownloadCode.mutationOptions());
  return (
    <Card title="Your code">
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div>
        <Button variant="secondary" onClick={() => send.mutate({ requestId })} disabled={send.isPending}>
          {send.isPending ? 'Sending…' : 'Email me a code'}
        </Button>
      </div>
      {send.isSuccess ? <Alert kind="ok">Code sent. Check your email.</Alert> : null}
      {send.error ? <Alert kind="error">{errorMessage(send.error)}</Alert> : null}
      <form method="post" action={`/api/privacy/export/${encodeURIComponent(requestId)}`} className="stack">
        <Field label="6-digit code" htmlFor="export-code">
          <Input id="export-code" name="code" inputMode="numeric" pattern="\d{6}" maxLength={6} required />
        </Field>
        <div>
          <button type="submit" className="btn">
            Download the ZIP
          </button>
        </div>
      </form>
    </Card>
  );
}
