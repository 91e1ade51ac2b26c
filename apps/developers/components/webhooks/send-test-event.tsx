'use client';

import { errorMessage } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Badge, Button, CodeBlock, DescriptionList, Field, Input } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

/**
 * Sends a signed sample `job.succeeded` event (marked `"test": true`) to a URL now, through the same
 * signing and SSRF-guarded delivery code as job webhooks, and shows what the receiver answered.
 */
export function SendTestEvent() {
  const trpc = useTRPC();
  const [url, setUrl] = useState('');
  const send = useMutation(trpc.developer.sendTestWebhook.mutationOptions());

  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate({ url: url.trim() });
  }

  const r = send.data;
  return (
    <div className="stack">
      <form className="row" onSubmit={submit} style={{ alignItems: 'flex-end' }}>
        <div style={{ flex: '1 1 280px' }}>
          <Field
            label="Receiver URL"
            htmlFor="test-webhook-url"
            hint="The sample is signed with your signing secret; private and internal addresses are refused."
          >
            <Input
              id="test-webhook-url"
              type="url"
              required
              maxLength={2048}
              placeholder="https://example.com/levqor"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          </Field>
        </div>
        <Button type="submit" disabled={send.isPending || !url.trim()}>
          {send.isPending ? 'Sending…' : 'Send test event'}
        </Button>
      </form>
      {send.error && <Alert kind="error">{errorMessage(send.error)}</Alert>}
      {r && (
        <section aria-label="Test event response" data-testid="test-event-response" className="stack">
          <DescriptionList
            items={[
              {
                label: 'Result',
                value: r.ok ? <Badge tone="ok">Delivered</Badge> : <Badge tone="danger">Not delivered</Badge>,
              },
              { label: 'Status', value: r.status_code === null ? 'no response' : `HTTP ${r.status_code}` },
              { label: 'Time', value: `${r.duration_ms} ms` },
              { label: 'Delivery id', value: <code>{r.delivery_id}</code> },
              ...(r.error ? [{ label: 'Error', value: r.error }] : []),
            ]}
          />
          {r.status_code !== null && (
            <CodeBlock
              title="Response body (first 2,000 characters)"
              code={r.body_excerpt || '(empty)'}
              wrap
            />
          )}
        </section>
      )}
    </div>
  );
}
