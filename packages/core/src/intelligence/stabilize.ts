import { type DbOrTx, eq, featureFlags, sloBreaches, sql, stabilizeState, users } from '@levqor/db';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import { type EventRule, raiseEventAlert, resolveEventAlert } from './alerts/event-alerts';

/** The platform's SLO. A minute breaches it when any limit is crossed. */
export const SLO = {
  /** p99 latency of job intake (`POST /api/v1/jobs`), ms. */
  intakeP99Ms: 200,
  /** Share of API requests answered 5xx. */
  errorRate: 0.005,
  /** Share of health checks that passed. */
  availability: 0.999,
  /** Rates are judged only over at least this many requests in the minute. */
  minRequests: 20,
} as const;

/** Stabilize mode: enter after this many breached minutes within the window… */
export const STABILIZE_ENTER_BREACHES = 3;
export const STABILIZE_ENTER_WINDOW_MS = 10 * 60_000;
/** …leave after this long without a breach. */
export const STABILIZE_EXIT_AFTER_MS = 30 * 60_000;
/** What shed requests are told to wait (Retry-After, seconds). */
export const STABILIZE_RETRY_AFTER_S = 120;

const STATE_ID = 'platform';

/** The flag that, turned off or killed, keeps stabilize mode off (absent: on). */
export const STABILIZE_FLAG = 'stabilize.enabled';

/**
 * Whether stabilize mode is disabled: `LEVQOR_STABILIZE_DISABLED=1`, or the `stabilize.enabled` flag
 * exists and is off or killed (an admin's kill switch from the console; no flag: enabled).
 */
export async function stabilizeDisabled(
  db: DbOrTx,
  env: Record<string, string | undefined> = process.env,
): Promise<boolean> {
  if (env.LEVQOR_STABILIZE_DISABLED === '1') return true;
  const [f] = await db
    .select({ enabled: featureFlags.enabled, killed: featureFlags.killed })
    .from(featureFlags)
    .where(eq(featureFlags.key, STABILIZE_FLAG));
  return f !== undefined && (!f.enabled || f.killed);
}

/**
 * A workspace's concurrency while stabilizing: its plan's halved, never below 1 (a Free plan's 2
 * becomes 1, Enterprise's 100 becomes 50). Outside stabilize mode, the plan's.
 */
export function stabilizedConcurrency(limit: number, stabilizing: boolean): number {
  return stabilizing ? Math.max(1, Math.floor(limit / 2)) : limit;
}

/** Entering and leaving go through the alert router as platform event alerts (console; the administrators' email). */
const ENTERED_RULE: EventRule = {
  scope: 'platform',
  name: 'Stabilize mode',
  metric: 'stabilize.active',
  severity: 'critical',
  managedBy: 'admin',
  channels: [],
};
const EXITED_RULE: EventRule = { ...ENTERED_RULE, name: 'Stabilize mode left', severity: 'info' };

/** The rules' channels when first created: every administrator's email (the console edits them later). */
export async function withAdminEmails(db: DbOrTx, rule: EventRule): Promise<EventRule> {
  const admins = await db.select({ email: users.email }).from(users).where(eq(users.role, 'admin'));
  return { ...rule, channels: admins.map((a) => ({ type: 'email' as const, to: a.email })) };
}

export interface SloMinute {
  minuteStart: string;
  reasons: string[];
  p99IntakeMs: number | null;
  errorRate: number | null;
}

/**
 * Judges one minute of recorded API requests and health checks against the SLO; a breached minute is
 * stored (once: rerunning the same minute rewrites the same row). Returns the minute's figures.
 */
export async function recordSloMinute(db: DbOrTx, minuteStart: Date): Promise<SloMinute> {
  const s = minuteStart.toISOString();
  const e = new Date(minuteStart.getTime() + 60_000).toISOString();
  const [row] = await db.execute<{
    p99: number | null;
    requests: number;
    errors: number;
    checks: number;
    ok: number;
  }>(sql`
    select
      (select percentile_cont(0.99) within group (order by duration_ms) from api_requests
        where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz
          and method = 'POST' and path = '/jobs') as p99,
      (select count(*)::int from api_requests where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz) as requests,
      (select count(*)::int from api_requests where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz
        and status >= 500) as errors,
      (select count(*)::int from health_checks where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz) as checks,
      (select coalesce(sum(ok), 0)::int from health_checks where created_at >= ${s}::timestamptz and created_at < ${e}::timestamptz) as ok
  `);
  const p99 = row?.p99 === null || row?.p99 === undefined ? null : Number(row.p99);
  const errorRate = row && row.requests >= SLO.minRequests ? row.errors / row.requests : null;
  const reasons: string[] = [];
  if (p99 !== null && p99 > SLO.intakeP99Ms)
    reasons.push(`p99 intake ${Math.round(p99)} ms > ${SLO.intakeP99Ms} ms`);
  if (errorRate !== null && errorRate > SLO.errorRate)
    reasons.push(`error rate ${(errorRate * 100).toFixed(2)}% > ${SLO.errorRate * 100}%`);
  if (row && row.checks > 0 && row.ok / row.checks < SLO.availability)
    reasons.push(`availability ${((row.ok / row.checks) * 100).toFixed(2)}% < ${SLO.availability * 100}%`);
  if (reasons.length > 0)
    await db
      .insert(sloBreaches)
      .values({ minuteStart, reasons, p99IntakeMs: p99, errorRate })
      .onConflictDoUpdate({
        target: sloBreaches.minuteStart,
        set: { reasons, p99IntakeMs: p99, errorRate },
      });
  else await db.delete(sloBreaches).where(eq(sloBreaches.minuteStart, minuteStart));
  return { minuteStart: s, reasons, p99IntakeMs: p99, errorRate };
}

export interface StabilizeState {
  active: boolean;
  enteredAt: string | null;
  exitedAt: string | null;
  reason: string | null;
}

export async function getStabilizeState(db: DbOrTx): Promise<StabilizeState> {
  const [row] = await db.select().from(stabilizeState).where(eq(stabilizeState.id, STATE_ID));
  return {
    active: row?.active ?? false,
    enteredAt: row?.enteredAt?.toISOString() ?? null,
    exitedAt: row?.exitedAt?.toISOString() ?? null,
    reason: row?.reason ?? null,
  };
}

export type StabilizeTransition = 'entered' | 'exited' | null;

/**
 * Once a minute: records the minute that just ended, then enters stabilize mode after
 * STABILIZE_ENTER_BREACHES breached minutes within ten minutes, or leaves it after thirty minutes
 * without one. Transitions are conditional updates (two workers cannot both enter) and audited.
 * `disabled` (a feature flag) keeps it out, and leaves it if it was in.
 */
export async function checkStabilize(
  db: DbOrTx,
  opts: { now: Date; disabled?: boolean },
): Promise<{ minute: SloMinute; transition: StabilizeTransition; state: StabilizeState }> {
  const minuteStart = new Date(Math.floor(opts.now.getTime() / 60_000) * 60_000 - 60_000);
  const minute = await recordSloMinute(db, minuteStart);
  const end = minuteStart.getTime() + 60_000;
  const [recent] = await db.execute<{ n: number; last: string | null; reasons: string | null }>(sql`
    select count(*) filter (where minute_start >= ${new Date(end - STABILIZE_ENTER_WINDOW_MS).toISOString()}::timestamptz)::int as n,
           max(minute_start) as last,
           (array_agg(array_to_string(reasons, '; ') order by minute_start desc))[1] as reasons
    from slo_breaches
    where minute_start >= ${new Date(end - STABILIZE_EXIT_AFTER_MS).toISOString()}::timestamptz
      and minute_start < ${new Date(end).toISOString()}::timestamptz
  `);
  await db.insert(stabilizeState).values({ id: STATE_ID }).onConflictDoNothing();
  let transition: StabilizeTransition = null;
  const breaches = recent?.n ?? 0;
  if (!opts.disabled && breaches >= STABILIZE_ENTER_BREACHES) {
    const reason = `${breaches} SLO breaches in 10 minutes (latest: ${recent?.reasons ?? 'none recorded'})`;
    const entered = await db
      .update(stabilizeState)
      .set({ active: true, enteredAt: opts.now, reason, updatedAt: opts.now })
      .where(sql`${stabilizeState.id} = ${STATE_ID} and not ${stabilizeState.active}`)
      .returning();
    if (entered.length > 0) {
      transition = 'entered';
      await recordAudit(db, {
        workspaceId: null,
        actor: 'system',
        action: 'stabilize.entered',
        metadata: { reason },
      });
      await resolveEventAlert(db, EXITED_RULE, opts.now);
      await raiseEventAlert(db, await withAdminEmails(db, ENTERED_RULE), {
        message: `entered — ${reason}. Low-priority intake is refused, workspace concurrency halved, non-critical crons paused.`,
        value: breaches,
        at: opts.now,
      });
    }
  } else if (opts.disabled || !recent?.last) {
    // No breach in the last thirty minutes (or the flag turned it off): leave.
    const reason = opts.disabled ? 'disabled by flag' : '30 minutes without an SLO breach';
    const exited = await db
      .update(stabilizeState)
      .set({ active: false, exitedAt: opts.now, reason, updatedAt: opts.now })
      .where(sql`${stabilizeState.id} = ${STATE_ID} and ${stabilizeState.active}`)
      .returning();
    if (exited.length > 0) {
      transition = 'exited';
      await recordAudit(db, {
        workspaceId: null,
        actor: 'system',
        action: 'stabilize.exited',
        metadata: { reason },
      });
      await resolveEventAlert(db, ENTERED_RULE, opts.now);
      await raiseEventAlert(db, await withAdminEmails(db, EXITED_RULE), {
        message: `left — ${reason}`,
        value: 0,
        at: opts.now,
      });
    }
  }
  if (transition) forgetStabilizeState();
  return { minute, transition, state: await getStabilizeState(db) };
}

/** Per-process cache of the flag, read on every submission: one query per process per TTL. */
const CACHE_TTL_MS = 2_000;
let cached: { active: boolean; at: number } | null = null;

/** Drops the cached flag (after a transition in this process, and in tests). */
export function forgetStabilizeState(): void {
  cached = null;
}

export async function isStabilizing(db: DbOrTx): Promise<boolean> {
  if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.active;
  const [row] = await db
    .select({ active: stabilizeState.active })
    .from(stabilizeState)
    .where(eq(stabilizeState.id, STATE_ID));
  cached = { active: row?.active ?? false, at: Date.now() };
  return cached.active;
}

/** Intake's guard: while stabilizing, low-priority jobs are refused (503, Retry-After); others pass. */
export async function assertIntakeAdmitted(db: DbOrTx, priority: 'low' | 'normal' | 'high'): Promise<void> {
  if (priority !== 'low' || !(await isStabilizing(db))) return;
  throw new DomainError(
    'stabilizing',
    `Levqor is in stabilize mode and is not accepting low-priority jobs; retry in ${STABILIZE_RETRY_AFTER_S} s or submit with priority "normal"`,
    { retryAfterSeconds: STABILIZE_RETRY_AFTER_S },
  );
}
