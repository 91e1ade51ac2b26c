'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { BarChart, Card, Cents, formatCents, Meter, Stat } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Usage } from '../api-types';
import { QueryState } from '../query-state';

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).getUTCDate();
}

function UsageView({ usage }: { usage: Usage }) {
  const remaining = usage.budget_cents - usage.spent_cents - usage.reserved_cents;
  const pace = usage.budget_cents / daysInMonth(usage.month);
  const ratio = usage.budget_cents > 0 ? usage.spent_cents / usage.budget_cents : 0;
  const pct = ratio > 0 && ratio < 0.01 ? '<1' : String(Math.round(ratio * 100));
  return (
    <div className="stack">
      <div className="stats">
        <Stat
          label="Spent this month"
          value={<Cents value={usage.spent_cents} testId="usage-spent" />}
          hint={`${pct}% of the budget`}
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
        <Meter
          label="Budget used"
          total={usage.budget_cents}
          segments={[
            { value: usage.spent_cents, label: `Spent ${formatCents(usage.spent_cents)}`, tone: 'accent' },
            {
              value: usage.reserved_cents,
              label: `Reserved ${formatCents(usage.reserved_cents)}`,
              tone: 'warn',
            },
          ]}
        />
        <p className="faint" style={{ margin: '8px 0 0' }}>
          <span className="legend legend-accent" /> spent <Cents value={usage.spent_cents} /> ·{' '}
          <span className="legend legend-warn" /> reserved <Cents value={usage.reserved_cents} /> · budget{' '}
          <Cents value={usage.budget_cents} />
        </p>
      </Card>
      <Card title={`Spend per day · ${usage.month} (UTC)`}>
        <BarChart
          label={`Spend per day in ${usage.month}`}
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
  return (
    <QueryState query={query} lines={6}>
      {(usage) => <UsageView usage={usage} />}
    </QueryState>
  );
}
