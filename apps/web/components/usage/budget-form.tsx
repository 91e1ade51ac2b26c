'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, Cents, Field, Input, parseDollars } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api-error';
import { useInvalidate } from '../use-invalidate';

/** What the form says after the last action: one message at a time, never an error and a success together. */
type Outcome = { kind: 'error'; message: string } | { kind: 'saved'; message: string } | null;

/** The workspace's monthly spending limit (owner only); jobs over the remaining budget are refused. */
export function BudgetForm({ budgetCents, canEdit }: { budgetCents: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [current, setCurrent] = useState(budgetCents);
  const [text, setText] = useState((budgetCents / 100).toFixed(2));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const save = useMutation(trpc.usage.setBudget.mutationOptions());

  async function submit(cents: number | null) {
    setOutcome(null);
    try {
      const usage = await save.mutateAsync({ cents });
      setCurrent(usage.budget_cents);
      setText((usage.budget_cents / 100).toFixed(2));
      setOutcome({
        kind: 'saved',
        message: cents === null ? 'Budget reset to the plan default.' : 'Budget saved.',
      });
      await invalidate('usage', 'dashboard');
    } catch (err) {
      setOutcome({ kind: 'error', message: errorMessage(err) });
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseDollars(text);
    if (!parsed.ok) return setOutcome({ kind: 'error', message: parsed.error });
    void submit(parsed.cents);
  }

  return (
    <Card title="Budget">
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Monthly budget">
        <Field
          label="Monthly budget (USD)"
          htmlFor="budget-dollars"
          error={outcome?.kind === 'error' ? outcome.message : null}
          hint={
            canEdit ? (
              <>
                Now <Cents value={current} testId="budget-current" />. Jobs whose estimate exceeds what is
                left this month are refused.
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
            aria-invalid={outcome?.kind === 'error'}
            onChange={(e) => {
              setText(e.target.value);
              // The message was about the previous value: it goes with it.
              setOutcome(null);
            }}
          />
        </Field>
        {outcome?.kind === 'saved' && <Alert kind="ok">{outcome.message}</Alert>}
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
