/** A step failure. `retryable` failures are retried by the engine; others fail the job at once. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The step's resolved input, when it got that far (recorded with the failed attempt). */
    readonly input?: unknown,
  ) {
    super(message);
    this.name = 'StepError';
  }
}
