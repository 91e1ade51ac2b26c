import { durationMs } from '@levqor/core';
import { reportError } from '@levqor/observability/sentry';
import { type GetStepTools, type Inngest, NonRetriableError as InngestNonRetriableError } from 'inngest';
import type { EngineEvent, FunctionDefinition, RunIO } from '../define-function';
import { NonRetriableError, RunTimeoutError, reviveError, type StoredError } from '../errors';
import { createLogger, jsonLineSink, type LogSink } from '../log';
import type { Registry } from '../registry';
import { runStepFn, stepIdAllocator, toJson } from '../step-signal';

type StepTools = GetStepTools<Inngest.Any>;

export interface InngestFunctionsOptions {
  log?: LogSink;
}

interface InngestIOOptions {
  step: StepTools;
  runId: string;
  attempt: number;
  functionId: string;
  sink: LogSink;
  prefix?: string;
  /** Epoch ms after which the job has timed out. */
  deadline?: number;
  timeoutMs?: number;
}

/**
 * The `io` of a run on Inngest: `io.step` → `step.run`, `io.sleep` → `step.sleep`, `io.sendEvent` →
 * `step.sendEvent`, with the same step ids, signals and timeouts as on the local engine. Inngest replays
 * recorded steps itself. The run's signal aborts on the job timeout; cancellation is Inngest's (`cancelOn`)
 * and takes effect between steps.
 */
function createInngestIO(options: InngestIOOptions): RunIO & { dispose(): void } {
  const { step, deadline, timeoutMs } = options;
  const allocate = stepIdAllocator(options.prefix);
  const controller = new AbortController();
  const timeout = () => new RunTimeoutError(timeoutMs ?? 0);
  const timer =
    deadline !== undefined
      ? setTimeout(() => controller.abort(timeout()), Math.max(0, deadline - Date.now()))
      : undefined;
  const checkDeadline = () => {
    if (deadline !== undefined && Date.now() >= deadline) throw timeout();
  };
  return {
    runId: options.runId,
    attempt: options.attempt,
    signal: controller.signal,
    log: createLogger(options.sink, { runId: options.runId, functionId: options.functionId }),

    async step(id, fn, stepOptions) {
      const stepId = allocate(id);
      checkDeadline();
      const result = await step.run(stepId, () =>
        runStepFn(stepId, fn, controller.signal, stepOptions?.timeoutMs).then(
          (value) => toJson(value),
          (error: unknown) => {
            throw toInngestError(error);
          },
        ),
      );
      return result as never;
    },

    async sleep(id, duration) {
      const stepId = allocate(id);
      checkDeadline();
      const ms = durationMs(duration);
      await step.sleep(
        stepId,
        deadline === undefined ? ms : Math.min(ms, Math.max(0, deadline - Date.now())),
      );
      checkDeadline();
    },

    async sendEvent(id, events: EngineEvent | EngineEvent[]) {
      const stepId = allocate(id);
      checkDeadline();
      await step.sendEvent(stepId, Array.isArray(events) ? events : [events]);
    },

    dispose() {
      clearTimeout(timer);
    },
  };
}

/** Errors that must end an Inngest run without retries. */
function toInngestError(error: unknown): unknown {
  if (error instanceof RunTimeoutError || error instanceof NonRetriableError)
    return new InngestNonRetriableError(error.message, { cause: error });
  return error;
}

function parsePayload(def: FunctionDefinition, data: unknown): unknown {
  const parsed = def.payload.safeParse(data);
  if (!parsed.success) throw new InngestNonRetriableError(`Invalid payload: ${parsed.error.message}`);
  return parsed.data;
}

/** The payload of a run: the event's data, or `{ tick }` for a cron run. */
function payloadOf(def: FunctionDefinition, event: { data?: unknown; ts?: number }): unknown {
  if ('cron' in def.trigger)
    return parsePayload(def, { tick: new Date(event.ts ?? Date.now()).toISOString() });
  return parsePayload(def, event.data);
}

/** Reserved step recording when the run started, for `timeoutMs`. */
const STARTED_STEP = '__levqor:started';

async function deadlineOf(def: FunctionDefinition, step: StepTools): Promise<number | undefined> {
  if (def.timeoutMs === undefined) return undefined;
  const startedAt = await step.run(STARTED_STEP, () => Date.now());
  return startedAt + def.timeoutMs;
}

function toInngestFunction(inngest: Inngest.Any, def: FunctionDefinition, sink: LogSink) {
  const base = { functionId: def.id, sink, timeoutMs: def.timeoutMs };
  const onFailure = def.onFailure;
  return inngest.createFunction(
    {
      id: def.id,
      triggers: ['event' in def.trigger ? { event: def.trigger.event } : { cron: def.trigger.cron }],
      retries: def.retries as 0,
      concurrency: def.concurrency
        ? { key: `event.data.${def.concurrency.key}`, limit: def.concurrency.limit }
        : undefined,
      cancelOn: def.cancelOn
        ? [{ event: def.cancelOn.event, match: `data.${def.cancelOn.match}` }]
        : undefined,
      // Once per run that failed for good (retries used up), as on the local engine: its error goes to
      // Sentry (off without SENTRY_DSN), then the definition's onFailure runs, if it has one.
      onFailure: async ({ event, error, step, runId, attempt }) => {
        const data = event.data as {
          event?: { data?: unknown; ts?: number };
          error?: unknown;
          run_id?: string;
        };
        const failure = failureError(error ?? data.error);
        let payload: unknown;
        try {
          payload = payloadOf(def, data.event ?? {});
        } catch {
          payload = undefined;
        }
        const ids = (payload ?? {}) as { jobId?: unknown; workspaceId?: unknown };
        reportError(failure, {
          runId: data.run_id ?? runId,
          functionId: def.id,
          jobId: typeof ids.jobId === 'string' ? ids.jobId : undefined,
          workspaceId: typeof ids.workspaceId === 'string' ? ids.workspaceId : undefined,
        });
        // As on the local engine: a run with an invalid payload fails without onFailure.
        if (!onFailure || payload === undefined) return;
        const io = createInngestIO({ ...base, step, runId, attempt, prefix: 'onFailure/' });
        try {
          await onFailure({ payload, error: failure, io });
        } finally {
          io.dispose();
        }
      },
    },
    async ({ event, step, runId, attempt }) => {
      const payload = payloadOf(def, event);
      const deadline = await deadlineOf(def, step);
      const io = createInngestIO({ ...base, step, runId, attempt, deadline });
      try {
        return (await def.handler({ payload, io })) ?? null;
      } catch (error) {
        throw toInngestError(io.signal.aborted ? io.signal.reason : error);
      } finally {
        io.dispose();
      }
    },
  );
}

function isStoredError(value: unknown): value is StoredError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StoredError).name === 'string' &&
    typeof (value as StoredError).message === 'string'
  );
}

/**
 * The error `onFailure` receives: the handler's own error (a `RunTimeoutError` rather than the
 * `NonRetriableError` wrapping it for Inngest), rebuilt from Inngest's serialized form when needed.
 */
function failureError(error: unknown): Error {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isStoredError(error) && error.name === 'NonRetriableError' && isStoredError(cause))
    return reviveError(cause);
  if (error instanceof Error) return error;
  if (isStoredError(error)) return reviveError(error);
  return new Error(String(error));
}

/** One Inngest function per definition of the registry. */
export function createInngestFunctions(
  inngest: Inngest.Any,
  registry: Registry,
  options: InngestFunctionsOptions = {},
) {
  const sink = options.log ?? jsonLineSink;
  return registry.definitions.map((def) => toInngestFunction(inngest, def, sink));
}
