export { type BackoffOptions, backoffMs } from './backoff';
export {
  type CronTick,
  type DefineJobInput,
  defineJob,
  type FailureContext,
  type JobContext,
  type JobDefinition,
  type JobEvent,
  type JobIO,
  type JobLogger,
  type JobTrigger,
  MAX_RETRIES,
  type StepContext,
  type StepOptions,
  ZCronTick,
} from './define-job';
export { type Duration, parseDuration } from './duration';
export {
  CancelledError,
  JobTimeoutError,
  LeaseLostError,
  NonRetriableError,
  StepTimeoutError,
  WorkerStoppingError,
} from './errors';
export { createInngestClient, dispatchOutbox, INNGEST_APP_ID } from './inngest/client';
export { createInngestFunctions, type InngestFunctionsOptions } from './inngest/functions';
export { createInngestHandler, type InngestHandlerOptions } from './inngest/handler';
export {
  createJobsClient,
  type JobsClient,
  type JobsClientOptions,
  type JobsProvider,
  resolveProvider,
} from './jobs-client';
export { cronDedupeKey, nextTick } from './local/cron';
export { NOTIFY_CHANNEL } from './local/send';
export { createWorker, type DrainOptions, type Worker, type WorkerOptions } from './local/worker';
export { jsonLineSink, type LogLevel, type LogSink, silentSink } from './log';
export { runWorkerProcess, type WorkerProcess, type WorkerProcessOptions } from './process';
export { createRegistry, type Registry } from './registry';
