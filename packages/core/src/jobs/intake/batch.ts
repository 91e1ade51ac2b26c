import {
  type Database,
  type DbOrTx,
  eq,
  inArray,
  isDatabaseUnavailable,
  isUniqueViolation,
  jobs,
  pipelinedTransaction,
  sql,
  workspaces,
} from '@levqor/db';
import { intakeBudgetUnits } from '../../billing/overage';
import { PLANS, type WorkspacePlan } from '../../billing/plans';
import { accountSuspended } from '../../billing/suspension';
import { TtlMap } from '../../cache/ttl-map';
import { EVENTS, type EventSender } from '../../events/events';
import { FLAGS, isFeatureEnabled } from '../../feature-flags/feature-flag-reader';
import { isStabilizing, stabilizedConcurrency } from '../../intelligence/stabilize';
import { ledgerTotals, monthOf } from '../../usage/budget';
import { type Accepted, batchKeys, decide, findIdempotencyKeys, findPublishedWorkflows } from './decide';
import type { Outcome, PreparedSubmit } from './types';
import { forgetWorkflows, usableWorkflows } from './workflow-cache';
import { GUARD, guardedReservationsSql, jobRowsSql, outcomesOf } from './write';

type JobRow = typeof jobs.$inferSelect;
type WorkspaceBudget = {
  plan: WorkspacePlan;
  monthlyBudgetCents: string | null;
  suspendedAt: Date | null;
};

/** The optimistic intake could not decide this batch alone: decide it under the workspace lock. */
class NeedsLock extends Error {}

const refsOf = (items: PreparedSubmit[]) => [...new Set(items.map((i) => i.input.workflow))];

/** Locks the workspace row and reads its budget settings; undefined when it does not exist. */
async function lockWorkspace(tx: DbOrTx, workspaceId: string): Promise<WorkspaceBudget | undefined> {
  const [ws] = await tx
    .select({
      plan: workspaces.plan,
      monthlyBudgetCents: workspaces.monthlyBudgetCents,
      suspendedAt: workspaces.suspendedAt,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    // NO KEY UPDATE: it serializes intake (and budget changes) but not the foreign-key checks (KEY
    // SHARE) of jobs being written meanwhile, so an optimistic intake can lock it after its writes.
    .for('no key update');
  return ws;
}

/** Workspace → its plan, as intake last read it (the jobs' concurrency; a plan change shows within 5 s). */
const planCache = new TtlMap<string, WorkspacePlan>(5_000);

async function planFor(db: DbOrTx, workspaceId: string): Promise<WorkspacePlan> {
  const cached = planCache.get(workspaceId);
  if (cached) return cached;
  const [ws] = await db
    .select({ plan: workspaces.plan })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const plan = ws?.plan ?? 'free';
  planCache.set(workspaceId, plan);
  return plan;
}

/**
 * The engine events of accepted jobs; each carries its workspace's concurrency (the plan's, halved in
 * stabilize mode: the newest run's limit applies to the workspace's key).
 */
const jobEvents = (workspaceId: string, plan: WorkspacePlan, accepted: Accepted[], stabilizing: boolean) =>
  accepted.map(({ item, jobId }) => ({
    name: EVENTS.jobSubmitted,
    data: {
      jobId,
      workspaceId,
      priority: item.input.priority,
      concurrency: stabilizedConcurrency(PLANS[plan].concurrency, stabilizing),
    },
  }));

/**
 * Under the workspace lock, taken first: one intake at a time per workspace, so reservations never
 * overshoot the budget, and idempotency keys used before (or expired) are decided exactly. The lock
 * is held while the batch is read, decided and written.
 */
async function lockedBatch(
  tx: DbOrTx,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
  overage: boolean,
): Promise<Outcome[]> {
  const ws = await lockWorkspace(tx, workspaceId);
  if (ws) planCache.set(workspaceId, ws.plan);
  if (ws?.suspendedAt) return items.map(() => ({ error: accountSuspended() }));
  // One clock for the job's ledger: its reservation's month is the month of its created_at.
  const at = new Date();
  const month = monthOf(at);
  // After the lock, in a new snapshot: the reservations committed by the previous holder are counted.
  const [workflowsByRef, totals, keyRows] = await Promise.all([
    findPublishedWorkflows(tx, workspaceId, refsOf(items)),
    ws ? ledgerTotals(tx, workspaceId, month) : null,
    findIdempotencyKeys(tx, workspaceId, batchKeys(items)),
  ]);
  const live = keyRows.filter((r) => r.expiresAt > at);
  const priorJobs = new Map<string, JobRow>();
  if (live.length > 0) {
    const rows = await tx
      .select()
      .from(jobs)
      .where(inArray(jobs.id, [...new Set(live.map((p) => p.jobId))]));
    for (const r of rows) priorJobs.set(r.id, r);
  }
  const priors = new Map(
    live.map((r) => [r.key, { requestHash: r.requestHash, job: priorJobs.get(r.jobId)! }]),
  );
  const budget =
    ws && totals
      ? {
          // Metered overage: no limit but the owner's own cap.
          budget: intakeBudgetUnits(ws.plan, ws.monthlyBudgetCents, overage) ?? Number.POSITIVE_INFINITY,
          ...totals,
          jobsQuota: PLANS[ws.plan].jobsPerMonth,
        }
      : null;
  const decision = decide(items, workflowsByRef, priors, budget);
  if (decision.accepted.length === 0) return outcomesOf(decision, []);
  const [rows] = await Promise.all([
    tx.execute<Record<string, unknown>>(
      jobRowsSql(workspaceId, month, decision.accepted, { withLedger: true, keys: 'replace', createdAt: at }),
    ),
    events.send(tx, jobEvents(workspaceId, ws!.plan, decision.accepted, await isStabilizing(tx))),
  ]);
  return outcomesOf(decision, [...rows]);
}

/** Workspaces whose optimistic intake found the budget short lately: they go under the lock first. */
const shortOfBudget = new TtlMap<string, true>(5_000);

/**
 * Optimistic intake in ONE round trip (`pipelinedTransaction`): BEGIN; the jobs and their idempotency
 * keys; the engine's statement; the workspace lock; the reservations, guarded (see
 * `guardedReservationsSql`); COMMIT. The lock is held only from its statement to COMMIT, so concurrent
 * batches of a workspace write in parallel. Workflows come from `usableWorkflows`. Throws NeedsLock
 * when it cannot decide alone: an unusable workflow or a key used before (refusals and replays are
 * decided on fresh reads), an engine needing more than one statement, or a failed guard.
 */
export async function optimisticBatch(
  db: Database,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
): Promise<Outcome[]> {
  if (shortOfBudget.get(workspaceId) || !events.statementFor) throw new NeedsLock();
  const refs = refsOf(items);
  const workflowsByRef = await usableWorkflows(db, workspaceId, refs);
  if (workflowsByRef.size < refs.length) throw new NeedsLock();
  const decision = decide(items, workflowsByRef, new Map(), 'later');
  const at = new Date();
  const month = monthOf(at);
  if (decision.accepted.length === 0) return outcomesOf(decision, []);
  const [plan, overage, stabilizing] = await Promise.all([
    planFor(db, workspaceId),
    overageFlag(db, workspaceId),
    isStabilizing(db),
  ]);
  const engine = events.statementFor(jobEvents(workspaceId, plan, decision.accepted, stabilizing));
  if (!engine) throw new NeedsLock();
  let rows: Record<string, unknown>[];
  try {
    [rows] = (await pipelinedTransaction(db, [
      jobRowsSql(workspaceId, month, decision.accepted, { withLedger: false, keys: 'insert', createdAt: at }),
      engine,
      sql`select 1 from workspaces where id = ${workspaceId} for no key update`,
      guardedReservationsSql(workspaceId, month, decision.accepted, PLANS, { overage }),
    ])) as [Record<string, unknown>[]];
  } catch (error) {
    const message =
      (error as { code?: string; message?: string }).code === 'LQ001' ? (error as Error).message : null;
    if (message === GUARD.budget || message === GUARD.quota || message === GUARD.suspended)
      shortOfBudget.set(workspaceId, true);
    if (message === GUARD.workflows) forgetWorkflows(db, workspaceId);
    if (message) throw new NeedsLock();
    throw error;
  }
  shortOfBudget.delete(workspaceId);
  return outcomesOf(decision, rows);
}

/** Not a per-item refusal (those are outcomes): run each alone so only its own request fails. */
async function retryAlone(
  db: DbOrTx,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
  error: unknown,
): Promise<Outcome[]> {
  // The database is out of reach (a restart): every item would wait for it in turn; all fail now (503).
  if (items.length === 1 || isDatabaseUnavailable(error)) return items.map(() => ({ error }));
  const alone: Outcome[] = [];
  for (const item of items) {
    const last = alone.at(-1);
    if (last && 'error' in last && isDatabaseUnavailable(last.error)) alone.push({ error: last.error });
    else alone.push(...(await lockedTransaction(db, workspaceId, events, [item])));
  }
  return alone;
}

/** Whether `billing.overage` is on for the workspace (the process's cached flags; see overage.ts). */
const overageFlag = (db: DbOrTx, workspaceId: string) =>
  isFeatureEnabled(db, FLAGS.billingOverage, workspaceId);

/** One transaction for `items` under the workspace lock, then the engine flush. */
export async function lockedTransaction(
  db: DbOrTx,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
): Promise<Outcome[]> {
  let outcomes: Outcome[];
  try {
    const overage = await overageFlag(db, workspaceId);
    outcomes = await db.transaction((tx) => lockedBatch(tx, workspaceId, events, items, overage));
  } catch (error) {
    return retryAlone(db, workspaceId, events, items, error);
  }
  if (outcomes.some((o) => 'ok' in o && o.ok.created)) await events.flush();
  return outcomes;
}

/**
 * After an optimistic intake of `items` failed with `error` (its transaction rolled back): under the
 * workspace lock when it could not decide them alone, else each alone so only its own request fails.
 */
export function recoverBatch(
  db: DbOrTx,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
  error: unknown,
): Promise<Outcome[]> {
  // A unique violation: a concurrent intake has just stored one of these idempotency keys.
  if (error instanceof NeedsLock || isUniqueViolation(error))
    return lockedTransaction(db, workspaceId, events, items);
  return retryAlone(db, workspaceId, events, items, error);
}
