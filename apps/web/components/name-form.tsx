'use client';

import { Alert, Button, Card, Field, Input } from '@levqor/ui';
import { type FormEvent, type ReactNode, useState } from 'react';

export interface NameFormProps {
  title: string;
  label: string;
  id: string;
  initialName: string;
  maxLength: number;
  disabled?: boolean;
  hint?: ReactNode;
  save: (name: string) => Promise<unknown>;
}

/** A one-field form with validation, pending state and a clear result message. */
export function NameForm({ title, label, id, initialName, maxLength, disabled, hint, save }: NameFormProps) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const value = name.trim();
    if (!value) return setError(`${label} cannot be empty.`);
    if (value.length > maxLength) return setError(`${label} is at most ${maxLength} characters.`);
    setError(null);
    setPending(true);
    try {
      await save(value);
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not save. Try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <Card title={title}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label={label} htmlFor={id} error={error} hint={hint}>
          <Input id={id} value={name} disabled={disabled} onChange={(e) => setName(e.target.value)} />
        </Field>
        {saved && <Alert kind="ok">Saved.</Alert>}
        <div>
          <Button type="submit" disabled={pending || disabled}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
