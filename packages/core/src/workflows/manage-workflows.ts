import {
  and,
  type DbOrTx,
  desc,
  eq,
  isUniqueViolation,
  lt,
  or,
  type SQL,
  workflowStatus,
  workflows,
  workflowVersions,
} from '@levqor/db';
import { z } from 'zod';
import { DomainError, notFound } from '../errors';
import { type ScreenContext, screenHighRisk } from '../firewall/screen';
import { type Step, ZSteps, ZWorkflowDefinition } from './step-schema';
import { toWorkflowResource, type WorkflowResource } from './workflow-resource';

type WorkflowRow = typeof workflows.$inferSelect;

export const ZCreateWorkflowInput = ZWorkflowDefinition.extend({ publish: z.boolean().default(false) });
export type CreateWorkflowInput = z.input<typeof ZCreateWorkflowInput>;

export const ZUpdateWorkflowInput = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(120).optional(),
    description: z.string().max(2_000).nullish(),
    steps: ZSteps.optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.description !== undefined || v.steps !== undefined,
    'Nothing to update: send name, description or steps',
  );
export type UpdateWorkflowInput = z.input<typeof ZUpdateWorkflowInput>;

export const ZListWorkflowsInput = z.object({
  status: z.enum(workflowStatus.enumValues).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(64).nullish(),
});
export type ListWorkflowsInput = z.input<typeof ZListWorkflowsInput>;

async function versionSteps(db: DbOrTx, workflowId: string, version: number): Promise<Step[]> {
  const [row] = await db
    .select({ steps: workflowVersions.steps })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
  return (row?.steps ?? []) as Step[];
}

/** By id (`wf_…`) or slug, within the workspace only. */
export async function findWorkflowRow(
  db: DbOrTx,
  workspaceId: string,
  idOrSlug: string,
  lock = false,
): Promise<WorkflowRow | null> {
  const q = db
    .select()
    .from(workflows)
    .where(
      and(
        eq(workflows.workspaceId, workspaceId),
        idOrSlug.startsWith('wf_') ? eq(workflows.id, idOrSlug) : eq(workflows.slug, idOrSlug),
      ),
    );
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

async function requireWorkflow(
  db: DbOrTx,
  workspaceId: string,
  idOrSlug: string,
  lock = false,
): Promise<WorkflowRow> {
  const row = await findWorkflowRow(db, workspaceId, idOrSlug, lock);
  if (!row) throw notFound('Workflow');
  return row;
}

export async function getWorkflow(
  db: DbOrTx,
  workspaceId: string,
  idOrSlug: string,
): Promise<WorkflowResource> {
  const row = await requireWorkflow(db, workspaceId, idOrSlug);
  return toWorkflowResource(row, await versionSteps(db, row.id, row.latestVersion));
}

/** Who asks, for the security log when the high-risk data firewall refuses a definition. */
export type WorkflowAuditContext = Pick<ScreenContext, 'actor' | 'requestId'>;

export async function createWorkflow(
  db: DbOrTx,
  workspaceId: string,
  raw: CreateWorkflowInput,
  audit: WorkflowAuditContext = {},
): Promise<WorkflowResource> {
  const input = ZCreateWorkflowInput.parse(raw);
  const { name, description, steps } = input;
  await screenHighRisk(db, { name, description, steps }, 'workflow', {
    subject: 'workflow',
    workspaceId,
    workflow: input.slug,
    ...audit,
  });
  return db.transaction(async (tx) => {
    let row: WorkflowRow;
    try {
      [row] = (await tx
        .insert(workflows)
        .values({ workspaceId, slug: input.slug, name: input.name, description: input.description ?? null })
        .returning()) as [WorkflowRow];
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'workflow-slug-taken',
          `A workflow with slug "${input.slug}" already exists in this workspace`,
        );
      throw err;
    }
    await tx.insert(workflowVersions).values({ workflowId: row.id, version: 1, steps: input.steps });
    if (input.publish) row = await publishVersion(tx, row, 1);
    return toWorkflowResource(row, input.steps);
  });
}

/** Name / description change in place; new steps make a new version (published jobs keep theirs). */
export async function updateWorkflow(
  db: DbOrTx,
  workspaceId: string,
  idOrSlug: string,
  raw: UpdateWorkflowInput,
  audit: WorkflowAuditContext = {},
): Promise<WorkflowResource> {
  const input = ZUpdateWorkflowInput.parse(raw);
  await screenHighRisk(db, input, 'workflow', {
    subject: 'workflow',
    workspaceId,
    workflow: idOrSlug,
    ...audit,
  });
  return db.transaction(async (tx) => {
    const current = await requireWorkflow(tx, workspaceId, idOrSlug, true);
    if (current.status === 'archived')
      throw new DomainError('workflow-read-only', 'This workflow is archived; it cannot be changed');
    const patch: Partial<typeof workflows.$inferInsert> = { updatedAt: new Date() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description ?? null;
    if (input.steps) {
      patch.latestVersion = current.latestVersion + 1;
      await tx
        .insert(workflowVersions)
        .values({ workflowId: current.id, version: patch.latestVersion, steps: input.steps });
    }
    const [row] = await tx.update(workflows).set(patch).where(eq(workflows.id, current.id)).returning();
    return toWorkflowResource(
      row!,
      input.steps ?? (await versionSteps(tx, current.id, current.latestVersion)),
    );
  });
}

async function publishVersion(tx: DbOrTx, row: WorkflowRow, version: number): Promise<WorkflowRow> {
  await tx
    .update(workflowVersions)
    .set({ publishedAt: new Date() })
    .where(and(eq(workflowVersions.workflowId, row.id), eq(workflowVersions.version, version)));
  const [updated] = await tx
    .update(workflows)
    .set({ status: 'published', publishedVersion: version, updatedAt: new Date() })
    .where(eq(workflows.id, row.id))
    .returning();
  return updated!;
}

export const ZPublishWorkflowInput = z.object({ version: z.number().int().min(1).optional() });

/** Makes `version` (default: the latest) the one new jobs run. Also un-archives. */
export async function publishWorkflow(
  db: DbOrTx,
  workspaceId: string,
  idOrSlug: string,
  raw: z.input<typeof ZPublishWorkflowInput> = {},
) {
  const input = ZPublishWorkflowInput.parse(raw);
  return db.transaction(async (tx) => {
    const current = await requireWorkflow(tx, workspaceId, idOrSlug, true);
    const version = input.version ?? current.latestVersion;
    if (version > current.latestVersion)
      throw new DomainError(
        'unknown-version',
        `Version ${version} does not exist (latest is ${current.latestVersion})`,
      );
    const row = await publishVersion(tx, current, version);
    return toWorkflowResource(row, await versionSteps(tx, row.id, row.latestVersion));
  });
}

/** Archived workflows accept no new jobs; running jobs finish. */
export async function archiveWorkflow(
  db: DbOrTx,
  workspaceId: string,
  idOrSlug: string,
): Promise<WorkflowResource> {
  const current = await requireWorkflow(db, workspaceId, idOrSlug);
  const [row] = await db
    .update(workflows)
    .set({ status: 'archived', updatedAt: new Date() })
    .where(eq(workflows.id, current.id))
    .returning();
  return toWorkflowResource(row!, await versionSteps(db, current.id, current.latestVersion));
}

/** Newest first; cursor = the id of the last workflow seen. */
export async function listWorkflows(db: DbOrTx, workspaceId: string, raw: ListWorkflowsInput = {}) {
  const input = ZListWorkflowsInput.parse(raw);
  const filters: (SQL | undefined)[] = [eq(workflows.workspaceId, workspaceId)];
  if (input.status) filters.push(eq(workflows.status, input.status));
  if (input.cursor) {
    const [c] = await db
      .select()
      .from(workflows)
      .where(and(eq(workflows.workspaceId, workspaceId), eq(workflows.id, input.cursor)));
    if (!c) throw new DomainError('invalid-cursor', 'Invalid cursor');
    filters.push(
      or(
        lt(workflows.createdAt, c.createdAt),
        and(eq(workflows.createdAt, c.createdAt), lt(workflows.id, c.id)),
      ),
    );
  }
  const rows = await db
    .select({ workflow: workflows, steps: workflowVersions.steps })
    .from(workflows)
    .innerJoin(
      workflowVersions,
      and(
        eq(workflowVersions.workflowId, workflows.id),
        eq(workflowVersions.version, workflows.latestVersion),
      ),
    )
    .where(and(...filters))
    .orderBy(desc(workflows.createdAt), desc(workflows.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => toWorkflowResource(r.workflow, r.steps as Step[]));
  return { items, next_cursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}

/** The published version's id and steps, for intake. */
export async function publishedVersion(db: DbOrTx, row: WorkflowRow) {
  if (row.publishedVersion === null) return null;
  const [v] = await db
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, row.id), eq(workflowVersions.version, row.publishedVersion)));
  return v ? { id: v.id, version: v.version, steps: v.steps as Step[] } : null;
}
