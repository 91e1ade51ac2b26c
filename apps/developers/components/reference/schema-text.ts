import type { SchemaObject } from './openapi-types';

const SAFE = Number.MAX_SAFE_INTEGER;

/** `#/components/schemas/Job` → `Job`. */
export function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

/** The schema a local `$ref` points at, or null when it does not resolve. */
export function resolveRef(ref: string, schemas: Record<string, SchemaObject>): SchemaObject | null {
  if (!ref.startsWith('#/components/schemas/')) return null;
  return schemas[refName(ref)] ?? null;
}

const isNull = (s: SchemaObject) => s.type === 'null';

/** The non-null alternatives of an anyOf/oneOf, and whether null was one of them. */
export function alternatives(schema: SchemaObject): { options: SchemaObject[]; nullable: boolean } | null {
  const list = schema.anyOf ?? schema.oneOf;
  if (!list) return null;
  return { options: list.filter((s) => !isNull(s)), nullable: list.some(isNull) };
}

/** A short type such as `string`, `integer | null`, `Job[]`, `"low" | "normal"`, `object`, `any`. */
export function typeLabel(schema: SchemaObject): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const alt = alternatives(schema);
  if (alt) {
    const inner = alt.options.map(typeLabel).join(' | ') || 'null';
    return alt.nullable && alt.options.length > 0 ? `${inner} | null` : inner;
  }
  if (schema.allOf) return schema.allOf.map(typeLabel).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? 'object' : 'any';
  return types
    .map((t) => {
      if (t === 'array') return `${schema.items ? typeLabel(schema.items) : 'any'}[]`;
      if (t === 'string' && schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
      if (t === 'string' && schema.format) return `string (${schema.format})`;
      return t;
    })
    .join(' | ');
}

/** Validation rules worth telling a client: lengths, ranges, pattern, item counts, default. */
export function constraints(schema: SchemaObject): string[] {
  const out: string[] = [];
  if (schema.minLength !== undefined && schema.maxLength !== undefined)
    out.push(`${schema.minLength}–${schema.maxLength} characters`);
  else if (schema.maxLength !== undefined) out.push(`at most ${schema.maxLength} characters`);
  else if (schema.minLength !== undefined) out.push(`at least ${schema.minLength} characters`);
  const min = schema.minimum !== undefined && Math.abs(schema.minimum) < SAFE ? schema.minimum : undefined;
  const max = schema.maximum !== undefined && Math.abs(schema.maximum) < SAFE ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined) out.push(`${min}–${max}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  else if (max !== undefined) out.push(`≤ ${max}`);
  if (schema.exclusiveMinimum !== undefined) out.push(`> ${schema.exclusiveMinimum}`);
  if (schema.exclusiveMaximum !== undefined) out.push(`< ${schema.exclusiveMaximum}`);
  if (schema.minItems !== undefined) out.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems} items`);
  if (schema.pattern) out.push(`matches ${schema.pattern}`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** Whether a schema has inner structure to expand (fields, items with fields, alternatives, a ref). */
export function hasChildren(schema: SchemaObject): boolean {
  if (schema.$ref || schema.properties || schema.allOf) return true;
  if (typeof schema.additionalProperties === 'object') return true;
  if (schema.items) return hasChildren(schema.items);
  const alt = alternatives(schema);
  return !!alt && (alt.options.length > 1 || alt.options.some(hasChildren));
}
