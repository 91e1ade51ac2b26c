import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { Badge, Card, EmptyState, PageHeader } from '@levqor/ui';
import { RecommendationActions } from '~/components/recommendation-actions';

export const metadata = { title: 'Recommendations' };

const TONE = { open: 'accent', applied: 'ok', dismissed: undefined, noop: undefined } as const;
const KIND = { pricing: 'Pricing', discount: 'Discount', autoscale: 'Autoscale' } as const;

export default async function RecommendationsPage() {
  const items = await (await getAdminCaller('/recommendations')).admin.recommendations.list({ limit: 60 });
  return (
    <div className="stack">
      <PageHeader
        title="Recommendations"
        description="Computed daily at 00:40 UTC from recorded data (the ledger, the rollups, signups). Nothing changes until an admin applies one; applying and dismissing ask why and are audited."
      />
      <Card title="How they are computed">
        <ul className="muted">
          <li>
            <strong>Pricing</strong>: price = max(base · load + performance adjustment, max(floor, cost-based
            floor)) — load from quota use, performance from the failure rate, floor 80% of base, cost floor =
            cost per workspace × 1.3.
          </li>
          <li>
            <strong>Discount</strong>: conversion to paid under 5% of last month’s signups → a 3-month coupon
            (15%, +10 under 2.5%, +5 when weekly signups fell over 20%).
          </li>
          <li>
            <strong>Autoscale</strong>: worker concurrency ×1.5 when p95 &gt; 10 s or the queue averages over
            twice the slots, ÷2 when idle, frozen once the day’s AI spend passed its limit.
          </li>
        </ul>
      </Card>
      {items.length === 0 ? (
        <div className="card">
          <EmptyState title="No recommendations yet">
            <p>The daily job writes the first ones after a day of recorded activity.</p>
          </EmptyState>
        </div>
      ) : (
        items.map((r) => (
          <Card key={r.id} title={r.title}>
            <div className="stack" data-testid={`recommendation-${r.kind}-${r.subject}`}>
              <div className="row" style={{ flexWrap: 'wrap' }}>
                <Badge>{KIND[r.kind as keyof typeof KIND] ?? r.kind}</Badge>
                <Badge tone={TONE[r.status as keyof typeof TONE]}>
                  {r.status === 'noop' ? 'no change' : r.status}
                </Badge>
                <span className="muted">
                  for {r.period} · <code>{r.id}</code>
                </span>
              </div>
              <p>{r.explanation}</p>
              <details>
                <summary>Inputs</summary>
                <dl className="dl">
                  {r.inputs.map((i) => (
                    <div key={i.key}>
                      <dt>{i.label}</dt>
                      <dd>{i.value === null ? '—' : String(i.value)}</dd>
                    </div>
                  ))}
                </dl>
              </details>
              {r.status === 'open' && <RecommendationActions id={r.id} title={r.title} kind={r.kind} />}
              {r.result && (
                <p className="muted" data-testid={`result-${r.id}`}>
                  Applied:{' '}
                  {Object.entries(r.result)
                    .map(([k, v]) => `${k} ${String(v)}`)
                    .join(' · ')}
                </p>
              )}
            </div>
          </Card>
        ))
      )}
    </div>
  );
}
