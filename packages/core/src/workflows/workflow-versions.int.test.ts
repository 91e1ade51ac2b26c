import { makeUser, testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import type { EventSender } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import { createWorkflow, getWorkflow, publishWorkflow, updateWorkflow } from './manage-workflows';
import { diffWorkflowVersions, getWorkflowVersion, listWorkflowVersions } from './workflow-versions';

const events: EventSender = { send: async () => {}, flush: async () => {} };

describe('workflow versions: history, diff and publishing an earlier version again', () => {
  it('lists versions newest first, diffs two of them, and rolls back by publishing v1 again', async () => {
    const { user, workspace } = await makeUser({ label: 'versions' });
    const other = await makeUser({ label: 'versions-other' });
    const slug = `greet-${Date.now().toString(36)}`;
    const ws = { workspaceId: workspace.id, workflow: slug };
    await createWorkflow(testDb(), workspace.id, {
      slug,
      name: 'Greet',
      steps: [{ id: 'greet', type: 'transform', expression: "'hello ' & input.name" }],
      publish: true,
    });
    await updateWorkflow(testDb(), workspace.id, slug, {
      steps: [
        { id: 'greet', type: 'transform', expression: "'hi ' & input.name" },
        { id: 'pause', type: 'delay', duration: '5s' },
      ],
    });
    await updateWorkflow(testDb(), workspace.id, slug, {
      steps: [{ id: 'pause', type: 'delay', duration: '10s' }],
    });
    await publishWorkflow(testDb(), workspace.id, slug, { version: 3 });

    const history = await listWorkflowVersions(testDb(), ws);
    expect(history.map((v) => [v.version, v.current, v.latest, v.step_ids])).toEqual([
      [3, true, true, ['pause']],
      [2, false, false, ['greet', 'pause']],
      [1, false, false, ['greet']],
    ]);
    expect(history[1]!.published_at).toBeNull();
    expect(history[2]!.published_at).not.toBeNull();
    expect(
      (await listWorkflowVersions(testDb(), { ...ws, input: { before: 2, limit: 1 } })).map((v) => v.version),
    ).toEqual([2]);

    const diff = await diffWorkflowVersions(testDb(), { ...ws, from: 1, to: 3 });
    expect(diff.steps.map((s) => [s.id, s.change])).toEqual([
      ['pause', 'added'],
      ['greet', 'removed'],
    ]);
    const diff12 = await diffWorkflowVersions(testDb(), { ...ws, from: 1, to: 2 });
    expect(diff12.steps[0]).toMatchObject({
      id: 'greet',
      change: 'changed',
      fields: [{ field: 'expression', before: "'hello ' & input.name", after: "'hi ' & input.name" }],
    });
    expect((await getWorkflowVersion(testDb(), { ...ws, version: 2 })).steps).toHaveLength(2);

    // Roll back: version 1 is published again, new jobs run it, and the latest version stays 3.
    const rolledBack = await publishWorkflow(testDb(), workspace.id, slug, { version: 1 });
    expect(rolledBack).toMatchObject({ published_version: 1, version: 3, status: 'published' });
    const { job } = await submitJob(
      testDb(),
      { workspaceId: workspace.id, submittedBy: user.id, events },
      { workflow: slug, payload: { name: 'Ada' } },
    );
    expect(job.workflow_version).toBe(1);
    expect((await listWorkflowVersions(testDb(), ws)).find((v) => v.current)?.version).toBe(1);
    expect((await getWorkflow(testDb(), workspace.id, slug)).published_version).toBe(1);

    // Another workspace sees none of it.
    await expect(
      listWorkflowVersions(testDb(), { workspaceId: other.workspace.id, workflow: slug }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getWorkflowVersion(testDb(), { ...ws, version: 9 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Version 9 not found',
    });
  });
});
