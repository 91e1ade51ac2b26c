'use client';

import { Button } from '@levqor/ui';
import type { Issue } from '../api-error';
import type { StepObject } from './step-fields';
import { StepForm } from './step-form';
import { STEP_TYPES, withNewStep } from './step-templates';

/** The step list as one form per step; changes go back as the new list. */
export function StepsFormEditor({
  steps,
  onChange,
  issues,
  disabled,
}: {
  steps: StepObject[];
  onChange: (steps: StepObject[]) => void;
  issues: Issue[];
  disabled?: boolean;
}) {
  const listIssues = issues.filter((i) => typeof i.path[0] !== 'number');
  return (
    <div className="stack" style={{ gap: 10 }}>
      {listIssues.length > 0 && (
        <ul className="issue-list" role="alert">
          {listIssues.map((i) => (
            <li key={`${i.path.join('.')}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
      )}
      <ol className="step-cards" aria-label="Steps">
        {steps.map((step, index) => (
          <StepForm
            // Positions are the identity here: ids change while they are typed.
            key={index}
            index={index}
            count={steps.length}
            step={step}
            disabled={disabled}
            issues={issues.filter((i) => i.path[0] === index).map((i) => ({ ...i, path: i.path.slice(1) }))}
            onChange={(next) => onChange(steps.map((s, i) => (i === index ? next : s)))}
            onRemove={() => onChange(steps.filter((_, i) => i !== index))}
            onMove={(delta) => {
              const next = [...steps];
              const [moved] = next.splice(index, 1);
              next.splice(index + delta, 0, moved!);
              onChange(next);
            }}
          />
        ))}
      </ol>
      <div className="row" style={{ gap: 6 }}>
        <span className="faint">Add a step:</span>
        {STEP_TYPES.map((type) => (
          <Button
            key={type}
            variant="secondary"
            className="btn-sm"
            disabled={disabled}
            onClick={() => onChange(withNewStep(steps, type) as StepObject[])}
          >
            + {type}
          </Button>
        ))}
      </div>
    </div>
  );
}
