import type { ObsContext } from '@levqor/observability/context';
import { log } from '@levqor/observability/logger';
import type { RunLogger } from './define-function';

export type LogLevel = 'info' | 'warn' | 'error';
/** Where engine and `io.log` lines go. The default is the process's logger (JSON lines). */
export type LogSink = (level: LogLevel, record: Record<string, unknown>) => void;

/** Through the shared logger: one JSON line with level, time, msg and the run's ids (see runContext). */
export const jsonLineSink: LogSink = (level, { msg, ...record }) => {
  log[level](record, typeof msg === 'string' ? msg : undefined);
};

/** The ids a run's log lines and error reports carry: the run, its function, and the customer's job and workspace when its payload names them. */
export function runContext(run: { id: string; functionId: string; payload: unknown }): ObsContext {
  const payload = (run.payload ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    runId: run.id,
    functionId: run.functionId,
    jobId: text(payload.jobId),
    workspaceId: text(payload.workspaceId),
  };
}

export const silentSink: LogSink = () => {};

/** A logger whose lines carry `fields` (e.g. runId, functionId). */
export function createLogger(sink: LogSink, fields: Record<string, unknown>): RunLogger {
  const write = (level: LogLevel) => (message: string, data?: Record<string, unknown>) =>
    sink(level, { ...fields, msg: message, ...data });
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.message, errorName: error.name } : { error: String(error) };
}
