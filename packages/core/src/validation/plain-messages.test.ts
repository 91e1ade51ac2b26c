import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './plain-messages';
import { ZStep } from '../workflows/step-schema';

const first = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? null : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`;
};

describe('plain validation messages', () => {
  it('say what is wrong in words, without "Invalid input: expected string, received undefined"', () => {
    const S = z.object({
      name: z.string(),
      age: z.number().int().min(0).max(150),
      tags: z.array(z.string()).max(2),
      kind: z.enum(['a', 'b']),
      site: z.url(),
    });
    expect(first(S, { age: 1, tags: [], kind: 'a', site: 'https://x.y' })).toBe('name: Required');
    expect(first(S, { name: 3, age: 1, tags: [], kind: 'a', site: 'https://x.y' })).toBe(
      'name: Must be text, not a number',
    );
    expect(first(S, { name: 'x', age: 1.5, tags: [], kind: 'a', site: 'https://x.y' })).toMatch(
      /^age: Must be a whole number/,
    );
    expect(first(S, { name: 'x', age: 200, tags: [], kind: 'a', site: 'https://x.y' })).toBe(
      'age: Must be at most 150',
    );
    expect(first(S, { name: 'x', age: 1, tags: ['a', 'b', 'c'], kind: 'a', site: 'https://x.y' })).toBe(
      'tags: Must have at most 2 items',
    );
    expect(first(S, { name: 'x', age: 1, tags: [], kind: 'c', site: 'https://x.y' })).toBe(
      'kind: Must be one of "a", "b"',
    );
    expect(first(S, { name: 'x', age: 1, tags: [], kind: 'a', site: 'nope' })).toBe(
      'site: Must be a URL, like https://example.com',
    );
    expect(first(z.strictObject({ a: z.string() }), { a: 'x', b: 1 })).toBe(': Unknown field "b"');
  });

  it('apply to workflow steps, while messages the schema brings stay', () => {
    expect(first(ZStep, { id: 'fetch', type: 'http' })).toBe('url: Required');
    expect(first(ZStep, { id: 'wait', type: 'delay', duration: 5 })).toBe(
      'duration: Must be text, not a number',
    );
    expect(first(ZStep, { id: 'x', type: 'http', url: 'https://a.b', timeout_ms: 99_999 })).toBe(
      'timeout_ms: timeout_ms is at most 30000 (30 s)',
    );
    expect(first(ZStep, { id: 'x', type: 'nope' })).toBe(
      'type: Step type must be one of http, ai, transform, delay, email',
    );
  });
});
