import type { Units } from '../money/money';
import { modelPrices, STEP_FEES, tokenCost } from '../money/prices';
import type { Step } from '../workflows/step-schema';

/** The most a step can cost: its fee, plus for `ai` the full prompt budget and `max_tokens` of output. */
export function maxStepCost(step: Step, prices = modelPrices()): Units {
  const fee = STEP_FEES[step.type];
  if (step.type !== 'ai') return fee;
  const price = prices[step.model];
  if (!price) throw new Error(`no price for model ${step.model}`);
  return fee + tokenCost(step.max_input_tokens, price.input) + tokenCost(step.max_tokens, price.output);
}

/** A job's estimate: the sum of each step's maximum. */
export function estimateJob(steps: Step[]): Units {
  const prices = modelPrices();
  return steps.reduce((sum, s) => sum + maxStepCost(s, prices), 0);
}
