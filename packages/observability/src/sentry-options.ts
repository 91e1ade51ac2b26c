import { scrubBreadcrumb, scrubEvent } from './scrub';

/** Sentry options shared by every client (server, worker, browser): no PII, no tracing, the scrubber. */
export function sentryOptions(opts: {
  dsn: string;
  service: string;
  environment?: string;
  release?: string;
}) {
  return {
    dsn: opts.dsn,
    environment: opts.environment,
    release: opts.release,
    sendDefaultPii: false,
    // Errors only: no performance tracing, no sessions replayed.
    tracesSampleRate: 0,
    maxBreadcrumbs: 30,
    initialScope: { tags: { service: opts.service } },
    beforeSend: scrubEvent,
    beforeBreadcrumb: scrubBreadcrumb,
  };
}

/** The ids an error report is tagged with, as Sentry tag names. */
export const TAG_NAMES = {
  requestId: 'request_id',
  jobId: 'job_id',
  workspaceId: 'workspace_id',
  runId: 'run_id',
  functionId: 'function_id',
} as const;

export function tagsOf(
  fields: Partial<Record<keyof typeof TAG_NAMES, string | undefined>>,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, tag] of Object.entries(TAG_NAMES)) {
    const value = fields[key as keyof typeof TAG_NAMES];
    if (typeof value === 'string' && value) tags[tag] = value;
  }
  return tags;
}
