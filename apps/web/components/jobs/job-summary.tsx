import { Alert, Card, Cents, DateTime, DescriptionList, formatDuration, JsonView } from '@levqor/ui';
import Link from 'next/link';
import { isLive, type JobDetail } from '../api-types';
import { jobHref, jobsHref, workflowHref } from '../links';
import { runTimeMs } from './run-trace';

/** What was asked (workflow, payload, priority, tags) and what came of it (cost, times, result). */
export function JobSummary({ job, now }: { job: JobDetail; now: number }) {
  return (
    <Card>
      <div className="stack">
        <DescriptionList
          items={[
            {
              label: 'Workflow',
              value: (
                <>
                  <Link href={workflowHref(job.workflow)}>{job.workflow}</Link> v{job.workflow_version}
                </>
              ),
            },
            { label: 'Priority', value: job.priority },
            {
              label: 'Tags',
              value: job.tags.length
                ? job.tags.map((t, i) => (
                    <span key={t}>
                      {i > 0 && ', '}
                      <Link href={jobsHref({ tag: t })}>{t}</Link>
                    </span>
                  ))
                : '—',
            },
            {
              label: 'Estimated cost',
              value: <Cents value={job.estimated_cost_cents} testId="job-estimate" />,
            },
            {
              label: isLive(job.status) ? 'Cost so far' : 'Actual cost',
              value: <Cents value={job.cost_cents} testId="job-cost" />,
            },
            { label: 'Created', value: <DateTime iso={job.created_at} /> },
            { label: 'Started', value: <DateTime iso={job.started_at} /> },
            { label: 'Finished', value: <DateTime iso={job.finished_at} /> },
            { label: 'Run time', value: formatDuration(runTimeMs(job, now)) },
            ...(job.rerun_of
              ? [
                  {
                    label: job.replay_from_step === null ? 'Re-run of' : 'Replay of',
                    value: (
                      <span data-testid="replay-of">
                        <Link href={jobHref(job.rerun_of)}>{job.rerun_of}</Link>
                        {job.replay_from_step !== null &&
                          job.replay_from_step > 0 &&
                          ` from step ${job.replay_from_step + 1} (earlier steps reused)`}
                      </span>
                    ),
                  },
                ]
              : []),
            ...(job.reruns.length > 0
              ? [
                  {
                    label: 'Reruns',
                    value: (
                      <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="job-reruns">
                        {job.reruns.map((r) => (
                          <li key={r.id}>
                            <Link href={jobHref(r.id)}>{r.id}</Link> <span className="faint">{r.status}</span>
                            {r.replay_from_step !== null && r.replay_from_step > 0 && (
                              <span className="faint"> · from step {r.replay_from_step + 1}</span>
                            )}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]
              : []),
            ...(job.callback_url ? [{ label: 'Callback URL', value: <code>{job.callback_url}</code> }] : []),
          ]}
        />
        {job.error && <Alert kind="error">{job.error}</Alert>}
        {job.warnings.map((w) => (
          <Alert key={w} kind="info">
            {w}
          </Alert>
        ))}
        <div className="grid-2">
          <JsonView value={job.payload} summary="Payload" />
          {job.status === 'succeeded' && <JsonView value={job.result} summary="Result" open />}
        </div>
      </div>
    </Card>
  );
}
