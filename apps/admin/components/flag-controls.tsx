'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';
import { Field, Input } from '@levqor/ui';
import { useId, useState } from 'react';

interface Flag {
  key: string;
  enabled: boolean;
  rolloutPercent: number;
  killed: boolean;
}

/** Flip, roll out, kill / revive a flag — each asks for a reason and confirmation. */
export function FlagControls({ flag }: { flag: Flag }) {
  const client = useTRPCClient();
  const pctId = useId();
  const [percent, setPercent] = useState(String(flag.rolloutPercent));
  const update = (changes: Partial<Omit<Flag, 'key'>>, reason: string) =>
    client.admin.featureFlags.update.mutate({ key: flag.key, ...changes, reason });
  return (
    <div className="row" style={{ flexWrap: 'wrap' }}>
      <ConfirmButton
        reason
        refresh
        danger={false}
        label={flag.enabled ? 'Turn off' : 'Turn on'}
        title={`${flag.enabled ? 'Turn off' : 'Turn on'} ${flag.key}?`}
        confirmLabel={flag.enabled ? 'Turn off' : 'Turn on'}
        buttonClassName="btn-sm"
        testId={`flip-${flag.key}`}
        action={(reason) => update({ enabled: !flag.enabled }, reason)}
      >
        <p>Every process picks the change up within a second.</p>
      </ConfirmButton>
      <ConfirmButton
        reason
        refresh
        danger={false}
        label="Rollout…"
        title={`Roll ${flag.key} out to a share of workspaces`}
        confirmLabel="Set rollout"
        buttonClassName="btn-sm"
        action={(reason) => {
          const n = Number(percent);
          if (!Number.isInteger(n) || n < 0 || n > 100)
            return Promise.reject(new Error('The rollout is a whole number from 0 to 100'));
          return update({ rolloutPercent: n }, reason);
        }}
      >
        <Field label="Percentage of workspaces (stable per workspace)" htmlFor={pctId}>
          <Input
            id={pctId}
            type="number"
            min={0}
            max={100}
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
          />
        </Field>
      </ConfirmButton>
      <ConfirmButton
        reason
        refresh
        label={flag.killed ? 'Revive' : 'Kill switch'}
        title={flag.killed ? `Revive ${flag.key}?` : `Kill ${flag.key} everywhere?`}
        confirmLabel={flag.killed ? 'Revive' : 'Kill'}
        danger={!flag.killed}
        buttonClassName="btn-sm"
        testId={`kill-${flag.key}`}
        action={(reason) => update({ killed: !flag.killed }, reason)}
      >
        <p>
          {flag.killed
            ? 'The flag follows its setting, rollout and overrides again.'
            : 'The flag turns off for every workspace, overrides included, until revived.'}
        </p>
      </ConfirmButton>
    </div>
  );
}

/** Sets or removes a workspace's override of a flag. */
export function FlagOverrideForm({ flagKey }: { flagKey: string }) {
  const client = useTRPCClient();
  const wsId = useId();
  const [workspaceId, setWorkspaceId] = useState('');
  const [value, setValue] = useState<'on' | 'off' | 'remove'>('on');
  return (
    <ConfirmButton
      reason
      refresh
      danger={false}
      label="Override…"
      title={`Override ${flagKey} for one workspace`}
      confirmLabel="Save override"
      buttonClassName="btn-sm"
      action={(reason) =>
        client.admin.featureFlags.setOverride.mutate({
          key: flagKey,
          workspaceId: workspaceId.trim(),
          enabled: value === 'remove' ? null : value === 'on',
          reason,
        })
      }
    >
      <Field label="Workspace id (ws_…)" htmlFor={wsId}>
        <Input id={wsId} value={workspaceId} onChange={(e) => setWorkspaceId(e.target.value)} />
      </Field>
      <fieldset className="row">
        <legend>Value</legend>
        {(['on', 'off', 'remove'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name="override" checked={value === v} onChange={() => setValue(v)} />{' '}
            {v === 'remove' ? 'remove the override' : v}
          </label>
        ))}
      </fieldset>
    </ConfirmButton>
  );
}

/** A new flag: key, description, initial state. */
export function CreateFlagForm() {
  const client = useTRPCClient();
  const keyId = useId();
  const descId = useId();
  const [key, setKey] = useState('');
  const [description, setDescription] = useState('');
  return (
    <div className="row" style={{ alignItems: 'flex-end', flexWrap: 'wrap' }}>
      <Field label="Key" htmlFor={keyId} hint="e.g. webhooks.delivery_paused">
        <Input id={keyId} value={key} onChange={(e) => setKey(e.target.value)} data-testid="flag-key" />
      </Field>
      <Field label="Description" htmlFor={descId}>
        <Input id={descId} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <ConfirmButton
        reason
        refresh
        danger={false}
        label="Create flag"
        title={`Create ${key || 'a flag'}?`}
        confirmLabel="Create"
        testId="create-flag"
        action={(reason) =>
          client.admin.featureFlags.create.mutate({ key: key.trim(), description, reason }).then(() => {
            setKey('');
            setDescription('');
          })
        }
      >
        <p>It starts off (100% rollout once turned on).</p>
      </ConfirmButton>
    </div>
  );
}
