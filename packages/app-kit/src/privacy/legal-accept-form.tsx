'use client';

import { Alert, Button, Card, formatDateTime } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../api-error';
import { useTRPC } from '../trpc-react';

interface Doc {
  id: string;
  kind: string;
  version: string;
  summary: string;
  body: string;
  publishedAt: string;
}

export function LegalAcceptForm({ documents, next }: { documents: Doc[]; next: string }) {
  const trpc = useTRPC();
  const accept = useMutation(
    trpc.legal.accept.mutationOptions({
      onSuccess: () => {
        window.location.assign(next);
      },
    }),
  );
  if (documents.length === 0)
    return (
      <Alert kind="ok">
        You have accepted the current versions. <a href={next}>Continue</a>
      </Alert>
    );
  return (
    <>
      {documents.map((d) => (
        <Card
          key={d.id}
          title={`${d.kind === 'terms' ? 'Terms of service' : 'Privacy policy'} — version ${d.version}`}
        >
          <p className="muted">
            Published {formatDateTime(d.publishedAt)}. What changed: {d.summary}
          </p>
          <div
            style={{
              maxHeight: 320,
              overflow: 'auto',
              whiteSpace: 'pre-wrap',
              border: '1px solid var(--border, #ddd)',
              padding: 12,
            }}
          >
            {d.body}
          </div>
        </Card>
      ))}
      {accept.error ? <Alert kind="error">{errorMessage(accept.error)}</Alert> : null}
      <div>
        <Button
          onClick={() => accept.mutate({ documentIds: documents.map((d) => d.id) })}
          disabled={accept.isPending}
        >
          I accept
        </Button>
      </div>
    </>
  );
}
