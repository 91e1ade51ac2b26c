import { Badge } from './components';

type Tone = 'accent' | 'ok' | 'danger' | 'warn' | undefined;

const TONES: Record<string, Tone> = {
  // jobs and steps
  queued: undefined,
  pending: undefined,
  running: 'accent',
  sleeping: 'warn',
  succeeded: 'ok',
  failed: 'danger',
  cancelled: 'warn',
  skipped: undefined,
  // workflows
  draft: undefined,
  published: 'ok',
  archived: 'warn',
};

/** A coloured pill for a job, step or workflow status; `live` adds a pulsing dot (work in progress). */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const live = status === 'running' || status === 'queued' || status === 'sleeping';
  return (
    <span className="status-badge" data-status={status} data-testid={testId}>
      <Badge tone={TONES[status]}>
        {live && <span className="pulse-dot" aria-hidden="true" />}
        {status}
      </Badge>
    </span>
  );
}
