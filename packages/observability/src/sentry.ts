import { currentContext, type ObsContext } from './context';
import { log } from './logger';
import { sentryOptions, tagsOf } from './sentry-options';

/** The part of a Sentry SDK (`@sentry/node` or `@sentry/nextjs`, same version) this module calls. */
export interface SentryApi {
  withScope(callback: (scope: { setTags(tags: Record<string, string>): unknown }) => void): void;
  captureException(error: unknown): string;
  flush(timeout?: number): PromiseLike<boolean>;
}

// One per process, even when Next bundles this module a second time.
const KEY = Symbol.for('levqor.observability.sentry');
const slot = globalThis as typeof globalThis & { [KEY]?: SentryApi };

type RawEnv = Record<string, string | undefined>;

/** Whether this process reports errors (SENTRY_DSN set and a client started). */
export function sentryEnabled(): boolean {
  return slot[KEY] !== undefined;
}

/**
 * Starts `@sentry/node` for this process (an app server or the worker) when SENTRY_DSN is set. Without
 * it the SDK is not even loaded: nothing is sent, no socket is opened. Idempotent.
 */
export async function initSentry(service: string, env: RawEnv = process.env): Promise<boolean> {
  if (slot[KEY]) return true;
  if (!env.SENTRY_DSN) return false;
  const Sentry = await import('@sentry/node');
  Sentry.init({
    ...sentryOptions({
      dsn: env.SENTRY_DSN,
      service,
      environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV ?? 'development',
      release: env.SENTRY_RELEASE,
    }),
    // Levqor does its own request/job context; the SDK's OpenTelemetry, module hooks and
    // auto-instrumentation of outgoing HTTP (URLs, headers in breadcrumbs) stay off.
    enableOpenTelemetrySetup: false,
    enableRuntimeChannelInjection: false,
    defaultIntegrations: false,
    integrations: [
      Sentry.eventFiltersIntegration(),
      Sentry.functionToStringIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration({ mode: 'warn' }),
      Sentry.contextLinesIntegration(),
      Sentry.nodeContextIntegration(),
    ],
  });
  slot[KEY] = Sentry;
  log.info({ service }, 'sentry.enabled');
  return true;
}

/** Lets a Next app hand over the client `@sentry/nextjs` started (used when no app server started one). */
export function useSentryClient(api: SentryApi): void {
  slot[KEY] ??= api;
}

// An error seen by two layers (a procedure and its adapter) is reported once.
const reported = new WeakSet<Error>();

/**
 * Reports an unexpected error, tagged with the request/job/workspace/run ids of the current context
 * (and `fields`). A no-op when Sentry is off. The event passes the shared scrubber before it leaves.
 */
export function reportError(error: unknown, fields: ObsContext = {}): void {
  const sentry = slot[KEY];
  if (!sentry) return;
  if (error instanceof Error) {
    if (reported.has(error)) return;
    reported.add(error);
  }
  const tags = tagsOf({ ...currentContext(), ...fields });
  sentry.withScope((scope) => {
    scope.setTags(tags);
    sentry.captureException(error);
  });
}

/** Waits (at most `timeoutMs`) until queued reports are sent: before a process exits, and in tests. */
export async function flushSentry(timeoutMs = 2_000): Promise<void> {
  await slot[KEY]?.flush(timeoutMs);
}
