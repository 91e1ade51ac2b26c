import { createHash } from 'node:crypto';
import {
  and,
  costLedger,
  type Database,
  type DbOrTx,
  eq,
  fromDriverRows,
  inArray,
  insertRowsSql,
  jobEvents,
  jobIdempotencyKeys,
  jobSteps,
  jobs,
  newId,
  or,
  sql,
  workflows,
  workflowVersions,
  workspaces,
} from '@levqor/db';
import { z } from 'zod';
import { DomainError, notFound } from '../errors';
import { EVENTS, type EventSender } from '../events/events';
import { screenHighRisk } from '../firewall/screen';
import { noNul, ZStorableJson } from '../json/storable-json';
import { type Units, unitsToCents, unitsToDb } from '../money/money';
import { budgetUnits, ledgerTotals, monthOf } from '../usage/budget';
import type { Step } from '../workflows/step-schema';
import { estimateJob } from './estimate';
import type { JobEventType } from './job-events';
import { type JobResource, toJobResource } from './job-resource';

type JobRow = typeof jobs.$inferSelect;

export const MAX_PAYLOAD_BYTES = 200 * 1024;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export const ZJobPriority = z.enum(['low', 'normal', 'high'], {
  error: 'priority is "low", "normal" or "high"',
});

export const ZSubmitJobInput = z.object({
  workflow: z
    .string()
    .min(1, 'workflow is required (a slug such as "demo.flow", or a wf_ id)')
    .max(100)
    .refine(noNul.check, noNul.message),
  payload: ZStorableJson.default({}),
  priority: ZJobPriority.default('normal'),
  callback_url: z
    .url({ protocol: /^https?$/, error: 'callback_url must be an http(s) URL' })
    .max(2048)
    .refine(noNul.check, noNul.message)
    .nullish(),
  tags: z
    .array(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a tag is 1–64 letters, digits, "_", ".", ":" or "-"'))
    .max(10, 'at most 10 tags')
    .default([]),
  idempotency_key: z.string().min(1).max(255).refine(noNul.check, noNul.message).nullish(),
});
export type SubmitJobInput = z.input<typeof ZSubmitJobInput>;

export interface SubmitContext {
  workspaceId: string;
  /** `usr_…` or `key_…`. */
  submittedBy: string;
  events: EventSender;
  rerunOf?: string;
  /** For the security log. */
  requestId?: string | null;
}

export interface SubmitResult {
  job: JobResource;
  /** False when an idempotency key returned an earlier job. */
  created: boolean;
}

const PRIORITY_RANK = { low: 0, normal: 1, high: 2 } as const;
export const priorityRank = (p: keyof typeof PRIORITY_RANK) => PRIORITY_RANK[p];

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function formatCents(units: Units): string {
  return `${unitsToCents(units)}¢`;
}

interface PreparedSubmit {
  input: z.output<typeof ZSubmitJobInput>;
  requestHash: string;
  submittedBy: string;
  rerunOf: string | null;
  /** From the high-risk data firewall's `warn` categories. */
  warnings: string[];
  /** Serialized payload size (UTF-16 units), to bound a shared transaction's statement size. */
  payloadBytes: number;
}

/** Input rules that need no database: schema, payload size, the idempotency fingerprint. */
function prepare(ctx: SubmitContext, raw: SubmitJobInput): PreparedSubmit {
  const input = ZSubmitJobInput.parse(raw);
  const payloadJson = JSON.stringify(input.payload ?? {});
  if (Buffer.byteLength(payloadJson) > MAX_PAYLOAD_BYTES) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `payload is ${Buffer.byteLength(payloadJson)} bytes serialized; the limit is ${MAX_PAYLOAD_BYTES} bytes (200 KB)`,
    );
  }
  const requestHash = createHash('sha256')
    .update(
      canonical({
        w: input.workflow,
        p: input.payload ?? {},
        pr: input.priority,
        c: input.callback_url ?? null,
        t: input.tags,
      }),
    )
    .digest('hex');
  return {
    input,
    requestHash,
    submittedBy: ctx.submittedBy,
    rerunOf: ctx.rerunOf ?? null,
    warnings: [],
    payloadBytes: payloadJson.length,
  };
}

type Outcome = { ok: SubmitResult } | { error: unknown };

type WorkflowRow = typeof workflows.$inferSelect;
interface PublishedWorkflow {
  row: WorkflowRow;
  version: { id: string; version: number; steps: Step[] } | null;
}

/** The workflows `refs` name (ids `wf_…` or slugs) in the workspace, each with its published version. */
async function findPublishedWorkflows(
  tx: DbOrTx,
  workspaceId: string,
  refs: string[],
): Promise<Map<string, PublishedWorkflow>> {
  const ids = refs.filter((r) => r.startsWith('wf_'));
  const slugs = refs.filter((r) => !r.startsWith('wf_'));
  const byRef = new Map<string, PublishedWorkflow>();
  if (refs.length === 0) return byRef;
  const rows = await tx
    .select({
      workflow: workflows,
      versionId: workflowVersions.id,
      version: workflowVersions.version,
      steps: workflowVersions.steps,
    })
    .from(workflows)
    .leftJoin(
      workflowVersions,
      and(
        eq(workflowVersions.workflowId, workflows.id),
        eq(workflowVersions.version, workflows.publishedVersion),
      ),
    )
    .where(
      and(
        eq(workflows.workspaceId, workspaceId),
        or(
          ids.length > 0 ? inArray(workflows.id, ids) : undefined,
          slugs.length > 0 ? inArray(workflows.slug, slugs) : undefined,
        ),
      ),
    );
  for (const r of rows) {
    const found: PublishedWorkflow = {
      row: r.workflow,
      version:
        r.versionId !== null && r.version !== null
          ? { id: r.versionId, version: r.version, steps: r.steps as Step[] }
          : null,
    };
    if (ids.includes(r.workflow.id)) byRef.set(r.workflow.id, found);
    if (slugs.includes(r.workflow.slug)) byRef.set(r.workflow.slug, found);
  }
  return byRef;
}

/**
 * Intake of `items` for one workspace in the caller's transaction, with exactly the outcome each would have
 * had if submitted one after the other in this order: the workspace lock, then per item the idempotency
 * key (including keys used earlier in the batch), the workflow and its published version, the estimate
 * against what the budget has left after the earlier items; then every accepted job, its steps, timeline
 * event, reservation and idempotency key written by one statement, the engine's event with it.
 *
 * Round trips after the lock (which also reads the budget): the workflows with the ledger totals and the
 * idempotency keys, then the writes — whatever the batch size.
 */
type LockedWorkspace = { plan: (typeof workspaces.$inferSelect)['plan']; monthlyBudgetCents: string | null };

/**
 * One intake at a time per workspace, so reservations never overshoot the budget. The locked row is the
 * latest version: its budget is current. Undefined when the workspace does not exist.
 */
async function lockWorkspace(tx: DbOrTx, workspaceId: string): Promise<LockedWorkspace | undefined> {
  const [ws] = await tx
    .select({ plan: workspaces.plan, monthlyBudgetCents: workspaces.monthlyBudgetCents })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for('update');
  return ws;
}

async function writeBatch(
  tx: DbOrTx,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
  ws: LockedWorkspace | undefined,
): Promise<Outcome[]> {
  const month = monthOf();
  const keys = [...new Set(items.map((i) => i.input.idempotency_key).filter((k): k is string => !!k))];
  // After the lock, in a new snapshot: the reservations committed by the previous holder are counted.
  // Sent together on the transaction's connection (one round trip).
  const [workflowsByRef, totals, priorRows] = await Promise.all([
    findPublishedWorkflows(tx, workspaceId, [...new Set(items.map((i) => i.input.workflow))]),
    ws ? ledgerTotals(tx, workspaceId, month) : null,
    keys.length > 0
      ? tx
          .select()
          .from(jobIdempotencyKeys)
          .where(and(eq(jobIdempotencyKeys.workspaceId, workspaceId), inArray(jobIdempotencyKeys.key, keys)))
      : [],
  ]);
  const priors = new Map<string, { requestHash: string; jobId: string }>();
  const now = new Date();
  for (const r of priorRows) if (r.expiresAt > now) priors.set(r.key, r);
  const priorJobs = new Map<string, JobRow>();
  if (priors.size > 0) {
    const rows = await tx
      .select()
      .from(jobs)
      .where(inArray(jobs.id, [...new Set([...priors.values()].map((p) => p.jobId))]));
    for (const r of rows) priorJobs.set(r.id, r);
  }
  const budget = ws && totals ? { budget: budgetUnits(ws.plan, ws.monthlyBudgetCents), ...totals } : null;
  let reserved = budget?.reserved ?? 0;

  interface Accepted {
    index: number;
    item: PreparedSubmit;
    jobId: string;
    workflow: WorkflowRow;
    version: { id: string; version: number; steps: Step[] };
    estimate: Units;
  }
  const accepted: Accepted[] = [];
  /** Idempotency keys taken by earlier items of this batch → their index in `accepted`. */
  const takenInBatch = new Map<string, number>();
  const replays: { index: number; of: number }[] = [];
  const outcomes: (Outcome | undefined)[] = new Array(items.length);

  for (const [index, item] of items.entries()) {
    try {
      const key = item.input.idempotency_key;
      if (key) {
        const prior = priors.get(key);
        const earlier = takenInBatch.get(key);
        const priorHash = earlier !== undefined ? accepted[earlier]!.item.requestHash : prior?.requestHash;
        if (priorHash !== undefined) {
          if (priorHash !== item.requestHash) {
            throw new DomainError(
              'CONFLICT',
              'This Idempotency-Key was already used with a different request body within the last 24 hours',
            );
          }
          if (earlier !== undefined) replays.push({ index, of: earlier });
          else outcomes[index] = { ok: { job: toJobResource(priorJobs.get(prior!.jobId)!), created: false } };
          continue;
        }
      }
      const found = workflowsByRef.get(item.input.workflow);
      if (!found) throw notFound(`Workflow "${item.input.workflow}"`);
      const workflow = found.row;
      if (workflow.status === 'archived')
        throw new DomainError(
          'UNPROCESSABLE',
          `Workflow "${workflow.slug}" is archived and accepts no new jobs`,
        );
      if (!found.version)
        throw new DomainError(
          'UNPROCESSABLE',
          `Workflow "${workflow.slug}" has no published version yet; publish it first`,
        );
      const estimate = estimateJob(found.version.steps);
      if (!budget) throw notFound('Workspace');
      const available = budget.budget - budget.spent - reserved;
      if (estimate > available) {
        throw new DomainError(
          'PAYMENT_REQUIRED',
          `Estimated cost ${formatCents(estimate)} exceeds the remaining budget: budget ${formatCents(budget.budget)} − spent ${formatCents(budget.spent)} − reserved ${formatCents(reserved)} = ${formatCents(available)} this month`,
          {
            estimated_cost_cents: unitsToCents(estimate),
            budget_cents: unitsToCents(budget.budget),
            spent_cents: unitsToCents(budget.spent),
            reserved_cents: unitsToCents(reserved),
          },
        );
      }
      reserved += estimate;
      if (key) takenInBatch.set(key, accepted.length);
      accepted.push({ index, item, jobId: newId('job'), workflow, version: found.version, estimate });
    } catch (error) {
      outcomes[index] = { error };
    }
  }

  if (accepted.length > 0) {
    const expiresAt = new Date(Date.now() + IDEMPOTENCY_TTL_MS);
    const withKeys = accepted.filter((a) => a.item.input.idempotency_key);
    // ONE statement for the product's rows (data-modifying CTEs; the foreign keys are checked at its end,
    // when the jobs exist), sent together with the engine's writes on the same connection.
    const write = sql`with job_rows as (${insertRowsSql(
      jobs,
      accepted.map(({ item, jobId, workflow, version, estimate }) => ({
        id: jobId,
        workspaceId,
        workflowId: workflow.id,
        workflowVersionId: version.id,
        workflowSlug: workflow.slug,
        workflowVersion: version.version,
        payload: item.input.payload ?? {},
        priority: item.input.priority,
        idempotencyKey: item.input.idempotency_key ?? null,
        callbackUrl: item.input.callback_url ?? null,
        tags: item.input.tags,
        estimatedCost: unitsToDb(estimate),
        reservedCost: unitsToDb(estimate),
        warnings: item.warnings.length > 0 ? item.warnings : null,
        submittedBy: item.submittedBy,
        rerunOf: item.rerunOf,
      })),
      { returning: true },
    )}), step_rows as (${insertRowsSql(
      jobSteps,
      accepted.flatMap(({ jobId, version }) =>
        version.steps.map((s, position) => ({ jobId, stepId: s.id, type: s.type, position })),
      ),
    )}), ledger_rows as (${insertRowsSql(
      costLedger,
      accepted.map(({ jobId, estimate }) => ({
        workspaceId,
        jobId,
        kind: 'reserve' as const,
        amount: unitsToDb(estimate),
        month,
      })),
    )}), event_rows as (${insertRowsSql(
      jobEvents,
      accepted.map(({ item, jobId, workflow, version, estimate }) => ({
        jobId,
        type: 'job.queued' satisfies JobEventType,
        message: `Queued ${workflow.slug} v${version.version} (estimate ${formatCents(estimate)})`,
        stepId: null,
        data: { estimated_cost_cents: unitsToCents(estimate), rerun_of: item.rerunOf },
      })),
    )})${
      withKeys.length > 0
        ? sql`, key_rows as (${insertRowsSql(
            jobIdempotencyKeys,
            withKeys.map(({ item, jobId }) => ({
              workspaceId,
              key: item.input.idempotency_key!,
              requestHash: item.requestHash,
              jobId,
              expiresAt,
            })),
            {
              onConflict: sql`on conflict (workspace_id, key) do update set request_hash = excluded.request_hash, job_id = excluded.job_id, expires_at = excluded.expires_at`,
            },
          )})`
        : sql``
    } select * from job_rows`;
    const [raw] = await Promise.all([
      tx.execute<Record<string, unknown>>(write),
      events.send(
        tx,
        accepted.map(({ item, jobId }) => ({
          name: EVENTS.jobSubmitted,
          data: { jobId, workspaceId, priority: item.input.priority },
        })),
      ),
    ]);
    const inserted = fromDriverRows(jobs, raw);
    const rowsById = new Map(inserted.map((r) => [r.id, r]));
    for (const a of accepted) {
      outcomes[a.index] = { ok: { job: toJobResource(rowsById.get(a.jobId)!), created: true } };
    }
  }
  for (const { index, of } of replays) {
    const first = outcomes[accepted[of]!.index] as { ok: SubmitResult };
    outcomes[index] = { ok: { job: first.ok.job, created: false } };
  }
  return outcomes as Outcome[];
}

/** One transaction for `items`, then the engine flush. A database error retries each item alone. */
async function submitBatch(
  db: DbOrTx,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
): Promise<Outcome[]> {
  let outcomes: Outcome[];
  try {
    outcomes = await db.transaction(async (tx) =>
      writeBatch(tx, workspaceId, events, items, await lockWorkspace(tx, workspaceId)),
    );
  } catch (error) {
    return retryAlone(db, workspaceId, events, items, error);
  }
  if (outcomes.some((o) => 'ok' in o && o.ok.created)) await events.flush();
  return outcomes;
}

/** Not a per-item refusal (those are outcomes): run each alone so only its own request fails. */
async function retryAlone(
  db: DbOrTx,
  workspaceId: string,
  events: EventSender,
  items: PreparedSubmit[],
  error: unknown,
): Promise<Outcome[]> {
  if (items.length === 1) return [{ error }];
  const alone: Outcome[] = [];
  for (const item of items) alone.push(...(await submitBatch(db, workspaceId, events, [item])));
  return alone;
}

interface Waiting {
  item: PreparedSubmit;
  resolve: (o: Outcome) => void;
}

/** At most this many submissions, and about this much payload, share one intake transaction. */
const MAX_BATCH = 64;
const MAX_BATCH_PAYLOAD = 4 * 1024 * 1024;

/** The first waiting submissions within MAX_BATCH and MAX_BATCH_PAYLOAD (always at least one). */
function takeBatch(waiting: Waiting[]): Waiting[] {
  let n = 0;
  let bytes = 0;
  while (n < waiting.length && n < MAX_BATCH) {
    bytes += waiting[n]!.item.payloadBytes;
    if (n > 0 && bytes > MAX_BATCH_PAYLOAD) break;
    n += 1;
  }
  return waiting.splice(0, n);
}

interface IntakeQueue {
  waiting: Waiting[];
  /** Transactions open for this workspace: at most one holding the lock and one waiting for it. */
  flights: number;
  /** A transaction is waiting for the lock (it takes the waiting submissions once it has it). */
  lockPending: boolean;
}
const queues = new WeakMap<object, WeakMap<EventSender, Map<string, IntakeQueue>>>();

/**
 * Group commit per workspace. The workspace lock makes intake serial per workspace anyway, so the
 * submissions for one workspace go in shared transactions: a transaction opens and asks for the lock as
 * soon as one is waiting, and once it has the lock it takes the submissions waiting by then (within
 * MAX_BATCH and MAX_BATCH_PAYLOAD) — those that arrived while the previous transaction held the lock. Its
 * BEGIN and lock request overlap the previous transaction's work. Alone, a submission goes at once.
 */
function enqueue(db: Database, workspaceId: string, events: EventSender, item: PreparedSubmit) {
  const byEvents = queues.get(db) ?? new WeakMap<EventSender, Map<string, IntakeQueue>>();
  queues.set(db, byEvents);
  const byWorkspace = byEvents.get(events) ?? new Map<string, IntakeQueue>();
  byEvents.set(events, byWorkspace);
  const q = byWorkspace.get(workspaceId) ?? { waiting: [], flights: 0, lockPending: false };
  byWorkspace.set(workspaceId, q);
  const done = new Promise<Outcome>((resolve) => q.waiting.push({ item, resolve }));

  const pump = () => {
    if (q.waiting.length > 0 && q.flights < 2 && !q.lockPending) {
      q.flights += 1;
      q.lockPending = true;
      void flight().finally(() => {
        q.flights -= 1;
        if (q.flights === 0 && q.waiting.length === 0) byWorkspace.delete(workspaceId);
        else pump();
      });
    }
  };

  const flight = async () => {
    let batch: Waiting[] = [];
    let outcomes: Outcome[];
    let waitingForLock = true;
    const lockSettled = () => {
      if (waitingForLock) q.lockPending = false;
      waitingForLock = false;
    };
    try {
      outcomes = await db.transaction(async (tx) => {
        const ws = await lockWorkspace(tx, workspaceId).finally(lockSettled);
        batch = takeBatch(q.waiting);
        pump(); // the next transaction queues for the lock now
        if (batch.length === 0) return [];
        return writeBatch(
          tx,
          workspaceId,
          events,
          batch.map((w) => w.item),
          ws,
        );
      });
      if (outcomes.some((o) => 'ok' in o && o.ok.created)) await events.flush();
    } catch (error) {
      lockSettled(); // e.g. BEGIN failed: the next transaction may ask for the lock
      // Failed before taking any (e.g. no connection): the waiting submissions fail with it, not loop.
      if (batch.length === 0) batch = q.waiting.splice(0, q.waiting.length);
      outcomes = await retryAlone(
        db,
        workspaceId,
        events,
        batch.map((w) => w.item),
        error,
      ).catch((err: unknown) => batch.map((): Outcome => ({ error: err })));
    }
    for (const [i, w] of batch.entries()) w.resolve(outcomes[i] ?? { error: new Error('intake failed') });
  };

  pump();
  return done;
}

const isTransaction = (db: DbOrTx): boolean => typeof (db as { rollback?: unknown }).rollback === 'function';

/**
 * Validates, estimates and budgets a job, then writes the job, its pending steps, its first timeline
 * event, the budget reservation and the engine event in ONE transaction (shared with the submissions for
 * the same workspace that arrive meanwhile; inside a caller's transaction, in a savepoint of its own).
 */
export async function submitJob(db: DbOrTx, ctx: SubmitContext, raw: SubmitJobInput): Promise<SubmitResult> {
  const item = prepare(ctx, raw);
  // High-risk data firewall: string values only, precompiled; a `block` category throws a 422.
  item.warnings = await screenHighRisk(db, item.input.payload, 'payload', {
    subject: 'job',
    workspaceId: ctx.workspaceId,
    actor: ctx.submittedBy,
    requestId: ctx.requestId,
    workflow: item.input.workflow,
  });
  const outcome = isTransaction(db)
    ? (await submitBatch(db, ctx.workspaceId, ctx.events, [item]))[0]!
    : await enqueue(db as Database, ctx.workspaceId, ctx.events, item);
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}
