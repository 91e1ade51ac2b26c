import jsonata from 'jsonata';
import { z } from 'zod';
import { DEFAULT_MAX_INPUT_TOKENS, modelPrices } from '../money/prices';
import { DURATION_PATTERN, parseDuration } from '../time/duration';
import { placeholders } from './template';

const MAX_DELAY_MS = 7 * 86_400_000;

const ZStepId = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,39}$/,
    'Step id must start with a letter and use letters, digits, "-" or "_" (max 40)',
  );

const ZTemplateString = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((text, ctx) => {
      const { error } = placeholders(text);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    });

/** An HTTP header name (RFC 9110 token). */
export const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What an HTTP header value may hold (as Node's http client checks it): tab, visible Latin-1, no CR/LF. */
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export const ZHttpStep = z.object({
  id: ZStepId,
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']).default('GET'),
  url: ZTemplateString(2048).pipe(z.string().min(1, 'URL is required')),
  headers: z
    .record(
      z.string().max(200),
      ZTemplateString(4096).regex(
        HEADER_VALUE,
        'A header value is one line: no line breaks (CR/LF) or other control characters',
      ),
    )
    .superRefine((headers, ctx) => {
      for (const name of Object.keys(headers))
        if (!HTTP_TOKEN.test(name))
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: "A header name is letters, digits and !#$%&'*+-.^_`|~ only",
          });
    })
    .default({}),
  body: z.unknown().nullable().default(null),
  timeout_ms: z
    .number()
    .int()
    .min(100, 'timeout_ms is at least 100')
    .max(30_000, 'timeout_ms is at most 30000 (30 s)')
    .default(10_000),
});

export const ZAiStep = z.object({
  id: ZStepId,
  type: z.literal('ai'),
  model: z
    .string()
    .min(1)
    .max(100)
    .superRefine((model, ctx) => {
      const prices = modelPrices();
      if (!prices[model])
        ctx.addIssue({
          code: 'custom',
          message: `Unknown model "${model}"; priced models: ${Object.keys(prices).join(', ')}`,
        });
    }),
  prompt: ZTemplateString(20_000).pipe(z.string().min(1, 'Prompt is required')),
  system: ZTemplateString(20_000).optional(),
  max_tokens: z.number().int().min(1).max(16_384, 'max_tokens is at most 16384'),
  max_input_tokens: z.number().int().min(1).max(128_000).default(DEFAULT_MAX_INPUT_TOKENS),
  temperature: z.number().min(0).max(2).optional(),
});

export const ZTransformStep = z.object({
  id: ZStepId,
  type: z.literal('transform'),
  expression: z
    .string()
    .min(1, 'Expression is required')
    .max(10_000)
    .superRefine((expr, ctx) => {
      try {
        jsonata(expr);
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          message: `Invalid JSONata: ${(err as { message?: string }).message ?? 'syntax error'}`,
        });
      }
    }),
});

export const ZDelayStep = z.object({
  id: ZStepId,
  type: z.literal('delay'),
  duration: z
    .string()
    .regex(DURATION_PATTERN, 'Duration looks like "30s", "5m", "2h" or "1d"')
    .refine((d) => (parseDuration(d) ?? Infinity) <= MAX_DELAY_MS, 'A delay is at most 7 days'),
});

export const ZEmailStep = z.object({
  id: ZStepId,
  type: z.literal('email'),
  to: z.union([z.literal('owner'), z.email('"to" is "owner" or the email of a workspace member')]),
  subject: ZTemplateString(300).pipe(z.string().min(1, 'Subject is required')),
  body: ZTemplateString(50_000),
});

export const ZStep = z.discriminatedUnion(
  'type',
  [ZHttpStep, ZAiStep, ZTransformStep, ZDelayStep, ZEmailStep],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? 'Step type must be one of http, ai, transform, delay, email' : undefined,
  },
);
export type Step = z.infer<typeof ZStep>;
export type HttpStep = z.infer<typeof ZHttpStep>;
export type AiStep = z.infer<typeof ZAiStep>;
export type TransformStep = z.infer<typeof ZTransformStep>;
export type DelayStep = z.infer<typeof ZDelayStep>;
export type EmailStep = z.infer<typeof ZEmailStep>;

function templateFields(step: Step): string[] {
  switch (step.type) {
    case 'http':
      return [step.url, ...Object.values(step.headers), JSON.stringify(step.body ?? null)];
    case 'ai':
      return [step.prompt, step.system ?? ''];
    case 'email':
      return [step.subject, step.body];
    default:
      return [];
  }
}

/** 1–50 steps, unique ids, and `{{steps.X…}}` only for a step that runs earlier. */
export const ZSteps = z
  .array(ZStep)
  .min(1, 'A workflow needs at least one step')
  .max(50, 'A workflow has at most 50 steps')
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((step, i) => {
      if (seen.has(step.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Duplicate step id "${step.id}"` });
      for (const field of templateFields(step)) {
        for (const path of placeholders(field).paths) {
          const ref = /^steps\.([^.[]+)/.exec(path)?.[1];
          if (ref && !seen.has(ref)) {
            ctx.addIssue({
              code: 'custom',
              path: [i],
              message: `Step "${step.id}" uses {{${path}}} but no earlier step is called "${ref}"`,
            });
          }
        }
      }
      seen.add(step.id);
    });
  });

export const ZWorkflowSlug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,62}$/,
    'Slug uses lowercase letters, digits, ".", "-" or "_" (max 63), e.g. "summarize-url"',
  );

export const ZWorkflowDefinition = z.object({
  slug: ZWorkflowSlug,
  name: z.string().trim().min(1, 'Name is required').max(120),
  description: z.string().max(2_000).nullish(),
  steps: ZSteps,
});
export type WorkflowDefinition = z.infer<typeof ZWorkflowDefinition>;
