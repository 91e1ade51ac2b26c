'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { BarChart, Card, Cents, formatCents, Stat } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { BudgetState, Usage } from '../api-types';
import { QueryState } from '../query-state';
import { BudgetMeter, formatPercent } from './budget-meter';

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).getUTCDate();
}

function UsageView({ usage, budget }: { usage: Usage; budget: BudgetState }) {
  const remaining = budget.available_cents;
  const pace = usage.budget_cents / daysInMonth(usage.month);
  return (
    <div className="stack">
      <div className="stats">
        <Stat
          label="Spent this month"
          value={<Cents value={usage.spent_cents} testId="usage-spent" />}
          hint={
            budget.state === 'over' ? (
              <span className="text-danger">
                {formatPercent(budget.spent_percent)} of the budget · over by{' '}
                {formatCents(budget.over_by_cents)}
              </span>
            ) : (
              `${formatPercent(budget.spent_percent, budget.spent_cents)} of the budget`
            )
          }
        />
        <Stat
          label="Monthly budget"
          value={<Cents value={usage.budget_cents} testId="usage-budget" />}
          hint={<Link href="/dashboard/settings">Change it in settings</Link>}
        />
        <Stat
          label="Reserved"
          value={<Cents value={usage.reserved_cents} testId="usage-reserved" />}
          hint="Held for queued and running jobs"
        />
        <Stat
          label="Available"
          value={<Cents value={Math.max(0, remaining)} />}
          hint={remaining <= 0 ? 'New jobs will be refused' : 'Budget − spent − reserved'}
        />
      </div>
      <Card title="Budget used">
        <BudgetMeter budget={budget} />
      </Card>
      <Card title={`Spend per day · ${usage.month} (UTC)`}>
        <BarChart
          label={`Spend per day in ${usage.month}`}
          seriesLabel="Settled spend"
          formatValue={formatCents}
          reference={{ value: pace, label: `even pace ${formatCents(pace)}/day` }}
          emptyLabel="No spend settled yet this month"
          data={usage.per_day.map((d) => ({
            label: d.date.slice(8),
            value: d.cost_cents,
            title: `${d.date}: ${formatCents(d.cost_cents)} · ${d.jobs} job${d.jobs === 1 ? '' : 's'}`,
          }))}
        />
        <p className="faint" style={{ margin: '8px 0 0' }}>
          Settled spend per day. Spending {formatCents(pace)} a day would use the whole budget by the end of
          the month.
        </p>
      </Card>
      <div className="stats">
        <Stat label="Jobs this month" value={usage.jobs.total} testId="usage-jobs-total" />
        <Stat label="Succeeded" value={usage.jobs.succeeded} />
        <Stat label="Failed" value={usage.jobs.failed} />
        <Stat
          label="Other"
          value={usage.jobs.total - usage.jobs.succeeded - usage.jobs.failed}
          hint="Queued, running or cancelled"
        />
      </div>
    </div>
  );
}

/** Month-to-date spend against the budget, reservations, job counts and spend per day. */
export function UsageOverview({ month }: { month?: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.usage.summary.queryOptions(month ? { month } : {}));
  const budget = useQuery(trpc.dashboard.budget.queryOptions(month ? { month } : {}));
  return (
    <QueryState query={query} lines={6}>
      {(usage) => (
        <QueryState query={budget} lines={2}>
          {(state) => <UsageView usage={usage} budget={state} />}
        </QueryState>
      )}
    </QueryState>
  );
}
