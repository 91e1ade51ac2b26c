import { type DbOrTx, securityEvents, sql } from '@levqor/db';
import { log } from '@levqor/observability/logger';
import { hashPii } from './pii-hash';

export type SecurityEventType =
  | 'signin.requested'
  | 'signin.succeeded'
  | 'signin.failed'
  | 'signin.suspicious'
  | 'rate_limited'
  | 'api_key.created'
  | 'api_key.rotated'
  | 'api_key.revoked'
  | 'api_key.invalid'
  | 'api_auth.blocked'
  | 'admin.denied'
  | 'firewall.blocked'
  | 'ssrf.blocked'
  | 'webhook.signature_failed';

export interface SecurityEventInput {
  type: SecurityEventType;
  severity?: 'info' | 'warning' | 'critical';
  requestId?: string | null;
  path?: string | null;
  /** Plain values: hashed here, never stored. */
  actor?: string | null;
  email?: string | null;
  ip?: string | null;
  metadata?: Record<string, unknown>;
  /**
   * Events anyone can cause (an unsigned webhook) are kept as one row per address and window, counted,
   * so a flood costs a counter, not a row per request. The window in ms; the row's key is derived.
   */
  aggregateWindowMs?: number;
}

/** Appends to the security log; personal data is stored only as keyed hashes. Never throws. */
export async function recordSecurityEvent(db: DbOrTx, event: SecurityEventInput): Promise<void> {
  const ipHash = event.ip ? hashPii(event.ip) : null;
  const windowStart = event.aggregateWindowMs
    ? new Date(Math.floor(Date.now() / event.aggregateWindowMs) * event.aggregateWindowMs).toISOString()
    : null;
  try {
    const insert = db.insert(securityEvents).values({
      type: event.type,
      severity: event.severity ?? 'info',
      requestId: event.requestId ?? null,
      path: event.path ?? null,
      actorHash: event.actor ? hashPii(event.actor) : null,
      emailHash: event.email ? hashPii(event.email) : null,
      ipHash,
      metadata: event.metadata ?? null,
      aggregateKey: windowStart ? `${event.type}:${ipHash ?? 'unknown'}@${windowStart}` : null,
    });
    if (!windowStart) await insert;
    else
      await insert.onConflictDoUpdate({
        target: securityEvents.aggregateKey,
        set: {
          count: sql`${securityEvents.count} + 1`,
          metadata: sql`coalesce(${securityEvents.metadata}, '{}'::jsonb) || jsonb_build_object('last_at', now())`,
        },
      });
  } catch (err) {
    log.error({ type: event.type, requestId: event.requestId, err }, 'security_event.write_failed');
  }
}
