import type { StepContext } from './define-function';
import { StepTimeoutError } from './errors';

/**
 * Runs a step function with a signal that aborts when `parent` aborts or after `timeoutMs`, and settles
 * as soon as the signal aborts even if `fn` ignores it (the abandoned call can no longer affect the run:
 * its result is never recorded).
 */
export async function runStepFn<T>(
  stepId: string,
  fn: (ctx: StepContext) => Promise<T> | T,
  parent: AbortSignal,
  timeoutMs?: number,
): Promise<T> {
  if (parent.aborted) throw parent.reason;
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onParentAbort, { once: true });
  const timer =
    timeoutMs !== undefined
      ? setTimeout(() => controller.abort(new StepTimeoutError(stepId, timeoutMs)), timeoutMs)
      : undefined;
  const { signal } = controller;
  try {
    return await new Promise<T>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      Promise.resolve()
        .then(() => fn({ signal }))
        .then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', onParentAbort);
  }
}

/** A step result as it is recorded and replayed: JSON, with `undefined` as `null`. */
export function toJson<T>(value: T): T {
  return (value === undefined ? null : JSON.parse(JSON.stringify(value))) as T;
}

/** Gives repeated uses of one step id distinct ids (`id`, `id:1`, `id:2`…), as Inngest does. */
export function stepIdAllocator(prefix = ''): (id: string) => string {
  const seen = new Map<string, number>();
  return (id) => {
    if (!id || id.startsWith('__levqor')) throw new Error(`Invalid step id "${id}"`);
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    return `${prefix}${count === 0 ? id : `${id}:${count}`}`;
  };
}
