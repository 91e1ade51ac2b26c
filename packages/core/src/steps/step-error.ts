/** A step failure. `retryable` failures are retried by the engine; others fail the job at once. */
export class StepError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'StepError';
  }
}
