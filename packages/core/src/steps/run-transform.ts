import type { TransformStep } from '../workflows/step-schema';
import type { TemplateScope } from '../workflows/template';
import { StepError } from './step-error';
import { DEFAULT_TRANSFORM_LIMITS, type TransformLimits } from './transform-limits';
import { TransformError, TransformPool } from './transform-pool';

/** One pool per heap limit (a sandbox's limit is fixed when it starts). */
const pools = new Map<number, TransformPool>();

export function transformPool(memoryMb: number): TransformPool {
  let pool = pools.get(memoryMb);
  if (!pool) {
    pool = new TransformPool({ memoryMb });
    pools.set(memoryMb, pool);
  }
  return pool;
}

export interface RunTransformOptions {
  limits?: TransformLimits;
  signal?: AbortSignal;
}

/**
 * JSONata over `{ input, steps }`, evaluated in a sandbox process under the limits (time, heap,
 * output bytes). A failure is final: the same expression over the same data fails the same way.
 */
export async function runTransform(
  step: TransformStep,
  scope: TemplateScope,
  options: RunTransformOptions = {},
): Promise<unknown> {
  const limits = options.limits ?? DEFAULT_TRANSFORM_LIMITS;
  try {
    return await transformPool(limits.memoryMb).run({
      expression: step.expression,
      scope,
      timeoutMs: limits.timeoutMs,
      maxOutputBytes: limits.maxOutputBytes,
      signal: options.signal,
    });
  } catch (err) {
    if (!(err instanceof TransformError)) throw err;
    // A full queue or a sandbox that died on its own may pass on a later attempt.
    const retryable = err.kind === 'busy' || err.kind === 'sandbox';
    throw new StepError(err.kind === 'eval' ? `Transform failed: ${err.message}` : err.message, retryable);
  }
}
