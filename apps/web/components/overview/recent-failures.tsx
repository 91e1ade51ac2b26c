import { Card, DateTime } from '@levqor/ui';
import Link from 'next/link';
import type { DashboardOverview } from '../api-types';
import { jobHref, jobsHref, workflowHref } from '../links';

/** The latest failed jobs with their errors. */
export function RecentFailures({ failures }: { failures: DashboardOverview['recent_failures'] }) {
  return (
    <Card
      title="Last failures"
      actions={
        failures.length > 0 ? <Link href={jobsHref({ status: 'failed' })}>All failed jobs</Link> : undefined
      }
    >
      {failures.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          No failed jobs. Failures appear here with their error.
        </p>
      ) : (
        <ul className="failure-list" aria-label="Last failures">
          {failures.map((f) => (
            <li key={f.id} data-testid="recent-failure">
              <div className="row" style={{ gap: 8, justifyContent: 'space-between' }}>
                <span>
                  <Link href={jobHref(f.id)}>
                    <code>{f.id}</code>
                  </Link>{' '}
                  · <Link href={workflowHref(f.workflow)}>{f.workflow}</Link>
                  <span className="faint"> v{f.workflow_version}</span>
                </span>
                <span className="faint nowrap">
                  <DateTime iso={f.finished_at ?? f.created_at} />
                </span>
              </div>
              <p className="field-error" style={{ margin: '4px 0 0' }}>
                {f.error ?? 'Failed without an error message.'}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
