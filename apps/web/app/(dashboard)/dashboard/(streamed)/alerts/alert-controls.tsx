'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Field, Input, Select } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '~/components/api-error';

type Channel = { type: 'email'; to: string } | { type: 'webhook' | 'slack'; url: string };

export function AcknowledgeButton({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const ack = useMutation(trpc.alerts.acknowledge.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <>
      <Button
        variant="secondary"
        className="btn-sm"
        disabled={ack.isPending}
        onClick={() => ack.mutate({ id })}
        data-testid={`ack-${id}`}
      >
        Acknowledge
      </Button>
      {ack.error && <span className="field-error">{errorMessage(ack.error)}</span>}
    </>
  );
}

/** The owner chooses email, a signed webhook or a Slack-compatible URL; members see the choice. */
export function ChannelForm({ channel, canManage }: { channel: Channel | null; canManage: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [type, setType] = useState<Channel['type']>(channel?.type ?? 'email');
  const [target, setTarget] = useState(channel ? (channel.type === 'email' ? channel.to : channel.url) : '');
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.alerts.setChannel.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(type === 'email' ? { type, to: target.trim() } : { type, url: target.trim() });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Alert channel">
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Field label="Send to" htmlFor="alert-channel-type">
          <Select
            id="alert-channel-type"
            value={type}
            disabled={!canManage}
            onChange={(e) => setType(e.target.value as Channel['type'])}
          >
            <option value="email">Email</option>
            <option value="webhook">Signed webhook (Levqor-Signature)</option>
            <option value="slack">Slack-compatible incoming webhook</option>
          </Select>
        </Field>
        <Field
          label={type === 'email' ? 'Email address' : 'URL'}
          htmlFor="alert-channel-target"
          error={save.error ? errorMessage(save.error) : null}
          hint={
            type === 'webhook'
              ? 'Signed with your workspace’s webhook signing secret, like job webhooks.'
              : type === 'slack'
                ? 'Receives { text, blocks }.'
                : undefined
          }
        >
          <Input
            id="alert-channel-target"
            type={type === 'email' ? 'email' : 'url'}
            required
            value={target}
            disabled={!canManage}
            onChange={(e) => setTarget(e.target.value)}
            data-testid="alert-channel-target"
          />
        </Field>
        {canManage && (
          <Button type="submit" disabled={save.isPending} data-testid="alert-channel-save">
            Save
          </Button>
        )}
      </div>
      {!canManage && <p className="faint">Only a workspace owner can change where alerts go.</p>}
      {saved && <Alert kind="ok">Saved: alerts now go to {target.trim()}.</Alert>}
    </form>
  );
}

/** The owner sets how many failed jobs within 5 minutes raise the failure-spike alert (1–10,000). */
export function FailureThresholdForm({ threshold, canManage }: { threshold: number; canManage: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(String(threshold));
  const [saved, setSaved] = useState<number | null>(null);
  const save = useMutation(
    trpc.alerts.setFailureThreshold.mutationOptions({
      onSuccess: (s) => {
        setSaved(s.failure_threshold);
        router.refresh();
      },
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(null);
    save.mutate({ threshold: Number(value) });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Failure spike threshold">
      <div className="row" style={{ flexWrap: 'wrap', alignItems: 'flex-end' }}>
        <Field
          label="Failure spike: failed jobs within 5 minutes"
          htmlFor="alert-failure-threshold"
          error={save.error ? errorMessage(save.error) : null}
          hint="A whole number from 1 to 10,000. The budget alerts stay at 80% and 100%."
        >
          <Input
            id="alert-failure-threshold"
            type="number"
            inputMode="numeric"
            required
            value={value}
            disabled={!canManage}
            onChange={(e) => setValue(e.target.value)}
            data-testid="alert-failure-threshold"
          />
        </Field>
        {canManage && (
          <Button type="submit" disabled={save.isPending} data-testid="alert-failure-threshold-save">
            Save threshold
          </Button>
        )}
      </div>
      {saved !== null && (
        <Alert kind="ok">
          Saved: {saved} or more failed jobs within 5 minutes raise a failure spike alert.
        </Alert>
      )}
    </form>
  );
}
