import { z } from 'zod';
import type { Units } from '../money/money';
import { modelPrices, STEP_FEES, tokenCost } from '../money/prices';
import type { AiStep } from '../workflows/step-schema';
import { renderString, type TemplateScope } from '../workflows/template';
import { StepError } from './step-error';

const ZChatCompletion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0) }),
});

export interface AiOutput {
  text: string;
  usage: { prompt_tokens: number; completion_tokens: number };
}

/** Chat completion at LEVQOR_AI_BASE_URL (OpenAI wire format). Cost = fee + tokens at the model's price. */
export async function runAi(
  step: AiStep,
  scope: TemplateScope,
  signal: AbortSignal,
  env = process.env,
): Promise<{ input: unknown; output: AiOutput; cost: Units }> {
  const base = env.LEVQOR_AI_BASE_URL;
  if (!base)
    throw new StepError(
      'AI steps need LEVQOR_AI_BASE_URL (an OpenAI-compatible endpoint) to be configured',
      false,
    );
  const maxChars = step.max_input_tokens * 4;
  const prompt = renderString(step.prompt, scope).slice(0, maxChars);
  const messages = [
    ...(step.system
      ? [{ role: 'system', content: renderString(step.system, scope).slice(0, maxChars) }]
      : []),
    { role: 'user', content: prompt },
  ];
  const body = {
    model: step.model,
    messages,
    max_tokens: step.max_tokens,
    ...(step.temperature === undefined ? {} : { temperature: step.temperature }),
  };
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(env.LEVQOR_AI_API_KEY ? { authorization: `Bearer ${env.LEVQOR_AI_API_KEY}` } : {}),
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw new StepError('AI request aborted (job cancelled or timed out)', false);
    throw new StepError(`AI endpoint unreachable: ${(err as Error).message}`, true);
  }
  const text = await res.text();
  if (!res.ok) {
    const retryable = res.status === 429 || res.status >= 500;
    throw new StepError(`AI endpoint answered ${res.status}: ${text.slice(0, 300)}`, retryable);
  }
  let parsed: z.infer<typeof ZChatCompletion>;
  try {
    parsed = ZChatCompletion.parse(JSON.parse(text));
  } catch {
    throw new StepError('AI endpoint returned an unexpected response (not a chat completion)', true);
  }
  const price = modelPrices(env)[step.model];
  if (!price) throw new StepError(`No price for model ${step.model}`, false);
  // Never charge more than the estimate promised: usage beyond the step's limits is capped.
  const promptTokens = Math.min(parsed.usage.prompt_tokens, step.max_input_tokens);
  const completionTokens = Math.min(parsed.usage.completion_tokens, step.max_tokens);
  const cost =
    STEP_FEES.ai + tokenCost(promptTokens, price.input) + tokenCost(completionTokens, price.output);
  return {
    input: { model: step.model, messages, max_tokens: step.max_tokens },
    output: { text: parsed.choices[0]!.message.content ?? '', usage: parsed.usage },
    cost,
  };
}
