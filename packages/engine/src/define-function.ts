import type { Duration, RunFinish } from '@levqor/core';

export type { RunFinish };

import { z } from 'zod';

/** An event as the engines carry it. `LevqorEvent` (packages/core) is one of these. */
export interface EngineEvent {
  name: string;
  data: Record<string, unknown>;
}

export type FunctionTrigger = { event: string } | { cron: string };

export interface StepOptions {
  /** Abort the step's signal and fail the attempt after this long. */
  timeoutMs?: number;
}

export interface StepContext {
  /** Aborts on cancellation, on the step timeout, on the job timeout and when the worker stops. */
  signal: AbortSignal;
}

export interface RunLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** What a handler uses to do durable work. The same semantics on both engines. */
export interface RunIO {
  readonly runId: string;
  /** 0 on the first attempt, 1 on the first retry, … */
  readonly attempt: number;
  /** The run's signal: aborts on cancellation, on the job timeout and when the worker stops. */
  readonly signal: AbortSignal;
  /**
   * Runs `fn` once and records its result (JSON: `undefined` becomes `null`, dates become strings).
   * Later attempts and resumes replay the recorded result instead of running `fn` again. A thrown
   * error fails the attempt (retried with back-off; recorded steps stay recorded).
   */
  step<T>(id: string, fn: (ctx: StepContext) => Promise<T> | T, options?: StepOptions): Promise<T>;
  /** Durable sleep: the run leaves the worker and resumes from the top, replaying recorded steps. */
  sleep(id: string, duration: Duration): Promise<void>;
  /** Sends events once (memoized like a step). */
  sendEvent(id: string, events: EngineEvent | EngineEvent[]): Promise<void>;
  /** Structured JSON lines carrying the run id and function id. */
  readonly log: RunLogger;
  /**
   * Local engine only (absent on Inngest, which ends a run when its handler returns): ends the run as
   * succeeded inside the handler's own last statement, saving the round trip the engine spends after
   * the handler returns. `statement(when)` is an UPDATE (usable as a CTE) fenced by the lease that
   * applies only when the SQL condition `when` holds; call `ended()` once it committed with a row, and
   * return right after (the run's output is null; a later step would find the run ended: lease lost).
   */
  readonly finish?: RunFinish;
}

export interface RunContext<P> {
  payload: P;
  io: RunIO;
}

export interface FailureContext<P> extends RunContext<P> {
  /** The last attempt's error (a `RunTimeoutError` when the job timed out). */
  error: Error;
}

/** A job definition as the engines see it (built by `defineFunction`). */
export interface FunctionDefinition<P = unknown> {
  readonly id: string;
  readonly trigger: FunctionTrigger;
  readonly payload: z.ZodType<P>;
  /**
   * At most `limit` runs with the same value of payload field `key` run at once. With `limitField`, a
   * run's payload may carry its key's limit (a workspace's plan); the newest run's limit applies to its
   * key (local engine; Inngest's limits are static, so there `limit` applies).
   */
  readonly concurrency?: { readonly key: string; readonly limit: number; readonly limitField?: string };
  /** Retries after the first attempt (default 3): at most `retries + 1` attempts. */
  readonly retries: number;
  /** Wall-clock limit from the run's first start to its end, sleeps and retries included. */
  readonly timeoutMs?: number;
  /** An event named `event` whose `data[match]` equals this run's `payload[match]` cancels the run. */
  readonly cancelOn?: { readonly event: string; readonly match: string };
  /** Higher runs first (local engine). */
  priority?(payload: P): number;
  /** Called once when the retries are exhausted, the job timed out or the handler threw `NonRetriableError`. */
  onFailure?(ctx: FailureContext<P>): Promise<void>;
  handler(ctx: RunContext<P>): Promise<unknown>;
}

type StringKey<P> = Extract<keyof P, string>;

export interface DefineFunctionInput<S extends z.ZodType> {
  /** Stable function id, e.g. `jobs.run`. Never rename it while runs exist. */
  id: string;
  trigger: FunctionTrigger;
  /** zod schema of the payload (the triggering event's data; `ZCronTick` for cron jobs). */
  payload: S;
  concurrency?: { key: StringKey<z.output<S>>; limit: number; limitField?: StringKey<z.output<S>> };
  retries?: number;
  timeoutMs?: number;
  cancelOn?: { event: string; match: StringKey<z.output<S>> };
  priority?: (payload: z.output<S>) => number;
  onFailure?: (ctx: FailureContext<z.output<S>>) => Promise<void>;
  handler: (ctx: RunContext<z.output<S>>) => Promise<unknown>;
}

export const MAX_RETRIES = 20;

/** Payload of a cron-triggered run: the tick it fires for, as an ISO timestamp. */
export const ZCronTick = z.object({ tick: z.string() });
export type CronTick = z.infer<typeof ZCronTick>;

/** Declares a job. Validates the options; the engines turn it into runs. */
export function defineFunction<S extends z.ZodType>(
  input: DefineFunctionInput<S>,
): FunctionDefinition<z.output<S>> {
  if (!/^[A-Za-z0-9][\w.:-]*$/.test(input.id)) throw new Error(`Invalid job id "${input.id}"`);
  const retries = input.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES)
    throw new Error(`Job ${input.id}: retries must be an integer from 0 to ${MAX_RETRIES}`);
  if (input.concurrency && (!Number.isInteger(input.concurrency.limit) || input.concurrency.limit < 1))
    throw new Error(`Job ${input.id}: concurrency.limit must be a positive integer`);
  if (input.timeoutMs !== undefined && !(input.timeoutMs > 0))
    throw new Error(`Job ${input.id}: timeoutMs must be positive`);
  if (!('event' in input.trigger) && !('cron' in input.trigger))
    throw new Error(`Job ${input.id}: trigger needs an event or a cron`);
  return {
    id: input.id,
    trigger: input.trigger,
    payload: input.payload as unknown as z.ZodType<z.output<S>>,
    concurrency: input.concurrency,
    retries,
    timeoutMs: input.timeoutMs,
    cancelOn: input.cancelOn,
    priority: input.priority,
    onFailure: input.onFailure,
    handler: input.handler,
  };
}
