import type { workflows } from '@levqor/db';
import { workflowStatus } from '@levqor/db';
import { z } from 'zod';
import { type Step, ZStep } from './step-schema';

type WorkflowRow = typeof workflows.$inferSelect;

/** The public workflow resource (REST and dashboard alike; snake_case is the API contract). */
export const ZWorkflowResource = z
  .object({
    id: z.string().meta({ example: 'wf_3kT9abcdEFGH1234ijkl' }),
    slug: z.string().meta({ example: 'summarize-url' }),
    name: z.string(),
    description: z.string().nullable(),
    status: z.enum(workflowStatus.enumValues),
    version: z.number().int().describe('Latest saved version'),
    published_version: z.number().int().nullable().describe('The version new jobs run'),
    steps: z.array(ZStep),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Workflow' });
export type WorkflowResource = z.infer<typeof ZWorkflowResource>;

export const ZWorkflowPage = z.object({
  items: z.array(ZWorkflowResource),
  next_cursor: z.string().nullable(),
});

export function toWorkflowResource(row: WorkflowRow, steps: Step[]): WorkflowResource {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    status: row.status,
    version: row.latestVersion,
    published_version: row.publishedVersion,
    steps,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
