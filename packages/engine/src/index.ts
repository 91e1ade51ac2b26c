export type { Duration } from '@levqor/core';
export { type BackoffOptions, backoffMs } from './backoff';
export {
  type CronTick,
  type DefineFunctionInput,
  defineFunction,
  type EngineEvent,
  type FailureContext,
  type FunctionDefinition,
  type FunctionTrigger,
  MAX_RETRIES,
  type RunContext,
  type RunIO,
  type RunLogger,
  type StepContext,
  type StepOptions,
  ZCronTick,
} from './define-function';
export {
  createEngineClient,
  type EngineClient,
  type EngineClientOptions,
  type EngineProvider,
  resolveProvider,
} from './engine-client';
export {
  CancelledError,
  LeaseLostError,
  NonRetriableError,
  RunTimeoutError,
  StepTimeoutError,
  WorkerStoppingError,
} from './errors';
export { createInngestClient, dispatchOutbox, INNGEST_APP_ID } from './inngest/client';
export { createInngestFunctions, type InngestFunctionsOptions } from './inngest/functions';
export { createInngestHandler, type InngestHandlerOptions } from './inngest/handler';
export { cronDedupeKey, nextTick, parseCronSpec } from './local/cron';
export { NOTIFY_CHANNEL } from './local/send';
export { createWorker, type DrainOptions, type Worker, type WorkerOptions } from './local/worker';
export { jsonLineSink, type LogLevel, type LogSink, silentSink } from './log';
export {
  runWorkerProcess,
  type WorkerProcess,
  type WorkerProcessOptions,
  workerConcurrency,
} from './process';
export { createRegistry, type Registry } from './registry';
