import { getAdminCaller } from '@levqor/app-kit/server-caller';
import { defaultAnalyticsRange, MAX_ANALYTICS_DAYS, ZAnalyticsRange } from '@levqor/core';
import { Alert, Card, DataTable, FilterForm, formatCents, PageHeader, SeriesChart, Stat } from '@levqor/ui';

export const metadata = { title: 'Analytics' };

const STATUS_LABELS = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
} as const;

type Search = Promise<{ from?: string; to?: string }>;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export default async function AnalyticsPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const asked = sp.from || sp.to ? ZAnalyticsRange.safeParse({ from: sp.from, to: sp.to }) : null;
  const range = asked?.success ? asked.data : defaultAnalyticsRange();
  const a = await (await getAdminCaller('/analytics')).admin.analytics.get(range);
  const jobs = Object.entries(STATUS_LABELS).map(([id, label]) => ({
    id,
    label,
    values: a.jobsByStatus[id as keyof typeof STATUS_LABELS],
  }));
  return (
    <div className="stack" data-testid="analytics-page">
      <PageHeader
        title="Analytics"
        description={`Per UTC day from ${a.range.from} to ${a.range.to}, counted from the database.`}
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
          value={sum(jobs.flatMap((j) => j.values)).toLocaleString('en')}
          testId="analytics-jobs"
        />
        <Stat label="AI spend" value={formatCents(sum(a.aiSpendCents))} />
        <Stat label="Revenue (recognised)" value={formatCents(sum(a.revenueCents))} />
      </div>
      <Card title="Jobs per day by status">
        <SeriesChart
          kind="bar"
          label="Jobs per day by status"
          testId="chart-jobs"
          format="count"
          categories={a.days}
          series={jobs}
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
      {[
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
