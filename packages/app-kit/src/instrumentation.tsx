import type { Instrumentation } from 'next';

/**
 * Next's instrumentation hooks, shared by the three apps (`apps/*\/instrumentation.ts`). Behind Levqor's
 * app server Sentry is already started (packages/observability, before Next); under plain `next start`
 * it starts here, with the same options. Without SENTRY_DSN both do nothing and load nothing.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.SENTRY_DSN) return;
  const { initSentry } = await import('@levqor/observability/sentry');
  await initSentry(process.env.LEVQOR_APP ?? 'next');
}

/** Errors of rendering, route handlers and server actions, tagged with the app server's request id. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.SENTRY_DSN) return;
  const [{ sentryEnabled }, { currentContext }, { tagsOf }, Sentry] = await Promise.all([
    import('@levqor/observability/sentry'),
    import('@levqor/observability/context'),
    import('@levqor/observability/sentry-options'),
    import('@sentry/nextjs'),
  ]);
  if (!sentryEnabled()) return;
  const header = request.headers['x-request-id'];
  const requestId = typeof header === 'string' ? header : undefined;
  Sentry.withScope((scope) => {
    scope.setTags(tagsOf({ ...currentContext(), requestId: requestId ?? currentContext().requestId }));
    Sentry.captureRequestError(error, request, context);
  });
};
