import type { RunLogger } from './define-function';

export type LogLevel = 'info' | 'warn' | 'error';
/** Where engine and `io.log` lines go. The default writes one JSON object per line. */
export type LogSink = (level: LogLevel, record: Record<string, unknown>) => void;

export const jsonLineSink: LogSink = (level, record) => {
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, ...record })}\n`;
  (level === 'info' ? process.stdout : process.stderr).write(line);
};

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
