'use client';

import { Badge, Button, Select } from '@levqor/ui';
import type { Issue } from '../api-error';
import {
  type FieldProps,
  JsonField,
  messagesOf,
  NumberField,
  SelectField,
  type StepObject,
  TextField,
} from './step-fields';
import { STEP_TYPES, type StepType, templateFor } from './step-templates';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
const PLACEHOLDERS = (
  <>
    Placeholders such as <code>{'{{input.url}}'}</code> or <code>{'{{steps.fetch.output.body}}'}</code> are
    filled in when the job runs.
  </>
);

/** The fields of one step type, each with its own label, hint and messages. */
function TypeFields(p: FieldProps) {
  switch (p.step.type as StepType) {
    case 'transform':
      return (
        <TextField
          {...p}
          field="expression"
          label="Expression (JSONata)"
          multiline
          code
          required
          hint={
            <>
              Evaluated over <code>{'{ input, steps }'}</code>; its value is the step’s output.
            </>
          }
        />
      );
    case 'http':
      return (
        <>
          <div className="form-grid">
            <SelectField {...p} field="method" label="Method" options={METHODS} />
            <NumberField {...p} field="timeout_ms" label="Timeout (ms)" hint="100–30000; default 10000." />
          </div>
          <TextField
            {...p}
            field="url"
            label="URL"
            code
            required
            placeholder="https://api.example.com/{{input.id}}"
            hint={PLACEHOLDERS}
          />
          <JsonField
            {...p}
            field="headers"
            label="Headers (JSON object)"
            emptyValue={{ Accept: 'application/json' }}
          />
          <JsonField
            {...p}
            field="body"
            label="Body (JSON)"
            emptyValue={{ id: '{{input.id}}' }}
            hint="Sent as JSON; leave empty for none."
          />
        </>
      );
    case 'ai':
      return (
        <>
          <div className="form-grid">
            <TextField {...p} field="model" label="Model" required hint="A priced model, e.g. gpt-4o-mini." />
            <NumberField
              {...p}
              field="max_tokens"
              label="Max output tokens"
              hint="1–16384; sets the cost ceiling."
            />
            <NumberField
              {...p}
              field="temperature"
              label="Temperature"
              increment={0.1}
              hint="0–2; optional."
            />
            <NumberField
              {...p}
              field="max_input_tokens"
              label="Max input tokens"
              hint="Optional; longer prompts are cut."
            />
          </div>
          <TextField {...p} field="prompt" label="Prompt" multiline required hint={PLACEHOLDERS} />
          <TextField {...p} field="system" label="System message" multiline hint="Optional." />
        </>
      );
    case 'delay':
      return (
        <TextField
          {...p}
          field="duration"
          label="Duration"
          required
          placeholder="30s"
          hint="Like 30s, 5m, 2h or 1d; at most 7 days."
        />
      );
    case 'email':
      return (
        <>
          <TextField
            {...p}
            field="to"
            label="To"
            required
            hint='"owner", or the email of a workspace member.'
          />
          <TextField {...p} field="subject" label="Subject" required />
          <TextField {...p} field="body" label="Body" multiline required hint={PLACEHOLDERS} />
        </>
      );
    default:
      return (
        <p className="field-error" style={{ margin: 0 }}>
          Unknown step type. Choose one above, or edit this step in the JSON view.
        </p>
      );
  }
}

/** Fields the form shows for each type; anything else in a step is only visible in the JSON view. */
const KNOWN: Record<StepType, string[]> = {
  transform: ['expression'],
  http: ['method', 'url', 'headers', 'body', 'timeout_ms'],
  ai: ['model', 'prompt', 'system', 'max_tokens', 'max_input_tokens', 'temperature'],
  delay: ['duration'],
  email: ['to', 'subject', 'body'],
};

export interface StepFormProps {
  index: number;
  count: number;
  step: StepObject;
  issues: Issue[];
  disabled?: boolean;
  onChange: (step: StepObject) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One step as a form: its id and type, the fields of that type, and move / remove. */
export function StepForm({
  index,
  count,
  step,
  issues,
  disabled,
  onChange,
  onMove,
  onRemove,
}: StepFormProps) {
  const type = step.type as StepType;
  const set = (field: string, value: unknown) => {
    const next = { ...step };
    if (value === undefined) delete next[field];
    else next[field] = value;
    onChange(next);
  };
  const known = ['id', 'type', ...(KNOWN[type] ?? [])];
  const stray = issues.filter((i) => i.path.length === 0 || !known.includes(String(i.path[0])));
  const idError = messagesOf(issues, 'id');
  const label = `Step ${index + 1}${typeof step.id === 'string' && step.id ? ` (${step.id})` : ''}`;
  return (
    <li
      className="step-card"
      data-testid={`step-form-${index}`}
      data-invalid={issues.length > 0}
      aria-label={label}
    >
      <div className="step-card-head">
        <span className="faint">#{index + 1}</span>
        <Badge>{STEP_TYPES.includes(type) ? type : 'no type'}</Badge>
        <span className="row" style={{ gap: 6, marginLeft: 'auto' }}>
          <Button
            variant="secondary"
            className="btn-sm"
            disabled={disabled || index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move ${label} up`}
          >
            ↑
          </Button>
          <Button
            variant="secondary"
            className="btn-sm"
            disabled={disabled || index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move ${label} down`}
          >
            ↓
          </Button>
          <Button
            variant="secondary"
            className="btn-sm"
            disabled={disabled || count === 1}
            onClick={onRemove}
            aria-label={`Remove ${label}`}
          >
            Remove
          </Button>
        </span>
      </div>
      {stray.length > 0 && (
        <ul className="issue-list" role="alert">
          {stray.map((i) => (
            <li key={`${i.path.join('.')}:${i.message}`}>
              {i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message}
            </li>
          ))}
        </ul>
      )}
      <div className="form-grid">
        <TextField
          index={index}
          step={step}
          set={set}
          issues={issues}
          disabled={disabled}
          field="id"
          label="Step id"
          required
          hint="Letters, digits, - or _; other steps refer to it."
        />
        <div className="field">
          <label htmlFor={`step-${index}-type`}>Type</label>
          <Select
            id={`step-${index}-type`}
            value={STEP_TYPES.includes(type) ? type : ''}
            disabled={disabled}
            onChange={(e) => onChange({ ...templateFor(e.target.value as StepType, String(step.id ?? '')) })}
          >
            {!STEP_TYPES.includes(type) && <option value="">(choose)</option>}
            {STEP_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </Select>
          {idError === null && messagesOf(issues, 'type') && (
            <span className="field-error" role="alert">
              {messagesOf(issues, 'type')}
            </span>
          )}
        </div>
      </div>
      <TypeFields index={index} step={step} set={set} issues={issues} disabled={disabled} />
    </li>
  );
}
