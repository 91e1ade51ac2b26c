'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Card } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState } from '../query-state';
import { BudgetBanner } from '../usage/budget-banner';
import { FirstRunChecklist } from './first-run-checklist';
import { HealthStats } from './health-stats';
import { RecentFailures } from './recent-failures';
import { SpendCard } from './spend-card';
import { ThroughputChart } from './throughput-chart';

const WINDOWS = [
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
] as const;

/** How often the overview refreshes while it is open (the figures are cheap: a few indexed statements). */
const REFRESH_MS = 15_000;

/** Health of the workspace: jobs by status, success rate, p95, throughput, spend, failures, first steps. */
export function OverviewView({ developersUrl, canRaise }: { developersUrl: string; canRaise: boolean }) {
  const trpc = useTRPC();
  const [window, setWindow] = useState<'24h' | '7d'>('24h');
  const query = useQuery({ ...trpc.dashboard.overview.queryOptions(), refetchInterval: REFRESH_MS });
  return (
    <div className="stack">
      <BudgetBanner canRaise={canRaise} />
      <QueryState query={query} lines={8}>
        {(overview) => {
          const health = overview.health[window];
          return (
            <div className="stack">
              <FirstRunChecklist checklist={overview.checklist} developersUrl={developersUrl} />
              <fieldset className="row segmented">
                <legend className="sr-only">Time window</legend>
                {WINDOWS.map((w) => (
                  <button
                    key={w.id}
                    type="button"
                    className={window === w.id ? 'btn btn-sm' : 'btn btn-secondary btn-sm'}
                    aria-pressed={window === w.id}
                    onClick={() => setWindow(w.id)}
                  >
                    {w.label}
                  </button>
                ))}
              </fieldset>
              <HealthStats health={health} />
              <Card title={window === '24h' ? 'Jobs per hour' : 'Jobs per day'}>
                <ThroughputChart health={health} />
              </Card>
              <div className="grid-2">
                <SpendCard spend={overview.spend} />
                <RecentFailures failures={overview.recent_failures} />
              </div>
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
