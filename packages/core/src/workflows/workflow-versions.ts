import { and, type DbOrTx, desc, eq, lte, workflowVersions } from '@levqor/db';
import { z } from 'zod';
import { DomainError } from '../errors';
import { diffSteps, ZStepChange } from './diff-steps';
import { findWorkflowRow } from './manage-workflows';
import { type Step, ZStep } from './step-schema';

export const ZWorkflowVersionSummary = z
  .object({
    version: z.number().int(),
    steps: z.number().int().describe('Number of steps'),
    step_ids: z.array(z.string()),
    created_at: z.string(),
    /** When it was last made the published version; null if it never was. */
    published_at: z.string().nullable(),
    /** The version new jobs run now. */
    current: z.boolean(),
    latest: z.boolean(),
  })
  .meta({ id: 'WorkflowVersionSummary' });
export type WorkflowVersionSummary = z.infer<typeof ZWorkflowVersionSummary>;

export const ZListWorkflowVersionsInput = z.object({
  /** Versions at or below this one (paging back through a long history); default the latest. */
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const ZWorkflowVersion = z
  .object({
    version: z.number().int(),
    steps: z.array(ZStep),
    created_at: z.string(),
    published_at: z.string().nullable(),
  })
  .meta({ id: 'WorkflowVersion' });
export type WorkflowVersion = z.infer<typeof ZWorkflowVersion>;

export const ZWorkflowDiff = z
  .object({ from: z.number().int(), to: z.number().int(), steps: z.array(ZStepChange) })
  .meta({ id: 'WorkflowDiff' });
export type WorkflowDiff = z.infer<typeof ZWorkflowDiff>;

async function requireWorkflowRow(db: DbOrTx, workspaceId: string, workflow: string) {
  const row = await findWorkflowRow(db, workspaceId, workflow);
  if (!row) throw new DomainError('not-found', 'Workflow not found');
  return row;
}

/** A workflow's versions, newest first (the workspace's own workflows only). */
export async function listWorkflowVersions(
  db: DbOrTx,
  options: { workspaceId: string; workflow: string; input?: z.input<typeof ZListWorkflowVersionsInput> },
): Promise<WorkflowVersionSummary[]> {
  const input = ZListWorkflowVersionsInput.parse(options.input ?? {});
  const row = await requireWorkflowRow(db, options.workspaceId, options.workflow);
  const rows = await db
    .select()
    .from(workflowVersions)
    .where(
      and(
        eq(workflowVersions.workflowId, row.id),
        lte(workflowVersions.version, input.before ?? row.latestVersion),
      ),
    )
    .orderBy(desc(workflowVersions.version))
    .limit(input.limit);
  return rows.map((v) => {
    const steps = v.steps as Step[];
    return {
      version: v.version,
      steps: steps.length,
      step_ids: steps.map((s) => s.id),
      created_at: v.createdAt.toISOString(),
      published_at: v.publishedAt?.toISOString() ?? null,
      current: v.version === row.publishedVersion,
      latest: v.version === row.latestVersion,
    };
  });
}

async function versionRow(db: DbOrTx, workflowId: string, version: number) {
  const [v] = await db
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
  if (!v) throw new DomainError('not-found', `Version ${version} not found`);
  return v;
}

/** One version's steps. */
export async function getWorkflowVersion(
  db: DbOrTx,
  options: { workspaceId: string; workflow: string; version: number },
): Promise<WorkflowVersion> {
  const row = await requireWorkflowRow(db, options.workspaceId, options.workflow);
  const v = await versionRow(db, row.id, options.version);
  return {
    version: v.version,
    steps: v.steps as Step[],
    created_at: v.createdAt.toISOString(),
    published_at: v.publishedAt?.toISOString() ?? null,
  };
}

/** What changed from version `from` to version `to`, step by step and field by field. */
export async function diffWorkflowVersions(
  db: DbOrTx,
  options: { workspaceId: string; workflow: string; from: number; to: number },
): Promise<WorkflowDiff> {
  const row = await requireWorkflowRow(db, options.workspaceId, options.workflow);
  const [a, b] = await Promise.all([
    versionRow(db, row.id, options.from),
    versionRow(db, row.id, options.to),
  ]);
  return {
    from: options.from,
    to: options.to,
    steps: diffSteps(a.steps as Step[] as never, b.steps as Step[] as never),
  };
}
