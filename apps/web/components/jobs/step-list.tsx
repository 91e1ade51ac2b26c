import { Badge, Cents, EmptyState, formatDuration, JsonView, StatusBadge } from '@levqor/ui';
import type { JobStep } from '../api-types';

/** The job's steps in order: status, attempt, duration, cost, output (collapsible) and error. */
export function StepList({ steps }: { steps: JobStep[] }) {
  if (steps.length === 0) return <EmptyState title="No steps recorded" />;
  return (
    <ol className="step-outline" aria-label="Steps">
      {steps.map((step, i) => (
        <li key={step.id} data-testid={`step-${step.id}`} data-invalid={step.status === 'failed'}>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <span className="row" style={{ gap: 8 }}>
              <span className="faint">#{i + 1}</span>
              <strong>{step.id}</strong>
              <Badge>{step.type}</Badge>
              <StatusBadge status={step.status} testId={`step-status-${step.id}`} />
            </span>
            <span className="row faint" style={{ gap: 14 }}>
              {step.attempt === 0 && step.status !== 'running' ? (
                <span>{step.status === 'pending' ? 'waiting' : 'not run'}</span>
              ) : (
                <>
                  <span>attempt {step.attempt}</span>
                  <span>took {formatDuration(step.duration_ms)}</span>
                  <span>
                    cost <Cents value={step.cost_cents} />
                  </span>
                </>
              )}
            </span>
          </div>
          {step.error && (
            <p className="field-error" style={{ margin: '6px 0 0' }}>
              {step.error}
            </p>
          )}
          {step.output !== null && step.output !== undefined && (
            <JsonView value={step.output} summary="Output" />
          )}
        </li>
      ))}
    </ol>
  );
}
