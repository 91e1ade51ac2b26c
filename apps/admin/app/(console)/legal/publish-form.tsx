'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Card, Field, Input, Select, Textarea } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

export function PublishForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [kind, setKind] = useState<'terms' | 'privacy'>('terms');
  const [version, setVersion] = useState('');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const publish = useMutation(
    trpc.admin.legal.publish.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <Card title="Publish a new version">
      <Field label="Document" htmlFor="legal-kind">
        <Select id="legal-kind" value={kind} onChange={(e) => setKind(e.target.value as 'terms' | 'privacy')}>
          <option value="terms">Terms of service</option>
          <option value="privacy">Privacy policy</option>
        </Select>
      </Field>
      <Field label="Version" htmlFor="legal-version">
        <Input
          id="legal-version"
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          maxLength={32}
        />
      </Field>
      <Field label="What changed (shown to users)" htmlFor="legal-summary">
        <Input
          id="legal-summary"
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          maxLength={500}
        />
      </Field>
      <Field label="Full text" htmlFor="legal-body">
        <Textarea id="legal-body" rows={12} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      {publish.isSuccess ? <Alert kind="ok">Published.</Alert> : null}
      {publish.error ? <Alert kind="error">{errorMessage(publish.error)}</Alert> : null}
      <div>
        <ConfirmButton
          reason
          label="Publish…"
          title="Publish this version?"
          confirmLabel="Publish"
          testId="publish-legal"
          action={(reason) => publish.mutateAsync({ kind, version, summary, body, reason })}
        >
          Every signed-in user will be asked to accept it before continuing.
        </ConfirmButton>
      </div>
    </Card>
  );
}
