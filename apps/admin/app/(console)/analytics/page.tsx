import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { defaultAnalyticsRange, MAX_ANALYTICS_DAYS, ZAnalyticsRange } from '@levqor/core';
import { Alert, Card, DataTable, FilterForm, formatCents, PageHeader, SeriesChart, Stat } from '@levqor/ui';

export const metadata = { title: 'Analytics' };

const OUTCOME_LABELS = { succeeded: 'Succeeded', failed: 'Failed', cancelled: 'Cancelled' } as const;

type Search = Promise<{ from?: string; to?: string }>;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export default async function AnalyticsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const asked = sp.from || sp.to ? ZAnalyticsRange.safeParse({ from: sp.from, to: sp.to }) : null;
  const range = asked?.success ? asked.data : defaultAnalyticsRange();
  const caller = await getAdminCaller('/analytics');
  const [a, margin] = await Promise.all([
    caller.admin.analytics.get(range),
    caller.admin.analytics.margin(range),
  ]);
  const finished = Object.entries(OUTCOME_LABELS).map(([id, label]) => ({
    id,
    label,
    values: a.jobsFinished[id as keyof typeof OUTCOME_LABELS],
  }));
  return (
    <div className="stack" data-testid="analytics-page">
      <PageHeader
        title="Analytics"
        description={`Per UTC day from ${a.range.from} to ${a.range.to}, counted from the database: jobs from the five-minute rollups, money from the daily ledger.`}
      />
      <FilterForm
        action="/analytics"
        submitLabel="Show"
        testId="analytics-range"
        clearHref={asked ? '/analytics' : null}
        fields={[
          { name: 'from', label: 'From (UTC day)', type: 'date', defaultValue: a.range.from },
          { name: 'to', label: 'To (UTC day, included)', type: 'date', defaultValue: a.range.to },
        ]}
      />
      {asked && !asked.success && (
        <Alert kind="error">
          {asked.error.issues[0]?.message ?? 'Invalid range'} (at most {MAX_ANALYTICS_DAYS} days, from ≤ to):
          showing the last 30 days instead.
        </Alert>
      )}
      <div className="stats">
        <Stat label="Signups" value={sum(a.signups).toLocaleString('en')} testId="analytics-signups" />
        <Stat
          label="Jobs submitted"
          value={sum(a.jobsSubmitted).toLocaleString('en')}
          testId="analytics-jobs"
        />
        <Stat label="AI spend" value={formatCents(sum(a.aiSpendCents))} />
        <Stat label="Revenue (recognised)" value={formatCents(sum(a.revenueCents))} />
        <Stat
          label="Margin"
          value={`${formatCents(margin.totals.margin_cents)}${margin.totals.margin_pct === null ? '' : ` (${margin.totals.margin_pct}%)`}`}
          testId="analytics-margin"
        />
      </div>
      <Card title="Jobs finished per day by outcome (five-minute rollups)">
        <SeriesChart
          kind="bar"
          label="Jobs finished per day by outcome"
          testId="chart-jobs"
          format="count"
          categories={a.days}
          series={finished}
        />
      </Card>
      <Card title="AI spend vs revenue per day">
        <SeriesChart
          kind="line"
          label="AI spend vs revenue per day"
          testId="chart-spend-revenue"
          format="cents"
          categories={a.days}
          series={[
            { id: 'ai', label: 'AI spend', values: a.aiSpendCents },
            { id: 'revenue', label: 'Revenue', values: a.revenueCents },
          ]}
          emptyLabel="No ledger rows in this range (the daily ledger job fills them)"
        />
      </Card>
      <Card title="Revenue, cost and margin per plan (daily ledger)">
        <SeriesChart
          kind="bar"
          grouped
          label="Revenue, cost and margin per plan"
          testId="chart-margin"
          format="cents"
          categories={margin.plans.map((p) => p.name)}
          series={[
            { id: 'revenue', label: 'Revenue', values: margin.plans.map((p) => p.revenue_cents) },
            {
              id: 'cost',
              label: 'Cost (AI + infrastructure)',
              values: margin.plans.map((p) => p.cost_cents),
            },
            { id: 'margin', label: 'Margin', values: margin.plans.map((p) => p.margin_cents) },
          ]}
          emptyLabel="No ledger rows in this range (the daily ledger job fills them)"
        />
        <DataTable
          label="Margin per plan"
          empty="No plan"
          rows={margin.plans}
          rowKey={(p) => p.plan}
          columns={[
            { header: 'Plan', cell: (p) => p.name },
            { header: 'Workspaces', cell: (p) => p.workspaces.toLocaleString('en') },
            { header: 'Revenue', cell: (p) => formatCents(p.revenue_cents) },
            { header: 'AI spend', cell: (p) => formatCents(p.ai_spend_cents) },
            { header: 'Infrastructure', cell: (p) => formatCents(p.infra_cost_cents) },
            { header: 'Margin', cell: (p) => formatCents(p.margin_cents) },
            { header: 'Margin %', cell: (p) => (p.margin_pct === null ? '—' : `${p.margin_pct}%`) },
          ]}
        />
      </Card>
      {[
        {
          id: 'submitted',
          title: 'Jobs submitted per day (five-minute rollups)',
          label: 'Jobs submitted',
          values: a.jobsSubmitted,
        },
        { id: 'signups', title: 'Signups per day', label: 'Signups', values: a.signups },
        {
          id: 'active',
          title: 'Active workspaces per day (submitted at least one job)',
          label: 'Active workspaces',
          values: a.activeWorkspaces,
        },
      ].map((c) => (
        <Card key={c.id} title={c.title}>
          <SeriesChart
            kind="bar"
            label={c.title}
            testId={`chart-${c.id}`}
            format="count"
            categories={a.days}
            series={[{ id: c.id, label: c.label, values: c.values }]}
          />
        </Card>
      ))}
      <Card title="Plan changes">
        <DataTable
          label="Plan changes"
          empty="No plan change in this range"
          rows={a.planConversions}
          rowKey={(c) => `${c.from}>${c.to}`}
          columns={[
            { header: 'From', cell: (c) => c.from ?? '—' },
            { header: 'To', cell: (c) => c.to ?? '—' },
            { header: 'Workspaces', cell: (c) => c.count.toLocaleString('en') },
          ]}
        />
      </Card>
      <Card title="Referral sources">
        <DataTable
          label="Referral sources"
          empty="No referral recorded in this range: only consented analytics events with a utm_source or referrer property count"
          rows={a.referralSources}
          rowKey={(r) => r.source}
          columns={[
            { header: 'Source', cell: (r) => r.source },
            { header: 'Events', cell: (r) => r.count.toLocaleString('en') },
          ]}
        />
      </Card>
    </div>
  );
}
