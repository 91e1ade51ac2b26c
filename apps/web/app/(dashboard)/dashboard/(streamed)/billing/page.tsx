import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { Alert, Badge, Card, Cents, DescriptionList, formatDateTime, Meter, PageHeader } from '@levqor/ui';
import { BillingActions } from '~/components/billing/billing-actions';
import { InvoiceList } from '~/components/billing/invoice-list';

export const metadata = { title: 'Billing' };

const dollars = (cents: number | null) =>
  cents === null ? 'by contract' : `$${(cents / 100).toFixed(0)}/month`;

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<{ checkout?: string }>;
}) {
  const trpc = await getSignedInCaller('/dashboard/billing');
  const [status, plans, invoices] = await Promise.all([
    trpc.billing.status(),
    trpc.billing.plans(),
    trpc.billing.invoices(),
  ]);
  const checkout = (await searchParams).checkout;
  const owner = status.role === 'owner';
  const sub = status.subscription;
  return (
    <div className="stack">
      <PageHeader
        title="Billing"
        description="Your plan, this month's usage against it, and your invoices."
      />
      {checkout && checkout !== 'cancelled' && (
        <Alert kind="ok">
          Thank you: your payment went through. The new plan applies as soon as Stripe confirms it (a few
          seconds).
        </Alert>
      )}
      {checkout === 'cancelled' && <Alert kind="info">Checkout cancelled: nothing was charged.</Alert>}
      {!owner && (
        <Alert kind="info">
          Only the workspace owner can change the plan or the payment method; this page is read-only for you.
        </Alert>
      )}
      <div className="grid-2">
        <Card title="Current plan">
          <p data-testid="billing-plan">
            <strong>{status.plan.name}</strong> · {dollars(status.plan.priceCents)}{' '}
            {sub && (
              <Badge tone={sub.status === 'active' ? 'ok' : sub.status === 'past_due' ? 'danger' : 'warn'}>
                {sub.status}
              </Badge>
            )}
          </p>
          <DescriptionList
            items={[
              {
                label: 'Current period',
                value:
                  sub?.currentPeriodStart && sub.currentPeriodEnd
                    ? `${formatDateTime(sub.currentPeriodStart.toISOString()).slice(0, 10)} – ${formatDateTime(sub.currentPeriodEnd.toISOString()).slice(0, 10)}`
                    : 'No subscription',
              },
              {
                label: 'Renewal',
                value: sub
                  ? sub.cancelAtPeriodEnd
                    ? 'Cancels at the end of the period'
                    : 'Renews automatically'
                  : '—',
              },
              {
                label: 'Jobs this month',
                value: `${status.jobs.toLocaleString('en-US')} of ${status.plan.jobsPerMonth === null ? 'unlimited' : status.plan.jobsPerMonth.toLocaleString('en-US')}`,
              },
              { label: 'Concurrency', value: `${status.plan.concurrency} jobs at once` },
              {
                label: 'API',
                value: `${status.plan.apiRequestsPerMin.toLocaleString('en-US')} requests/min per key`,
              },
              { label: 'Support', value: status.plan.support },
            ]}
          />
        </Card>
        <Card title={`Usage in ${status.month}`}>
          <Meter
            label="AI spend against the budget"
            total={status.budgetCents}
            segments={[
              {
                value: status.spentCents,
                label: `spent ${(status.spentCents / 100).toFixed(2)} USD`,
                tone: 'accent',
              },
              {
                value: status.reservedCents,
                label: `reserved ${(status.reservedCents / 100).toFixed(2)} USD`,
                tone: 'warn',
              },
            ]}
          />
          <p>
            Spent <Cents value={status.spentCents} /> and reserved <Cents value={status.reservedCents} /> of{' '}
            <Cents value={status.budgetCents} testId="billing-budget" /> (the plan includes{' '}
            <Cents value={status.plan.includedSpendCents} />
            {status.budgetCents < status.plan.includedSpendCents ? '; your own lower cap applies' : ''}).
          </p>
          <p data-testid="billing-forecast">
            Month-end forecast:{' '}
            <strong className={status.forecast.over_budget ? 'text-danger' : undefined}>
              <Cents value={status.forecast.month_end_cents} testId="billing-forecast-cents" />
            </strong>
            {status.forecast.over_budget ? ' — above the budget' : ' — within the budget'}.
          </p>
          <p className="faint">
            Spent and reserved so far + the mean settled spend per day over the last{' '}
            {status.forecast.trailing_days} days (<Cents value={status.forecast.daily_rate_cents} />
            /day) × the {status.forecast.days_left} days left in the month (UTC). Emails go to the owners at
            80% and 100% of the budget.
          </p>
        </Card>
      </div>
      <BillingActions
        plans={plans
          .filter((p) => p.selfServe)
          .map((p) => ({
            id: p.id as 'starter' | 'growth' | 'business',
            name: p.name,
            priceCents: p.priceCents ?? 0,
          }))}
        current={status.plan.id}
        canManage={owner}
        hasCustomer={status.hasCustomer}
        billingEnabled={status.billingEnabled}
        cancelAtPeriodEnd={sub?.cancelAtPeriodEnd ?? false}
        hasSubscription={!!sub && ['active', 'trialing', 'past_due'].includes(sub.status)}
      />
      <Card title="Invoices">
        <InvoiceList initial={invoices} />
      </Card>
    </div>
  );
}
