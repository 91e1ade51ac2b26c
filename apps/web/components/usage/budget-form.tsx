'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, Cents, Field, Input } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api-error';
import { useInvalidate } from '../use-invalidate';

/** "12.5" (dollars) → 1250 cents; null when not an amount with at most 2 decimals. */
function dollarsToCents(text: string): number | null {
  const m = /^\s*\$?\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** The workspace's monthly spending limit (owner only); jobs over the remaining budget are refused. */
export function BudgetForm({ budgetCents, canEdit }: { budgetCents: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [current, setCurrent] = useState(budgetCents);
  const [text, setText] = useState((budgetCents / 100).toFixed(2));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.usage.setBudget.mutationOptions());

  async function submit(cents: number | null) {
    setSaved(false);
    setError(null);
    try {
      const usage = await save.mutateAsync({ cents });
      setCurrent(usage.budget_cents);
      setText((usage.budget_cents / 100).toFixed(2));
      setSaved(true);
      await invalidate('usage');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const cents = dollarsToCents(text);
    if (cents === null) return setError('Enter an amount in US dollars, e.g. 25 or 25.50.');
    void submit(cents);
  }

  return (
    <Card title="Budget">
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Monthly budget">
        <Field
          label="Monthly budget (USD)"
          htmlFor="budget-dollars"
          error={error}
          hint={
            canEdit ? (
              <>
                Now <Cents value={current} />. Jobs whose estimate exceeds what is left this month are
                refused.
              </>
            ) : (
              'Only an owner can change the budget.'
            )
          }
        >
          <Input
            id="budget-dollars"
            inputMode="decimal"
            value={text}
            disabled={!canEdit}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        {saved && <Alert kind="ok">Budget saved.</Alert>}
        <div className="row">
          <Button type="submit" disabled={!canEdit || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save budget'}
          </Button>
          <Button variant="secondary" disabled={!canEdit || save.isPending} onClick={() => void submit(null)}>
            Use plan default
          </Button>
        </div>
      </form>
    </Card>
  );
}
