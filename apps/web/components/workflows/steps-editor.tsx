'use client';

import { Button, Textarea } from '@levqor/ui';
import { useState } from 'react';
import type { Issue } from '../api-error';
import { type ParsedJson, prettyJson } from '../json-text';
import type { StepObject } from './step-fields';
import { StepOutline } from './step-outline';
import { STEP_TYPES, withNewStep } from './step-templates';
import { StepsFormEditor } from './steps-form-editor';

export interface StepsEditorProps {
  text: string;
  parsed: ParsedJson;
  onChange: (text: string) => void;
  /** Server validation issues under `steps` (paths relative to the list: `[2, 'timeout_ms']`). */
  issues: Issue[];
  disabled?: boolean;
}

/** A list of step objects, or null when the JSON is not one. */
function stepObjects(parsed: ParsedJson): StepObject[] | null {
  if (!parsed.ok || !Array.isArray(parsed.value)) return null;
  return parsed.value.every((s) => s && typeof s === 'object' && !Array.isArray(s))
    ? (parsed.value as StepObject[])
    : null;
}

/**
 * The steps, edited as a form per step (default) or as JSON (for power users). Both edit the same JSON
 * text; the form needs it to be a list of step objects, so a syntax error keeps the JSON view open.
 */
export function StepsEditor(props: StepsEditorProps) {
  const { parsed, onChange } = props;
  const steps = stepObjects(parsed);
  const [view, setView] = useState<'form' | 'json'>('form');
  const shown = steps ? view : 'json';
  return (
    <fieldset className="steps-editor">
      <legend>Steps</legend>
      <div className="row" style={{ gap: 6 }}>
        <span className="faint" id="steps-view-label">
          Edit as:
        </span>
        {(['form', 'json'] as const).map((v) => (
          <Button
            key={v}
            variant={shown === v ? 'primary' : 'secondary'}
            className="btn-sm"
            aria-pressed={shown === v}
            disabled={v === 'form' && !steps}
            title={v === 'form' && !steps ? 'Fix the JSON first: the form needs a list of steps' : undefined}
            onClick={() => setView(v)}
          >
            {v === 'form' ? 'Form' : 'JSON'}
          </Button>
        ))}
      </div>
      {shown === 'form' && steps ? (
        <StepsFormEditor
          steps={steps}
          issues={props.issues}
          disabled={props.disabled}
          onChange={(next) => onChange(prettyJson(next))}
        />
      ) : (
        <StepsJsonEditor {...props} />
      )}
    </fieldset>
  );
}

/** The step list as JSON, with step templates, formatting, syntax errors and per-step messages. */
function StepsJsonEditor({ text, parsed, onChange, issues, disabled }: StepsEditorProps) {
  const list = parsed.ok && Array.isArray(parsed.value) ? parsed.value : null;
  const shapeError = parsed.ok && !list ? 'Steps must be a JSON list: [ {"id": …, "type": …}, … ]' : null;
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
          variant="secondary"
          className="btn-sm"
          style={{ marginLeft: 'auto' }}
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
