'use client';

import { ConfirmButton } from '@levqor/app-kit/confirm-button';
import { useTRPCClient } from '@levqor/app-kit/trpc-react';
import { Field, Input, Select, Textarea } from '@levqor/ui';
import { useId, useState } from 'react';

const COMPONENTS = ['web', 'api', 'workers', 'database'] as const;
const STAGES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
type Stage = (typeof STAGES)[number];

/** Opens an incident: title, impact, affected components and the first public update; asks why. */
export function CreateIncidentForm() {
  const client = useTRPCClient();
  const id = useId();
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState<'minor' | 'major' | 'critical'>('minor');
  const [components, setComponents] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  return (
    <div className="stack">
      <Field label="Title (public)" htmlFor={`${id}-title`}>
        <Input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <Field label="Impact" htmlFor={`${id}-impact`}>
        <Select
          id={`${id}-impact`}
          value={impact}
          onChange={(e) => setImpact(e.target.value as typeof impact)}
        >
          <option value="minor">minor</option>
          <option value="major">major</option>
          <option value="critical">critical</option>
        </Select>
      </Field>
      <fieldset className="row" style={{ flexWrap: 'wrap', border: 0, padding: 0 }}>
        <legend>Affected components</legend>
        {COMPONENTS.map((c) => (
          <label key={c} className="row">
            <input
              type="checkbox"
              checked={components.includes(c)}
              onChange={(e) =>
                setComponents((prev) => (e.target.checked ? [...prev, c] : prev.filter((x) => x !== c)))
              }
            />
            {c}
          </label>
        ))}
      </fieldset>
      <Field label="First update (public)" htmlFor={`${id}-message`}>
        <Textarea
          id={`${id}-message`}
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </Field>
      <div>
        <ConfirmButton
          reason
          refresh
          danger={false}
          label="Open incident"
          title="Open this incident on the status page?"
          confirmLabel="Open incident"
          testId="open-incident"
          action={async (reason) => {
            await client.admin.incidents.create.mutate({
              title,
              impact,
              components: components as (typeof COMPONENTS)[number][],
              message,
              reason,
            });
            setTitle('');
            setMessage('');
            setComponents([]);
          }}
        >
          <p>It shows on /status at once, as “investigating”.</p>
        </ConfirmButton>
      </div>
    </div>
  );
}

/** Posts an update to an open incident: its new stage and a public message; asks why. */
export function UpdateIncidentForm({ incident }: { incident: { id: string; status: Stage } }) {
  const client = useTRPCClient();
  const id = useId();
  const [status, setStatus] = useState<Stage>(incident.status);
  const [message, setMessage] = useState('');
  return (
    <ConfirmButton
      reason
      refresh
      danger={false}
      label="Post update"
      title="Post an update on the status page"
      confirmLabel="Post update"
      buttonClassName="btn-sm"
      testId={`update-${incident.id}`}
      action={(reason) => client.admin.incidents.update.mutate({ id: incident.id, status, message, reason })}
    >
      <Field label="Stage" htmlFor={`${id}-stage`}>
        <Select id={`${id}-stage`} value={status} onChange={(e) => setStatus(e.target.value as Stage)}>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Update (public)" htmlFor={`${id}-message`}>
        <Textarea
          id={`${id}-message`}
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </Field>
    </ConfirmButton>
  );
}
