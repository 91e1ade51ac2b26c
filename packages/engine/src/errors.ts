/** Thrown by a handler (or a step) to fail the run at once, without further retries. */
export class NonRetriableError extends Error {
  override name = 'NonRetriableError';
}

/** The run was cancelled (a `cancelOn` event matched it). */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'The run was cancelled') {
    super(message);
  }
}

/** The job's `timeoutMs` elapsed. The run fails without retries and `onFailure` is called. */
export class RunTimeoutError extends Error {
  override name = 'RunTimeoutError';
  constructor(timeoutMs: number) {
    super(`The job timed out after ${timeoutMs} ms`);
  }
}

/** A step's `timeoutMs` elapsed. It counts as a failed attempt and is retried like any error. */
export class StepTimeoutError extends Error {
  override name = 'StepTimeoutError';
  constructor(stepId: string, timeoutMs: number) {
    super(`Step "${stepId}" timed out after ${timeoutMs} ms`);
  }
}

/** This worker no longer holds the run's lease (it expired and another worker took the run). */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor(runId: string) {
    super(`Lost the lease on run ${runId}`);
  }
}

/** The worker is shutting down and gave the run back to the queue. */
export class WorkerStoppingError extends Error {
  override name = 'WorkerStoppingError';
  constructor() {
    super('The worker is stopping');
  }
}

export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}

/** An error as recorded (database, Inngest's serialized form). */
export interface StoredError {
  name: string;
  message: string;
}

/** Rebuilds a recorded error, as an instance of the engine's own error classes where it was one. */
export function reviveError(stored: StoredError): Error {
  const classes: Record<string, { prototype: Error }> = {
    NonRetriableError,
    RunTimeoutError,
    StepTimeoutError,
    CancelledError,
  };
  const error = new Error(stored.message);
  const known = classes[stored.name];
  if (known) Object.setPrototypeOf(error, known.prototype);
  error.name = stored.name;
  return error;
}
