import {
  archiveWorkflow,
  createWorkflow,
  diffWorkflowVersions,
  getWorkflow,
  getWorkflowVersion,
  listWorkflows,
  listWorkflowVersions,
  publishWorkflow,
  updateWorkflow,
  ZCreateWorkflowInput,
  ZListWorkflowsInput,
  ZListWorkflowVersionsInput,
  ZPublishWorkflowInput,
  ZUpdateWorkflowInput,
  ZWorkflowDiff,
  ZWorkflowPage,
  ZWorkflowResource,
  ZWorkflowVersion,
  ZWorkflowVersionSummary,
} from '@levqor/core';
import { z } from 'zod';
import { rest } from '../openapi-meta';
import { createTRPCRouter, workspaceProcedure } from '../trpc';

const ZRef = z.object({ id: z.string().min(1).max(100).describe('Workflow id (wf_…) or slug') });
const TAG = 'Workflows';
const ZVersionNumber = z.number().int().min(1).max(1_000_000);

export const workflowsRouter = createTRPCRouter({
  list: workspaceProcedure
    .meta(
      rest('GET', '/workflows', {
        scope: 'workflows:read',
        tag: TAG,
        summary: 'List workflows',
        errors: [400],
      }),
    )
    .input(ZListWorkflowsInput)
    .output(ZWorkflowPage)
    .query(({ ctx, input }) => listWorkflows(ctx.db, ctx.workspaceId, input)),
  get: workspaceProcedure
    .meta(
      rest('GET', '/workflows/{id}', {
        scope: 'workflows:read',
        tag: TAG,
        summary: 'Get a workflow',
        errors: [404],
      }),
    )
    .input(ZRef)
    .output(ZWorkflowResource)
    .query(({ ctx, input }) => getWorkflow(ctx.db, ctx.workspaceId, input.id)),
  create: workspaceProcedure
    .meta(
      rest('POST', '/workflows', {
        scope: 'workflows:write',
        tag: TAG,
        summary: 'Create a workflow',
        errors: [400, 409, 413, 415, 422],
      }),
    )
    .input(ZCreateWorkflowInput)
    .output(ZWorkflowResource)
    .mutation(({ ctx, input }) =>
      createWorkflow(ctx.db, ctx.workspaceId, input, { actor: ctx.actor, requestId: ctx.requestId }),
    ),
  update: workspaceProcedure
    .meta(
      rest('PATCH', '/workflows/{id}', {
        scope: 'workflows:write',
        tag: TAG,
        summary: 'Update a workflow',
        description:
          'New steps create a new version; jobs keep running the published one until you publish again.',
        errors: [400, 404, 409, 413, 415, 422],
      }),
    )
    .input(ZRef.extend(ZUpdateWorkflowInput.shape))
    .output(ZWorkflowResource)
    .mutation(({ ctx, input: { id, ...patch } }) =>
      updateWorkflow(ctx.db, ctx.workspaceId, id, patch, { actor: ctx.actor, requestId: ctx.requestId }),
    ),
  publish: workspaceProcedure
    .meta(
      rest('POST', '/workflows/{id}/publish', {
        scope: 'workflows:write',
        tag: TAG,
        summary: 'Publish a version',
        errors: [400, 404, 415],
      }),
    )
    .input(ZRef.extend(ZPublishWorkflowInput.shape))
    .output(ZWorkflowResource)
    .mutation(({ ctx, input: { id, ...rest } }) => publishWorkflow(ctx.db, ctx.workspaceId, id, rest)),
  archive: workspaceProcedure
    .input(ZRef)
    .output(ZWorkflowResource)
    .mutation(({ ctx, input }) => archiveWorkflow(ctx.db, ctx.workspaceId, input.id)),
  /** The version history, newest first (the editor's "History"). */
  versions: workspaceProcedure
    .input(ZRef.extend(ZListWorkflowVersionsInput.shape))
    .output(z.array(ZWorkflowVersionSummary))
    .query(({ ctx, input: { id, ...input } }) =>
      listWorkflowVersions(ctx.db, { workspaceId: ctx.workspaceId, workflow: id, input }),
    ),
  version: workspaceProcedure
    .input(ZRef.extend({ version: ZVersionNumber }))
    .output(ZWorkflowVersion)
    .query(({ ctx, input }) =>
      getWorkflowVersion(ctx.db, {
        workspaceId: ctx.workspaceId,
        workflow: input.id,
        version: input.version,
      }),
    ),
  /** What changed between two versions, step by step. */
  diff: workspaceProcedure
    .input(ZRef.extend({ from: ZVersionNumber, to: ZVersionNumber }))
    .output(ZWorkflowDiff)
    .query(({ ctx, input }) =>
      diffWorkflowVersions(ctx.db, {
        workspaceId: ctx.workspaceId,
        workflow: input.id,
        from: input.from,
        to: input.to,
      }),
    ),
});
