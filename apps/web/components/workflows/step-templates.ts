export const STEP_TYPES = ['transform', 'http', 'ai', 'delay', 'email'] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** A valid starting point for each step type (the fields of the workflow contract). */
const TEMPLATES: Record<StepType, (id: string) => Record<string, unknown>> = {
  transform: (id) => ({ id, type: 'transform', expression: "{ 'echo': input }" }),
  http: (id) => ({
    id,
    type: 'http',
    method: 'GET',
    url: 'https://example.com/{{input.path}}',
    headers: {},
    body: null,
    timeout_ms: 10000,
  }),
  ai: (id) => ({
    id,
    type: 'ai',
    model: 'gpt-4o-mini',
    prompt: 'Summarize: {{input.text}}',
    max_tokens: 300,
  }),
  delay: (id) => ({ id, type: 'delay', duration: '30s' }),
  email: (id) => ({ id, type: 'email', to: 'owner', subject: 'Job done', body: 'Result: {{input}}' }),
};

/** `type`, `type2`, `type3`… — the first id not used by `steps`. */
function freshId(type: StepType, steps: unknown[]): string {
  const used = new Set(steps.map((s) => (s && typeof s === 'object' ? (s as { id?: unknown }).id : null)));
  if (!used.has(type)) return type;
  let n = 2;
  while (used.has(`${type}${n}`)) n++;
  return `${type}${n}`;
}

/** A fresh step of `type` with the given id (changing a step's type starts from its template). */
export function templateFor(type: StepType, id: string): Record<string, unknown> {
  return TEMPLATES[type](id);
}

/** The step list with a new step of `type` appended. */
export function withNewStep(steps: unknown[], type: StepType): unknown[] {
  return [...steps, TEMPLATES[type](freshId(type, steps))];
}
