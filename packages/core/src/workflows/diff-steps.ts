import { z } from 'zod';

/** One field of a step that differs between two versions (`before`/`after` absent when the field is). */
export const ZFieldChange = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/** What happened to one step (matched by id) between two versions of a workflow. */
export const ZStepChange = z.object({
  id: z.string(),
  type: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'moved', 'unchanged']),
  /** 1-based positions; null where the step does not exist. */
  from_position: z.number().int().nullable(),
  to_position: z.number().int().nullable(),
  fields: z.array(ZFieldChange),
});
export type StepChange = z.infer<typeof ZStepChange>;

type StepLike = { id: string; type: string } & Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Step-by-step differences from `from` to `to`, matched by step id, in the order of `to` with removed
 * steps after them. A step whose fields are equal but whose position changed is `moved`; a step whose
 * type changed lists `type` among its fields.
 */
export function diffSteps(from: StepLike[], to: StepLike[]): StepChange[] {
  const before = new Map(from.map((s, i) => [s.id, { step: s, position: i + 1 }]));
  const after = new Set(to.map((s) => s.id));
  const changes: StepChange[] = to.map((step, i) => {
    const old = before.get(step.id);
    if (!old)
      return {
        id: step.id,
        type: step.type,
        change: 'added',
        from_position: null,
        to_position: i + 1,
        fields: [],
      };
    const keys = [...new Set([...Object.keys(old.step), ...Object.keys(step)])].filter((k) => k !== 'id');
    const fields = keys
      .filter((k) => !same(old.step[k], step[k]))
      .map((k) => ({ field: k, before: old.step[k], after: step[k] }));
    return {
      id: step.id,
      type: step.type,
      change: fields.length > 0 ? 'changed' : old.position !== i + 1 ? 'moved' : 'unchanged',
      from_position: old.position,
      to_position: i + 1,
      fields,
    };
  });
  for (const [id, old] of before)
    if (!after.has(id))
      changes.push({
        id,
        type: old.step.type,
        change: 'removed',
        from_position: old.position,
        to_position: null,
        fields: [],
      });
  return changes;
}
