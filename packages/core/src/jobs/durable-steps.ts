import type { SQL } from '@levqor/db';

/**
 * The engine's end of a run, to fold into the handler's last statement (local engine only; see
 * `RunIO.finish` in @levqor/engine): `statement(when)` is an UPDATE usable as a CTE that ends the run as
 * succeeded when `when` holds; `ended()` tells the engine it committed (then the handler returns).
 */
export interface RunFinish {
  statement(when: SQL): SQL;
  ended(): void;
}

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
  readonly finish?: RunFinish;
}
