import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { newId } from '../ids';
import { workspaces } from './workspaces';

export const workflowStatus = pgEnum('workflow_status', ['draft', 'published', 'archived']);

export const workflows = pgTable(
  'workflows',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('wf')),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: workflowStatus('status').notNull().default('draft'),
    /** Latest saved version (drafts included). */
    latestVersion: integer('latest_version').notNull().default(1),
    /** The version new jobs run; null until first published. */
    publishedVersion: integer('published_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('workflows_workspace_slug_uq').on(t.workspaceId, t.slug),
    index('workflows_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** Immutable step lists; a job points at the version it was submitted against. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => newId('wfv')),
    workflowId: text('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    steps: jsonb('steps').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('workflow_versions_uq').on(t.workflowId, t.version),
    // The target of jobs' (workflow_version_id, workflow_id) foreign key.
    uniqueIndex('workflow_versions_id_workflow_uq').on(t.id, t.workflowId),
  ],
);
