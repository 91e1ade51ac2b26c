/**
 * What a job handler needs from the engine (a structural subset of @levqor/engine' `io`, so core
 * does not depend on the engine package).
 */
export interface DurableSteps {
  step<T>(
    id: string,
    fn: (ctx: { signal: AbortSignal }) => Promise<T>,
    opts?: { timeoutMs?: number },
  ): Promise<T>;
  sleep(id: string, duration: string | number): Promise<void>;
  /** 0 on the first attempt. */
  attempt: number;
  /** The run's signal: aborts on cancellation, on the job timeout and when the worker stops. */
  readonly signal: AbortSignal;
}
