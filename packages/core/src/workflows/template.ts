/**
 * The one template syntax for step fields: `{{input.x}}`, `{{steps.fetch.output.body}}`. A template is
 * a string with placeholders naming a dotted path into `{ input, steps }`; nothing is evaluated.
 */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^(input|steps)(\.[A-Za-z0-9_-]+|\[\d+\])*$/;

export interface TemplateScope {
  input: unknown;
  steps: Record<string, { output: unknown }>;
}

/** Every placeholder path in `text`, or an error message for the first malformed one. */
export function placeholders(text: string): { paths: string[]; error: string | null } {
  const paths: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const path = m[1]!;
    if (!PATH.test(path)) {
      return {
        paths,
        error: `"{{${path}}}" is not a valid placeholder: use {{input.field}} or {{steps.<id>.output.field}}`,
      };
    }
    paths.push(path);
  }
  return { paths, error: null };
}

function segments(path: string): string[] {
  return path.split(/\.|\[(\d+)\]/).filter((s): s is string => s !== undefined && s !== '');
}

/** Value at a dotted path; undefined when any segment is missing. Own properties only. */
export function lookup(scope: TemplateScope, path: string): unknown {
  let value: unknown = scope;
  for (const key of segments(path)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Renders a string template. A template that is exactly one placeholder keeps the value's type. */
export function renderTemplate(text: string, scope: TemplateScope): unknown {
  const whole = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(text);
  if (whole && PATH.test(whole[1]!)) return lookup(scope, whole[1]!);
  return text.replace(PLACEHOLDER, (_, path: string) =>
    PATH.test(path) ? stringify(lookup(scope, path)) : '',
  );
}

/** Renders to a string whatever the placeholder held. */
export function renderString(text: string, scope: TemplateScope): string {
  return stringify(renderTemplate(text, scope));
}

/** Renders every string inside a JSON value (http headers / bodies). */
export function renderDeep(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') return renderTemplate(value, scope);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, scope)]));
  }
  return value;
}
