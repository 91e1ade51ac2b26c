import { type DbOrTx, workflows, workflowVersions } from '@levqor/db';
import type { WorkflowDefinition } from './step-schema';

/** Every workspace starts with these. `demo.flow` echoes its input. */
export const STARTER_WORKFLOWS: (WorkflowDefinition & { publish: boolean })[] = [
  {
    slug: 'demo.flow',
    name: 'Demo: echo the input',
    description: 'A single transform step that returns its input unchanged. Try it with {"x": 1}.',
    steps: [{ id: 'echo', type: 'transform', expression: 'input' }],
    publish: true,
  },
  {
    slug: 'fetch-url',
    name: 'Fetch a URL',
    description: 'GETs {{input.url}} and returns the status and a short excerpt of the body.',
    steps: [
      {
        id: 'fetch',
        type: 'http',
        method: 'GET',
        url: '{{input.url}}',
        headers: {},
        body: null,
        timeout_ms: 10_000,
      },
      {
        id: 'shape',
        type: 'transform',
        expression:
          "{ 'status': steps.fetch.output.status, 'excerpt': $substring(steps.fetch.output.body, 0, 200) }",
      },
    ],
    publish: true,
  },
  {
    slug: 'summarize-url',
    name: 'Summarize a URL',
    description:
      'Fetches a page, summarizes it with an AI model, waits 5 minutes and emails the owner. Needs LEVQOR_AI_BASE_URL.',
    steps: [
      {
        id: 'fetch',
        type: 'http',
        method: 'GET',
        url: '{{input.url}}',
        headers: {},
        body: null,
        timeout_ms: 10_000,
      },
      {
        id: 'sum',
        type: 'ai',
        model: 'gpt-4o-mini',
        prompt: 'Summarize: {{steps.fetch.output.body}}',
        max_tokens: 300,
        max_input_tokens: 4_000,
      },
      { id: 'shape', type: 'transform', expression: "{ 'summary': steps.sum.output.text }" },
      { id: 'wait', type: 'delay', duration: '5m' },
      { id: 'tell', type: 'email', to: 'owner', subject: 'Done', body: '{{steps.sum.output.text}}' },
    ],
    publish: false,
  },
];

/** Idempotent: adds any starter workflow the workspace lacks (by slug). */
export async function ensureStarterWorkflows(db: DbOrTx, workspaceId: string): Promise<void> {
  for (const wf of STARTER_WORKFLOWS) {
    const [row] = await db
      .insert(workflows)
      .values({
        workspaceId,
        slug: wf.slug,
        name: wf.name,
        description: wf.description ?? null,
        status: wf.publish ? 'published' : 'draft',
        latestVersion: 1,
        publishedVersion: wf.publish ? 1 : null,
      })
      .onConflictDoNothing({ target: [workflows.workspaceId, workflows.slug] })
      .returning({ id: workflows.id });
    if (row) {
      await db.insert(workflowVersions).values({
        workflowId: row.id,
        version: 1,
        steps: wf.steps,
        publishedAt: wf.publish ? new Date() : null,
      });
    }
  }
}
