import type { DbOrTx } from '@levqor/db';
import { recordSecurityEvent } from '../security/record-security-event';
import type { SsrfBlockedError } from './ssrf-guard';

export interface SsrfBlockContext {
  source: 'http_step' | 'webhook';
  workspaceId?: string | null;
  jobId?: string | null;
  stepId?: string | null;
  deliveryId?: string | null;
}

/**
 * Logs a refused outbound request as an `ssrf.blocked` security event (warning) with the refused
 * host. A redirect loop is not a refusal of a target and is not logged. Never throws.
 */
export async function recordSsrfBlock(db: DbOrTx, err: SsrfBlockedError, ctx: SsrfBlockContext) {
  if (err.reason === 'too_many_redirects') return;
  let scheme: string | null = null;
  try {
    scheme = new URL(err.url).protocol;
  } catch {
    // not a URL: no scheme
  }
  await recordSecurityEvent(db, {
    type: 'ssrf.blocked',
    severity: 'warning',
    metadata: {
      host: err.host,
      scheme,
      reason: err.reason,
      hop: err.hop,
      source: ctx.source,
      workspace_id: ctx.workspaceId ?? null,
      ...(ctx.jobId ? { job_id: ctx.jobId } : {}),
      ...(ctx.stepId ? { step_id: ctx.stepId } : {}),
      ...(ctx.deliveryId ? { delivery_id: ctx.deliveryId } : {}),
    },
  });
}
