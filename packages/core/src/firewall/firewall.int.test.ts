import { and, eq, jobs, securityEvents, sql, workflowVersions } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventSender } from '../events/events';
import { submitJob } from '../jobs/submit-job';
import { hashPii } from '../security/pii-hash';
import { createWorkflow, getWorkflow, updateWorkflow } from '../workflows/manage-workflows';

const events: EventSender = { send: async () => {}, flush: async () => {} };
const db = testDb();

async function blockEvents(workspaceId: string) {
  return db
    .select()
    .from(securityEvents)
    .where(
      and(
        eq(securityEvents.type, 'firewall.blocked'),
        sql`${securityEvents.metadata}->>'workspace_id' = ${workspaceId}`,
      ),
    );
}

async function tenant() {
  const { user, workspace } = await makeUser();
  const wf = await createWorkflow(db, workspace.id, {
    slug: 'echo',
    name: 'Echo',
    steps: [{ id: 'echo', type: 'transform', expression: 'input' }],
    publish: true,
  });
  const submit = (payload: unknown) =>
    submitJob(
      db,
      { workspaceId: workspace.id, submittedBy: user.id, events, requestId: 'req-fw-1' },
      { workflow: wf.slug, payload },
    );
  return { user, workspace, submit };
}

const mode = process.env.LEVQOR_FIREWALL_MODE;
afterEach(() => {
  if (mode === undefined) delete process.env.LEVQOR_FIREWALL_MODE;
  else process.env.LEVQOR_FIREWALL_MODE = mode;
});

describe('firewall on workflow definitions', () => {
  it('refuses a definition with a high-risk term in any string of its steps, and logs it', async () => {
    const { user, workspace } = await makeUser();
    const err = await createWorkflow(
      db,
      workspace.id,
      {
        slug: 'triage',
        name: 'Triage',
        steps: [
          { id: 'fetch', type: 'http', url: 'https://api.example.com/x', headers: { 'x-note': 'fine' } },
          { id: 'shape', type: 'transform', expression: "{ 'note': 'summarise the Medical Records' }" },
        ],
      },
      { actor: user.id, requestId: 'req-wf-1' },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'UNPROCESSABLE',
      message:
        'High-risk medical data refused: the term "medical record" (category "medical") was found in workflow.steps[1].expression. Levqor does not process medical data; remove it and try again.',
      details: { category: 'medical', term: 'medical record', path: 'workflow.steps[1].expression' },
    });
    await expect(getWorkflow(db, workspace.id, 'triage')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [event] = await blockEvents(workspace.id);
    expect(event).toMatchObject({
      severity: 'warning',
      requestId: 'req-wf-1',
      actorHash: hashPii(user.id),
      metadata: {
        subject: 'workflow',
        category: 'medical',
        term: 'medical record',
        field: 'workflow.steps[1].expression',
        workflow: 'triage',
      },
    });
    expect(JSON.stringify(event)).not.toContain(user.id);
  });

  it('screens names, descriptions, headers and bodies too; and updates', async () => {
    const { workspace } = await makeUser();
    await expect(
      createWorkflow(db, workspace.id, {
        slug: 'a',
        name: 'Lawsuit intake',
        steps: [{ id: 't', type: 'transform', expression: '1' }],
      }),
    ).rejects.toMatchObject({ details: { category: 'legal', term: 'lawsuit', path: 'workflow.name' } });
    await expect(
      createWorkflow(db, workspace.id, {
        slug: 'b',
        name: 'B',
        steps: [
          {
            id: 'post',
            type: 'http',
            method: 'POST',
            url: 'https://x.example',
            body: { fields: ['name', 'SSN'] },
          },
        ],
      }),
    ).rejects.toMatchObject({
      details: { category: 'financial', term: 'ssn', path: 'workflow.steps[0].body.fields[1]' },
    });
    const ok = await createWorkflow(db, workspace.id, {
      slug: 'c',
      name: 'Track issues and pursue leads',
      description: 'Suede and tissue samples; the lawn; bankrupt-proof?',
      steps: [{ id: 't', type: 'transform', expression: "'please be patient'" }],
    });
    expect(ok.version).toBe(1);
    await expect(
      updateWorkflow(db, workspace.id, 'c', {
        steps: [{ id: 't', type: 'email', to: 'owner', subject: 'Your diagnosis', body: 'x' }],
      }),
    ).rejects.toMatchObject({ details: { path: 'workflow.steps[0].subject', term: 'diagnosis' } });
    const versions = await db.select().from(workflowVersions).where(eq(workflowVersions.workflowId, ok.id));
    expect(versions).toHaveLength(1);
    await expect(
      updateWorkflow(db, workspace.id, 'c', { description: 'They may sue.' }),
    ).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
    });
  });
});

describe('firewall on job payloads', () => {
  it('block: 422 naming category and term, no job written, the block logged without the payload', async () => {
    const { user, workspace, submit } = await tenant();
    const before = await db.select().from(jobs).where(eq(jobs.workspaceId, workspace.id));
    const err = await submit({ customer: { note: 'Card: see the Credit-Card Number field', id: 7 } }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({
      code: 'UNPROCESSABLE',
      details: { category: 'financial', term: 'credit card number', path: 'payload.customer.note' },
    });
    expect((err as Error).message).toContain('"credit card number" (category "financial")');
    const after = await db.select().from(jobs).where(eq(jobs.workspaceId, workspace.id));
    expect(after).toHaveLength(before.length);
    const [event] = await blockEvents(workspace.id);
    expect(event).toMatchObject({
      requestId: 'req-fw-1',
      actorHash: hashPii(user.id),
      metadata: { subject: 'job', category: 'financial', field: 'payload.customer.note', workflow: 'echo' },
    });
    expect(JSON.stringify(event)).not.toContain('Card: see');
  });

  it('accepts the known false positives', async () => {
    const { submit } = await tenant();
    const { job } = await submit({
      text: 'Issue #12: pursue the suede tissue order; mow the lawn; is it bankrupt-proof?',
      more: ['archive', 'please be patient', 'run diagnostics', 'SSN2'],
    });
    expect(job.status).toBe('queued');
    expect(job.warnings).toEqual([]);
  });

  it('warn: accepted, with a warning on the job naming category, term and place', async () => {
    process.env.LEVQOR_FIREWALL_MODE = 'legal:warn';
    const { submit } = await tenant();
    const { job } = await submit({ notes: ['ok', 'they may SUE us'] });
    expect(job.status).toBe('queued');
    expect(job.warnings).toEqual([
      'High-risk legal data: the term "sue" (category "legal") was found in payload.notes[1]; accepted because the category is in warn mode.',
    ]);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row!.warnings).toEqual(job.warnings);
    // Other categories still block.
    await expect(submit({ x: 'diagnosis' })).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('off: nothing screened', async () => {
    process.env.LEVQOR_FIREWALL_MODE = 'off';
    const { submit } = await tenant();
    expect((await submit({ x: 'lawsuit, SSN, diagnosis' })).job.warnings).toEqual([]);
  });

  it('a payload nested deeper than the screen reads is refused, not let through', async () => {
    const { submit } = await tenant();
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { d: deep };
    // Intake refuses it first (JSON_MAX_DEPTH = FIREWALL_MAX_DEPTH = 64)…
    await expect(submit(deep)).rejects.toMatchObject({
      name: 'ZodError',
      issues: [expect.objectContaining({ message: 'is nested more than 64 levels deep' })],
    });
    // …and a workflow definition beyond what the screen reads is refused by the screen.
    const { workspace } = await makeUser();
    await expect(
      createWorkflow(db, workspace.id, {
        slug: 'deep',
        name: 'Deep',
        steps: [{ id: 'post', type: 'http', method: 'POST', url: 'https://x.example', body: deep }],
      }),
    ).rejects.toMatchObject({ code: 'UNPROCESSABLE', message: expect.stringContaining('nested too deeply') });
  });
});
