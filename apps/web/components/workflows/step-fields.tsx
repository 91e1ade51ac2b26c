'use client';

import { Field, Input, Select, Textarea } from '@levqor/ui';
import { type ReactNode, useState } from 'react';
import type { Issue } from '../api-error';
import { parseJson, prettyJson } from '../json-text';

export type StepObject = Record<string, unknown>;

export interface FieldProps {
  /** 0-based position of the step (ids of the inputs, and the issues' paths). */
  index: number;
  step: StepObject;
  /** Sets a field; `undefined` removes it (the server's default then applies). */
  set: (field: string, value: unknown) => void;
  /** Server issues of this step, paths relative to the step (`['timeout_ms']`). */
  issues: Issue[];
  disabled?: boolean;
}

/** The messages for `field` (and anything below it, e.g. `headers.X-Key`). */
export function messagesOf(issues: Issue[], field: string): string | null {
  const mine = issues.filter((i) => i.path[0] === field);
  if (mine.length === 0) return null;
  return mine
    .map((i) => (i.path.length > 1 ? `${i.path.slice(1).join('.')}: ${i.message}` : i.message))
    .join(' ');
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const inputId = (index: number, field: string) => `step-${index}-${field}`;

export function TextField({
  field,
  label,
  hint,
  multiline,
  code,
  placeholder,
  required,
  ...p
}: FieldProps & {
  field: string;
  label: string;
  hint?: ReactNode;
  multiline?: boolean;
  code?: boolean;
  placeholder?: string;
  required?: boolean;
}) {
  const id = inputId(p.index, field);
  const error = messagesOf(p.issues, field);
  const common = {
    id,
    value: str(p.step[field]),
    disabled: p.disabled,
    placeholder,
    'aria-invalid': !!error,
    spellCheck: code ? false : undefined,
    autoComplete: 'off',
    // An optional field left empty is left out, so the server's default applies.
    onChange: (e: { target: { value: string } }) =>
      p.set(field, e.target.value === '' && !required ? undefined : e.target.value),
  };
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error}>
      {multiline ? (
        <Textarea
          {...common}
          style={code ? undefined : { fontFamily: 'inherit', fontSize: 14, minHeight: 80 }}
        />
      ) : (
        <Input {...common} className={code ? 'input-code' : undefined} />
      )}
    </Field>
  );
}

export function NumberField({
  field,
  label,
  hint,
  increment = 1,
  ...p
}: FieldProps & { field: string; label: string; hint?: ReactNode; increment?: number }) {
  const id = inputId(p.index, field);
  const error = messagesOf(p.issues, field);
  const value = p.step[field];
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error}>
      <Input
        id={id}
        type="number"
        inputMode={increment < 1 ? 'decimal' : 'numeric'}
        step={increment}
        value={typeof value === 'number' ? String(value) : str(value)}
        disabled={p.disabled}
        aria-invalid={!!error}
        onChange={(e) => p.set(field, e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </Field>
  );
}

export function SelectField({
  field,
  label,
  options,
  hint,
  ...p
}: FieldProps & { field: string; label: string; options: readonly string[]; hint?: ReactNode }) {
  const id = inputId(p.index, field);
  const value = str(p.step[field]);
  return (
    <Field label={label} htmlFor={id} hint={hint} error={messagesOf(p.issues, field)}>
      <Select id={id} value={value} disabled={p.disabled} onChange={(e) => p.set(field, e.target.value)}>
        {!options.includes(value) && <option value={value}>{value || '(choose)'}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * A field holding any JSON value (an http body, the headers object): edited as JSON text, applied to the
 * step only while it parses; a syntax error is shown under it.
 */
export function JsonField({
  field,
  label,
  hint,
  emptyValue,
  ...p
}: FieldProps & { field: string; label: string; hint?: ReactNode; emptyValue: unknown }) {
  const id = inputId(p.index, field);
  const value = p.step[field];
  const [text, setText] = useState(() => (value === undefined ? '' : prettyJson(value)));
  const parsed = text.trim() === '' ? ({ ok: true, value: undefined } as const) : parseJson(text);
  // The step changed from elsewhere (moved, or its type changed): show its value, unless the text already
  // says the same (then it is what is being typed, and reformatting it would get in the way).
  if (parsed.ok && JSON.stringify(parsed.value) !== JSON.stringify(value))
    setText(value === undefined ? '' : prettyJson(value));
  return (
    <Field
      label={label}
      htmlFor={id}
      hint={hint}
      error={(parsed.ok ? null : parsed.error) ?? messagesOf(p.issues, field)}
    >
      <Textarea
        id={id}
        value={text}
        disabled={p.disabled}
        spellCheck={false}
        placeholder={prettyJson(emptyValue)}
        aria-invalid={!parsed.ok}
        style={{ minHeight: 70 }}
        onChange={(e) => {
          setText(e.target.value);
          const next =
            e.target.value.trim() === ''
              ? ({ ok: true, value: undefined } as const)
              : parseJson(e.target.value);
          if (next.ok) p.set(field, next.value);
        }}
      />
    </Field>
  );
}
