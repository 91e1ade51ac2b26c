import { Card, Cents } from '@levqor/ui';
import Link from 'next/link';
import type { DashboardOverview } from '../api-types';
import { BudgetMeter } from '../usage/budget-meter';

/** This month's spend against the budget, and where the month is heading (with how that is computed). */
export function SpendCard({ spend }: { spend: DashboardOverview['spend'] }) {
  const { budget, forecast } = spend;
  return (
    <Card title={`Spend · ${budget.month}`} actions={<Link href="/dashboard/usage">Usage details</Link>}>
      <div className="stack" style={{ gap: 12 }}>
        <BudgetMeter budget={budget} />
        <p style={{ margin: 0 }} data-testid="forecast">
          Month-end forecast:{' '}
          <strong className={forecast.over_budget ? 'text-danger' : undefined}>
            <Cents value={forecast.month_end_cents} testId="forecast-cents" />
          </strong>
          {forecast.over_budget ? ' — above the budget' : ' — within the budget'}.
        </p>
        <p className="faint" style={{ margin: 0 }}>
          Computed as spend so far + the amount held for queued and running jobs + the average settled spend
          per day over the last {forecast.trailing_days} days (<Cents value={forecast.daily_rate_cents} />
          /day) × the {forecast.days_left} days left in the month (UTC).
        </p>
      </div>
    </Card>
  );
}
