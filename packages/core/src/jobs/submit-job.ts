import { createHash } from 'node:crypto';
import type { Database, DbOrTx } from '@levqor/db';
import { jobPriority } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import type { EventSender } from '../events/events';
import { screenHighRisk } from '../firewall/screen';
import { assertIntakeAdmitted } from '../intelligence/stabilize';
import { canonicalJson } from '../json/canonical-json';
import { noNul, ZStorableJson } from '../json/storable-json';
import { assertCallbackUrlAllowed } from '../webhooks/check-callback-url';
import { lockedTransaction } from './intake/batch';
import { enqueue } from './intake/group-commit';
import type { PreparedSubmit, ReplayPlan, SubmitResult } from './intake/types';

export type { SubmitResult } from './intake/types';

export const MAX_PAYLOAD_BYTES = 200 * 1024;

export const ZJobPriority = z.enum(jobPriority.enumValues, {
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
/** A submission `ZSubmitJobInput` has parsed (what a tRPC procedure's `input` is). */
export type ParsedSubmitJobInput = z.output<typeof ZSubmitJobInput>;

export interface SubmitContext {
  workspaceId: string;
  /** `usr_…` or `key_…`. */
  submittedBy: string;
  events: EventSender;
  rerunOf?: string;
  /** A replay of `rerunOf` (with it). */
  replay?: ReplayPlan;
  /** For the security log. */
  requestId?: string | null;
}

const PRIORITY_RANK = { low: 0, normal: 1, high: 2 } as const;
export const priorityRank = (p: keyof typeof PRIORITY_RANK) => PRIORITY_RANK[p];

/** Input rules that need no database beyond the schema: payload size, the idempotency fingerprint. */
function prepare(
  ctx: Pick<SubmitContext, 'submittedBy' | 'rerunOf' | 'replay'>,
  input: ParsedSubmitJobInput,
): PreparedSubmit {
  const payloadJson = JSON.stringify(input.payload ?? {});
  if (Buffer.byteLength(payloadJson) > MAX_PAYLOAD_BYTES) {
    throw new DomainError(
      'payload-too-large',
      `payload is ${Buffer.byteLength(payloadJson)} bytes serialized; the limit is ${MAX_PAYLOAD_BYTES} bytes (200 KB)`,
    );
  }
  // The fingerprint an idempotency key is checked against (only needed with one).
  const requestHash = input.idempotency_key
    ? createHash('sha256')
        .update(
          canonicalJson({
            w: input.workflow,
            p: input.payload ?? {},
            pr: input.priority,
            c: input.callback_url ?? null,
            t: input.tags,
          }),
        )
        .digest('hex')
    : '';
  return {
    input,
    requestHash,
    submittedBy: ctx.submittedBy,
    rerunOf: ctx.rerunOf ?? null,
    replay: ctx.replay ?? null,
    warnings: [],
    payloadBytes: payloadJson.length,
  };
}

const isTransaction = (db: DbOrTx): boolean => typeof (db as { rollback?: unknown }).rollback === 'function';

/**
 * Validates, estimates and budgets a job, then writes the job, its idempotency key, the budget
 * reservation and the engine event in ONE transaction, shared with the submissions for the same
 * workspace that arrive meanwhile (inside a caller's transaction, in a savepoint of its own). Its
 * pending steps and "queued" timeline entry derive from the job until it starts (before-start.ts).
 */
export async function submitJob(db: DbOrTx, ctx: SubmitContext, raw: SubmitJobInput): Promise<SubmitResult> {
  return submitParsedJob(db, ctx, ZSubmitJobInput.parse(raw));
}

/** `submitJob` for input already parsed by `ZSubmitJobInput` (a procedure's input is parsed once). */
export async function submitParsedJob(
  db: DbOrTx,
  ctx: SubmitContext,
  input: ParsedSubmitJobInput,
): Promise<SubmitResult> {
  // Stabilize mode sheds low-priority intake first, before any other work.
  await assertIntakeAdmitted(db, input.priority);
  const item = await validateSubmission(db, ctx, input);
  const outcome = isTransaction(db)
    ? (await lockedTransaction(db, ctx.workspaceId, ctx.events, [item]))[0]!
    : await enqueue(db as Database, ctx.workspaceId, ctx.events, item);
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;
}

/**
 * The rules a submission passes before the workspace is read — payload size, callback URL, high-risk data
 * firewall (a `block` finding is logged and thrown) — shared by submission and the estimate.
 */
export async function validateSubmission(
  db: DbOrTx,
  ctx: Pick<SubmitContext, 'workspaceId' | 'submittedBy' | 'rerunOf' | 'replay' | 'requestId'>,
  input: ParsedSubmitJobInput,
): Promise<PreparedSubmit> {
  const item = prepare(ctx, input);
  // A target the delivery's SSRF guard would refuse is a 400 now, not a failed webhook later.
  if (item.input.callback_url)
    await assertCallbackUrlAllowed(db, item.input.callback_url, { workspaceId: ctx.workspaceId });
  // High-risk data firewall: string values only, precompiled; a `block` category throws a 422.
  item.warnings = await screenHighRisk(db, item.input.payload, 'payload', {
    subject: 'job',
    workspaceId: ctx.workspaceId,
    actor: ctx.submittedBy,
    requestId: ctx.requestId,
    workflow: item.input.workflow,
  });
  return item;
}
