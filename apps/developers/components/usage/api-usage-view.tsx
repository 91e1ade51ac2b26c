'use client';

import { QueryState } from '@levqor/app-kit/query-state';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { BarChart, Card, EmptyState, StackedBarChart, Stat } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ApiUsage } from '../api-types';
import { keySeries, requestsOn, usageDates } from './usage-series';

const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function UsageCharts({ usage }: { usage: ApiUsage }) {
  const series = keySeries(usage);
  const total = series.reduce((s, k) => s + k.total, 0);
  const errors = usage.errors_by_status.reduce((s, e) => s + e.count, 0);
  if (total === 0)
    return (
      <Card>
        <EmptyState title={`No API requests in the last ${usage.days} days`}>
          <p style={{ margin: 0 }}>
            Create a key and follow the <Link href="/quickstart">quickstart</Link>: every call to{' '}
            <code>/api/v1</code> shows up here within seconds.
          </p>
        </EmptyState>
      </Card>
    );
  const dates = usageDates(usage);
  return (
    <>
      <div className="stats">
        <Stat
          label="Requests"
          value={<span data-testid="usage-requests">{count(total)}</span>}
          hint={`last ${usage.days} days`}
        />
        <Stat
          label="Errors"
          value={count(errors)}
          hint={`${total > 0 ? ((errors / total) * 100).toFixed(1) : '0'}% of requests answered 4xx/5xx`}
        />
        <Stat
          label="Keys used"
          value={series.filter((s) => s.id !== 'none').length}
          hint={`of ${usage.keys.length} keys`}
        />
      </div>
      <Card title="Requests per day, by key (UTC)">
        <StackedBarChart
          label={`API requests per day over the last ${usage.days} days, by key`}
          categories={dates.map((d) => ({ id: d, label: d.slice(5) }))}
          series={series}
          integer
          value={requestsOn(usage)}
          formatValue={count}
        />
      </Card>
      <Card title="Errors by status">
        {usage.errors_by_status.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            No 4xx or 5xx answers in the last {usage.days} days.
          </p>
        ) : (
          <BarChart
            label={`API errors by HTTP status over the last ${usage.days} days`}
            height={180}
            seriesLabel="Requests"
            integer
            formatValue={count}
            data={usage.errors_by_status.map((e) => ({
              label: String(e.status),
              value: e.count,
              title: `HTTP ${e.status}: ${count(e.count)} request${e.count === 1 ? '' : 's'}`,
            }))}
          />
        )}
      </Card>
    </>
  );
}

export function ApiUsageView({ days }: { days: number }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.developer.apiUsage.queryOptions({ days }));
  return (
    <QueryState query={usage} lines={6}>
      {(data) => <UsageCharts usage={data} />}
    </QueryState>
  );
}
