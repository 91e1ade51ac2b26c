import { z } from 'zod';

/** Deepest nesting accepted in a stored JSON value (job payloads, step bodies). */
export const JSON_MAX_DEPTH = 64;

/** A UTF-16 surrogate without its pair: not valid Unicode, refused by PostgreSQL's jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasNul = (s: string) => s.includes('\u0000');

function stringProblem(s: string): string | null {
  if (hasNul(s)) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (invalid Unicode)';
  return null;
}

export interface JsonProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Why `value` cannot be stored as JSON in PostgreSQL (and serialised without a stack overflow), or
 * null: nesting deeper than `maxDepth`, a NUL character or an unpaired surrogate in a string or a key.
 * Iterative: arbitrarily deep input cannot overflow the stack here.
 */
export function storableJsonProblem(value: unknown, maxDepth = JSON_MAX_DEPTH): JsonProblem | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const message = stringProblem(v);
      if (message) return { path, message };
    } else if (v !== null && typeof v === 'object') {
      if (path.length >= maxDepth) return { path, message: `is nested more than ${maxDepth} levels deep` };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      } else {
        for (const [key, child] of Object.entries(v as Record<string, unknown>)) {
          const message = stringProblem(key);
          if (message) return { path, message: `has a key that ${message}` };
          stack.push({ v: child, path: [...path, key] });
        }
      }
    }
  }
  return null;
}

/** Any JSON value that PostgreSQL can store: see storableJsonProblem. */
export const ZStorableJson = z.unknown().superRefine((value, ctx) => {
  const problem = storableJsonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

/** A string without NUL characters (PostgreSQL text cannot hold them). */
export const noNul = {
  check: (s: string) => !hasNul(s),
  message: 'must not contain NUL characters (\\u0000)',
};
