'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Card, formatDuration, PageHeader, StatusBadge } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { isLive, LIVE_POLL_MS } from '../api-types';
import { QueryState } from '../query-state';
import { EventTimeline } from './event-timeline';
import { JobActions } from './job-actions';
import { JobSummary } from './job-summary';
import { RunTrace, runTimeMs } from './run-trace';
import { StepList } from './step-list';
import { useNow } from './use-now';

/** One job, refreshed every 1.5 s until it reaches a terminal status. */
export function JobDetailView({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.jobs.get.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.status) ? LIVE_POLL_MS : false),
  });
  const trace = useQuery({
    ...trpc.jobs.trace.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.status) ? LIVE_POLL_MS : false),
  });
  const live = query.data ? isLive(query.data.status) : false;
  // The client's clock, corrected to the server's (offsets and retry times are the server's).
  const skew = trace.data ? Date.parse(trace.data.now) - trace.dataUpdatedAt : 0;
  const now = useNow(live, 500, trace.dataUpdatedAt || query.dataUpdatedAt) + skew;

  return (
    <QueryState
      query={query}
      lines={8}
      notFound={
        <p>
          No job <code>{id}</code> in this workspace. <Link href="/dashboard/jobs">See all jobs</Link>.
        </p>
      }
    >
      {(job) => (
        <div className="stack">
          <PageHeader
            title={
              <span className="row" style={{ gap: 10 }}>
                <code style={{ fontSize: 20 }}>{job.id}</code>
                <StatusBadge status={job.status} testId="job-status" />
              </span>
            }
            description={isLive(job.status) ? 'Live: this page updates by itself.' : undefined}
            actions={<JobActions job={job} />}
          />
          <JobSummary job={job} now={now} />
          <Card
            title={`Run trace (${job.steps?.length ?? 0} steps)`}
            actions={
              <span className="faint">
                run time <strong data-testid="run-time">{formatDuration(runTimeMs(job, now))}</strong>
              </span>
            }
          >
            {trace.data ? <RunTrace trace={trace.data} now={now} /> : <StepList steps={job.steps ?? []} />}
          </Card>
          <Card title="Events">
            <EventTimeline events={job.events} />
          </Card>
        </div>
      )}
    </QueryState>
  );
}
