import type { workflows } from '@levqor/db';
import type { Step } from './step-schema';

type WorkflowRow = typeof workflows.$inferSelect;

/** The public workflow resource (REST and dashboard alike; snake_case is the API contract). */
export interface WorkflowResource {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  status: 'draft' | 'published' | 'archived';
  version: number;
  published_version: number | null;
  steps: Step[];
  created_at: string;
  updated_at: string;
}

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
