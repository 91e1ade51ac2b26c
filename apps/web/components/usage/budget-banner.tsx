'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, formatCents } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { BudgetState } from '../api-types';
import { formatPercent } from './budget-meter';

function Message({ budget, canRaise }: { budget: BudgetState; canRaise: boolean }) {
  const raise = canRaise ? (
    <>
      <Link href="/dashboard/settings">Raise the budget</Link> or see{' '}
      <Link href="/dashboard/usage">usage</Link>.
    </>
  ) : (
    <Link href="/dashboard/usage">See usage.</Link>
  );
  if (budget.state === 'over')
    return (
      <>
        <strong>Over budget: {formatPercent(budget.spent_percent)} of this month’s budget spent</strong> —{' '}
        {formatCents(budget.spent_cents)} of {formatCents(budget.budget_cents)}, over by{' '}
        {formatCents(budget.over_by_cents)}. New jobs are refused until the budget is raised or the month
        ends. {raise}
      </>
    );
  return (
    <>
      <strong>This month’s budget is used up.</strong> Spent {formatCents(budget.spent_cents)} and{' '}
      {formatCents(budget.reserved_cents)} held for queued and running jobs, of{' '}
      {formatCents(budget.budget_cents)}: new jobs with a cost are refused. {raise}
    </>
  );
}

/**
 * Shown on Overview, Jobs and the run form while the budget refuses new jobs (over budget, or spent +
 * reserved at the budget). Nothing otherwise.
 */
export function BudgetBanner({ canRaise = true }: { canRaise?: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.dashboard.budget.queryOptions({}));
  const budget = query.data;
  if (!budget || (budget.state !== 'over' && budget.state !== 'exhausted')) return null;
  return (
    <div data-testid="budget-banner" data-state={budget.state}>
      <Alert kind="error">
        <Message budget={budget} canRaise={canRaise} />
      </Alert>
    </div>
  );
}
