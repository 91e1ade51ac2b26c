import type { DbOrTx } from '@levqor/db';
import { DomainError } from '../errors';
import { recordSsrfBlock } from '../net/record-ssrf-block';
import {
  allowListFromEnv,
  checkTarget,
  type Resolver,
  SsrfBlockedError,
  systemResolver,
  UnresolvableHostError,
} from '../net/ssrf-guard';

/** How long a submission waits for DNS before it lets the delivery-time guard decide. */
const LOOKUP_TIMEOUT_MS = 1_500;

function boundedResolver(resolve: Resolver, timeoutMs: number): Resolver {
  return (host) =>
    new Promise((ok) => {
      const timer = setTimeout(() => ok([]), timeoutMs);
      resolve(host).then(
        (a) => {
          clearTimeout(timer);
          ok(a);
        },
        () => {
          clearTimeout(timer);
          ok([]);
        },
      );
    });
}

/**
 * Refuses, at submission, a `callback_url` the delivery's SSRF guard would refuse (the same
 * `checkTarget`, the same LEVQOR_SSRF_ALLOW): a BAD_REQUEST naming the reason, logged as an
 * `ssrf.blocked` security event. A host that does not resolve (now, or within 1.5 s) is accepted: DNS
 * failures are often transient, and every delivery attempt checks the target again (DNS rebinding too).
 */
export async function assertCallbackUrlAllowed(
  db: DbOrTx,
  url: string,
  ctx: {
    workspaceId: string;
    env?: Record<string, string | undefined>;
    resolve?: Resolver;
    /** The field named in the refusal (default `callback_url`). */
    field?: string;
  },
): Promise<void> {
  try {
    await checkTarget(url, {
      allow: allowListFromEnv(ctx.env ?? process.env),
      resolve: boundedResolver(ctx.resolve ?? systemResolver, LOOKUP_TIMEOUT_MS),
    });
  } catch (err) {
    if (err instanceof UnresolvableHostError) return;
    if (!(err instanceof SsrfBlockedError)) throw err;
    await recordSsrfBlock(db, err, { source: 'webhook', workspaceId: ctx.workspaceId });
    const field = ctx.field ?? 'callback_url';
    throw new DomainError('validation', `${field} refused: ${err.message}`, {
      field,
      reason: err.reason,
    });
  }
}
