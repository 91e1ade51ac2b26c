'use client';

import { errorMessage, issuesOf } from '@levqor/app-kit/api-error';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { API_SCOPES, type ApiScope } from '@levqor/core/api-keys/scopes';
import { Alert, Button, Field, Input, Select } from '@levqor/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { CreatedKey } from '../api-types';

const SCOPE_HINTS: Record<ApiScope, string> = {
  'jobs:read': 'list and read jobs',
  'jobs:write': 'submit, cancel, re-run',
  'workflows:read': 'list and read workflows',
  'workflows:write': 'create, edit, publish',
  'usage:read': 'spend and budget',
  'privacy:read': 'your objections (Art. 21)',
  'privacy:write': 'object, withdraw, request your data export',
  'sla:read': 'SLA credit claims and their decisions',
  'sla:write': 'file SLA credit claims (the workspace owner’s)',
};

/** `YYYY-MM-DD` of today in the viewer's time zone (the earliest expiry day the picker offers). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function CreateKeyForm({ onCreated }: { onCreated: (created: CreatedKey) => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<'live' | 'test'>('live');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [expiry, setExpiry] = useState('');
  const [rate, setRate] = useState('600');
  const limits = useQuery(trpc.apiKeys.limits.queryOptions());
  const maxRate = limits.data?.max_rate_limit_per_min;
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (created) => {
        setName('');
        setScopes([]);
        setExpiry('');
        onCreated(created);
      },
    }),
  );
  const issues = issuesOf(create.error);
  const fieldError = (field: string) => issues.find((i) => i.path[0] === field)?.message ?? null;

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({
      name,
      environment,
      scopes,
      // The end of the chosen day, in the viewer's time zone.
      expires_at: expiry ? new Date(`${expiry}T23:59:59.999`) : null,
      rate_limit_per_min: Number(rate),
    });
  }

  return (
    <form className="stack" onSubmit={submit} aria-label="Create an API key">
      <div className="form-grid">
        <Field
          label="Name"
          htmlFor="key-name"
          error={fieldError('name')}
          hint="What uses it, e.g. “CI” or “billing-sync”"
        >
          <Input
            id="key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            required
          />
        </Field>
        <Field label="Environment" htmlFor="key-env" hint="Test keys start with lvq_test_">
          <Select
            id="key-env"
            value={environment}
            onChange={(e) => setEnvironment(e.target.value === 'test' ? 'test' : 'live')}
          >
            <option value="live">live</option>
            <option value="test">test</option>
          </Select>
        </Field>
        <Field
          label="Expires"
          htmlFor="key-expiry"
          error={fieldError('expires_at')}
          hint="Optional; the key stops at the end of that day"
        >
          <Input
            id="key-expiry"
            type="date"
            min={today()}
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
          />
        </Field>
        <Field
          label="Requests per minute"
          htmlFor="key-rate"
          error={fieldError('rate_limit_per_min')}
          hint={maxRate ? `At most ${maxRate.toLocaleString('en')} in this workspace` : undefined}
        >
          <Input
            id="key-rate"
            type="number"
            min={1}
            max={maxRate ?? 100000}
            step={1}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            required
          />
        </Field>
      </div>
      <fieldset className="checkbox-group">
        <legend>Scopes</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope}>
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) =>
                setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))
              }
            />
            <code>{scope}</code>
            <span className="faint">{SCOPE_HINTS[scope]}</span>
          </label>
        ))}
      </fieldset>
      {fieldError('scopes') && (
        <span className="field-error" role="alert">
          {fieldError('scopes')}
        </span>
      )}
      {create.error && issues.length === 0 && <Alert kind="error">{errorMessage(create.error)}</Alert>}
      <div className="row">
        <Button type="submit" disabled={create.isPending || scopes.length === 0 || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
        {scopes.length === 0 && <span className="faint">Choose at least one scope.</span>}
      </div>
    </form>
  );
}
