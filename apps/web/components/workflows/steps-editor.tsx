'use client';

import { Button, Textarea } from '@levqor/ui';
import type { Issue } from '../api-error';
import { type ParsedJson, prettyJson } from '../json-text';
import { StepOutline } from './step-outline';
import { STEP_TYPES, withNewStep } from './step-templates';

export interface StepsEditorProps {
  text: string;
  parsed: ParsedJson;
  onChange: (text: string) => void;
  /** Server validation issues under `steps` (paths relative to the list: `[2, 'timeout_ms']`). */
  issues: Issue[];
  disabled?: boolean;
}

/** The step list as JSON, with step templates, formatting, syntax errors and per-step messages. */
export function StepsEditor({ text, parsed, onChange, issues, disabled }: StepsEditorProps) {
  const list = parsed.ok && Array.isArray(parsed.value) ? parsed.value : null;
  const shapeError = parsed.ok && !list ? 'Steps must be a JSON array: [ {"id": …, "type": …}, … ]' : null;

  return (
    <div className="field">
      <label htmlFor="workflow-steps">Steps (JSON)</label>
      <div className="row" style={{ gap: 6 }}>
        <span className="faint">Add step:</span>
        {STEP_TYPES.map((type) => (
          <Button
            key={type}
            variant="secondary"
            className="btn-sm"
            disabled={disabled || !list}
            title={list ? `Append a ${type} step` : 'Fix the JSON first'}
            onClick={() => list && onChange(prettyJson(withNewStep(list, type)))}
          >
            + {type}
          </Button>
        ))}
        <Button
          variant="ghost"
          className="btn-sm"
          style={{ borderColor: 'var(--border)', marginLeft: 'auto' }}
          disabled={disabled || !parsed.ok}
          onClick={() => parsed.ok && onChange(prettyJson(parsed.value))}
        >
          Format
        </Button>
      </div>
      <Textarea
        id="workflow-steps"
        className="textarea-code"
        value={text}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        disabled={disabled}
        aria-invalid={!parsed.ok || !!shapeError || issues.length > 0}
        aria-describedby="workflow-steps-errors"
        onChange={(e) => onChange(e.target.value)}
      />
      <div id="workflow-steps-errors">
        {!parsed.ok && (
          <span className="field-error" role="alert" data-testid="steps-json-error">
            {parsed.error}
          </span>
        )}
        {shapeError && (
          <span className="field-error" role="alert">
            {shapeError}
          </span>
        )}
      </div>
      {list && <StepOutline steps={list} issues={issues} />}
    </div>
  );
}
