import pino, { type DestinationStream, type Logger } from 'pino';
import { currentContext } from './context';

export type { Logger };

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A terminal-friendly rendering of pino's JSON lines: `12:00:01 INFO  message  key=value …`. Used when
 * stdout is a terminal in local mode (or LEVQOR_LOG_FORMAT=pretty); JSON lines everywhere else.
 */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, ...rest } = record;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${clock} ${String(level).toUpperCase().padEnd(5)} ${String(msg ?? '')}${fields ? `  ${fields}` : ''}\n`;
}

function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? err : String(err);
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, stack: err.stack, ...(code !== undefined ? { code } : {}) };
}

function usePretty(env: Record<string, string | undefined>): boolean {
  if (env.LEVQOR_LOG_FORMAT === 'pretty') return true;
  if (env.LEVQOR_LOG_FORMAT === 'json') return false;
  const local = env.NODE_ENV !== 'production' || env.LEVQOR_LOCAL === '1';
  return local && process.stdout.isTTY === true;
}

/** Writes through `process.stdout.write` at call time (so a test can watch it), optionally prettified. */
function stdoutDestination(pretty: boolean): DestinationStream {
  return { write: (line: string) => void process.stdout.write(pretty ? prettyLine(line) : line) };
}

/** Builds a logger writing JSON lines (level, ISO time, msg, context ids) to `destination`. */
export function createLogger(
  destination: DestinationStream,
  env: Record<string, string | undefined> = process.env,
): Logger {
  const level = LEVELS.find((l) => l === env.LEVQOR_LOG_LEVEL) ?? 'info';
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Request id, job id, workspace id… of the work in progress (see withContext).
      mixin: () => ({ ...currentContext() }),
      // An error's name, message, stack and code — not the properties code hung on it (payloads).
      serializers: { err: serializeError },
      redact: {
        paths: ['headers.cookie', 'headers.authorization', 'headers["x-api-key"]', 'password', 'secret'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

// One root logger per process, even when Next bundles this module a second time.
const KEY = Symbol.for('levqor.observability.logger');
const slot = globalThis as typeof globalThis & { [KEY]?: Logger };

/** The process's logger. `log.child({ app: 'web' })` for a component's own fields. */
slot[KEY] ??= createLogger(stdoutDestination(usePretty(process.env)));
export const log: Logger = slot[KEY];
