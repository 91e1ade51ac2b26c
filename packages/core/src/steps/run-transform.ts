import jsonata from 'jsonata';
import type { TransformStep } from '../workflows/step-schema';
import type { TemplateScope } from '../workflows/template';
import { StepError } from './step-error';

/** JSONata over `{ input, steps }`. */
export async function runTransform(step: TransformStep, scope: TemplateScope): Promise<unknown> {
  try {
    const value = await jsonata(step.expression).evaluate(scope);
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  } catch (err) {
    throw new StepError(`Transform failed: ${(err as { message?: string }).message ?? String(err)}`, false);
  }
}
