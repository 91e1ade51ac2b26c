'use client';

import { Badge, Cents, EmptyState, formatDuration, JsonView, StatusBadge, useHydrated } from '@levqor/ui';
import Link from 'next/link';
import type { JobTrace, TraceStep } from '../api-types';
import { jobHref } from '../links';

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:03:20" in the viewer's time zone (`utc`: in UTC, for the server's HTML). */
export function clockTime(iso: string, zone: 'local' | 'utc' = 'local'): string {
  const d = new Date(iso);
  if (zone === 'utc') return d.toISOString().slice(11, 19);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The job's run time: start to finish, or to now while it runs; null before it starts. */
export function runTimeMs(trace: Pick<JobTrace, 'started_at' | 'finished_at'>, now: number): number | null {
  if (!trace.started_at) return null;
  const end = trace.finished_at ? Date.parse(trace.finished_at) : now;
  return Math.max(0, end - Date.parse(trace.started_at));
}

/** An attempt's length: its duration, or (running, sleeping) the time since it began. */
const lengthOf = (a: TraceStep['attempts'][number], elapsed: number) =>
  a.duration_ms ?? Math.max(0, elapsed - a.start_offset_ms);

/** The span the waterfall covers: the run so far (ticking while live), at least the last attempt's end. */
function spanMs(trace: JobTrace, elapsed: number, now: number): number {
  let end = runTimeMs(trace, now) ?? 0;
  for (const s of trace.steps)
    for (const a of s.attempts) end = Math.max(end, a.start_offset_ms + lengthOf(a, elapsed));
  return Math.max(end, 1);
}

function waitText(step: TraceStep, now: number, zone: 'local' | 'utc'): string | null {
  if (step.retry) {
    const of = `attempt ${step.retry.next_attempt} of ${step.retry.max_attempts}`;
    if (!step.retry.at) return `retrying (${of})`;
    const s = Math.max(0, Math.ceil((Date.parse(step.retry.at) - now) / 1_000));
    return s > 0 ? `retrying in ${s} s (${of})` : `retrying now (${of})`;
  }
  if (step.wakes_at) return `wakes at ${clockTime(step.wakes_at, zone)}`;
  return null;
}

function StepRow({
  step,
  index,
  span,
  elapsed,
  now,
}: {
  step: TraceStep;
  index: number;
  span: number;
  elapsed: number;
  now: number;
}) {
  const wait = waitText(step, now, useHydrated() ? 'local' : 'utc');
  const took = step.attempts.reduce((sum, a) => sum + (a.duration_ms ?? 0), 0);
  return (
    <li data-testid={`step-${step.id}`} data-invalid={step.status === 'failed'}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="row" style={{ gap: 8 }}>
          <span className="faint">#{index + 1}</span>
          <strong>{step.id}</strong>
          <Badge>{step.type}</Badge>
          <StatusBadge status={step.status} testId={`step-status-${step.id}`} />
          {wait && (
            <span className="trace-wait" data-testid={`step-wait-${step.id}`}>
              {wait}
            </span>
          )}
        </span>
        <span className="row faint" style={{ gap: 14 }}>
          {step.reused_from ? (
            <span data-testid={`step-reused-${step.id}`}>
              reused from <Link href={jobHref(step.reused_from)}>{step.reused_from}</Link> (not run again)
            </span>
          ) : step.attempts.length === 0 ? (
            <span>{step.status === 'pending' ? 'waiting' : 'not run'}</span>
          ) : (
            <>
              <span>
                {step.attempts.length} attempt{step.attempts.length === 1 ? '' : 's'}
              </span>
              <span>starts +{step.attempts[0]!.start_offset_ms} ms</span>
              <span>took {formatDuration(took)}</span>
              <span>
                cost <Cents value={step.cost_cents} />
              </span>
            </>
          )}
        </span>
      </div>
      <div className="trace-track" aria-hidden="true">
        {step.attempts.map((a) => (
          <span
            key={a.attempt}
            className="trace-bar"
            data-status={a.status}
            style={{
              left: `${(a.start_offset_ms / span) * 100}%`,
              width: `${(Math.min(span - a.start_offset_ms, lengthOf(a, elapsed)) / span) * 100}%`,
            }}
          />
        ))}
      </div>
      {step.attempts.length > 0 && (
        <ol className="trace-attempts" aria-label={`Attempts of ${step.id}`}>
          {step.attempts.map((a) => (
            <li key={a.attempt} data-testid={`attempt-${step.id}-${a.attempt}`}>
              attempt {a.attempt}: {a.status} · +{a.start_offset_ms} ms ·{' '}
              {a.duration_ms === null ? 'in progress' : `${a.duration_ms} ms`}
              {a.error && <span className="field-error"> · {a.error}</span>}
            </li>
          ))}
        </ol>
      )}
      {step.error && step.status === 'failed' && (
        <p className="field-error" style={{ margin: '6px 0 0' }}>
          {step.error}
        </p>
      )}
      <div className="grid-2">
        {step.input !== null && step.input !== undefined && (
          <JsonView value={step.input} summary="Input (resolved)" />
        )}
        {step.output !== null && step.output !== undefined && (
          <JsonView value={step.output} summary="Output" />
        )}
      </div>
    </li>
  );
}

/**
 * The run as a waterfall: each step's attempts as bars on one time axis (ms from the job's start), with
 * offsets, durations, errors, the resolved input and the output; a countdown for a step waiting to retry
 * and the wake time of a sleeping one. `now` is the client's clock corrected to the server's.
 */
export function RunTrace({ trace, now }: { trace: JobTrace; now: number }) {
  if (trace.steps.length === 0) return <EmptyState title="No steps recorded" />;
  const elapsed = Math.max(0, now - Date.parse(trace.origin));
  const span = spanMs(trace, elapsed, now);
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="row faint" style={{ justifyContent: 'space-between' }} aria-hidden="true">
        <span>+0 ms</span>
        <span>+{formatDuration(span)}</span>
      </div>
      <ol className="trace" aria-label="Run trace">
        {trace.steps.map((s, i) => (
          <StepRow key={s.id} step={s} index={i} span={span} elapsed={elapsed} now={now} />
        ))}
      </ol>
    </div>
  );
}
