'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, Field, Input, Textarea } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useMemo, useState } from 'react';
import { errorMessage, type Issue, issuesOf } from '../api-error';
import type { Workflow } from '../api-types';
import { parseJson, prettyJson } from '../json-text';
import { workflowHref } from '../links';
import { UnsavedChangesGuard } from '../unsaved-changes-guard';
import { useInvalidate } from '../use-invalidate';
import { StepsEditor } from './steps-editor';

const FIELDS = ['slug', 'name', 'description', 'steps'];
const STARTER_STEPS = [{ id: 'echo', type: 'transform', expression: "{ 'echo': input }" }];

/** Messages for one top-level field (`slug`, `name`…), joined. */
const messagesFor = (issues: Issue[], key: string) =>
  issues
    .filter((i) => i.path[0] === key && i.path.length === 1)
    .map((i) => i.message)
    .join(' ') || null;

/** Create (no `workflow`) or edit a workflow; saving changed steps makes a new version. */
export function WorkflowForm({ workflow }: { workflow?: Workflow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidate();
  const [slug, setSlug] = useState(workflow?.slug ?? '');
  const [name, setName] = useState(workflow?.name ?? '');
  const [description, setDescription] = useState(workflow?.description ?? '');
  const [stepsText, setStepsText] = useState(prettyJson(workflow?.steps ?? STARTER_STEPS));
  const [saved, setSaved] = useState<string | null>(null);
  const parsed = useMemo(() => parseJson(stepsText), [stepsText]);

  const create = useMutation(trpc.workflows.create.mutationOptions());
  const update = useMutation(trpc.workflows.update.mutationOptions());
  const mutation = workflow ? update : create;
  const issues = issuesOf(mutation.error);
  const stepIssues = issues
    .filter((i) => i.path[0] === 'steps')
    .map((i) => ({ ...i, path: i.path.slice(1) }));
  const conflict = !workflow && mutation.error && !issues.length && /slug/i.test(mutation.error.message);
  const archived = workflow?.status === 'archived';

  const stepsChanged =
    !workflow || !parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(workflow.steps);
  const dirty = workflow
    ? stepsChanged || name !== workflow.name || (description || null) !== (workflow.description || null)
    : slug.trim() !== '' ||
      name.trim() !== '' ||
      description.trim() !== '' ||
      stepsText !== prettyJson(STARTER_STEPS);
  const canSubmit = !workflow || dirty;
  const canSave = parsed.ok && Array.isArray(parsed.value) && canSubmit && !mutation.isPending && !archived;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!canSave || !parsed.ok) return;
    setSaved(null);
    const steps = parsed.value as never;
    const desc = description.trim() || null;
    try {
      if (!workflow) {
        const created = await create.mutateAsync({ slug: slug.trim(), name, description: desc, steps });
        await invalidate('workflows');
        router.push(workflowHref(created.slug));
        return;
      }
      const updated = await update.mutateAsync({
        id: workflow.id,
        name,
        description: desc,
        ...(stepsChanged ? { steps } : {}),
      });
      await invalidate('workflows');
      setStepsText(prettyJson(updated.steps));
      setSaved(
        stepsChanged
          ? `Saved as version ${updated.version}. Publish it to run it.`
          : 'Saved name and description.',
      );
    } catch {
      // shown from mutation.error
    }
  }

  const stray = issues.filter((i) => !FIELDS.includes(String(i.path[0])));
  const generalError = mutation.error && !issues.length && !conflict ? errorMessage(mutation.error) : null;

  return (
    <Card title={workflow ? `Definition · version ${workflow.version}` : 'Definition'}>
      <UnsavedChangesGuard dirty={dirty && !mutation.isPending} what="this workflow" />
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Workflow definition">
        {archived && (
          <Alert kind="info">This workflow is archived. Publish it again to edit it and run new jobs.</Alert>
        )}
        <div className="grid-2">
          <Field
            label="Slug"
            htmlFor="workflow-slug"
            hint={workflow ? 'The slug cannot change.' : 'Used to submit jobs, e.g. "summarize-url".'}
            error={messagesFor(issues, 'slug') ?? (conflict ? errorMessage(mutation.error) : null)}
          >
            <Input
              id="workflow-slug"
              value={slug}
              disabled={!!workflow}
              placeholder="my-workflow"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setSlug(e.target.value)}
            />
          </Field>
          <Field label="Name" htmlFor="workflow-name" error={messagesFor(issues, 'name')}>
            <Input
              id="workflow-name"
              value={name}
              disabled={archived}
              placeholder="My workflow"
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
        </div>
        <Field label="Description" htmlFor="workflow-description" error={messagesFor(issues, 'description')}>
          <Textarea
            id="workflow-description"
            value={description}
            disabled={archived}
            style={{ minHeight: 60, fontFamily: 'inherit', fontSize: 14 }}
            onChange={(e) => setDescription(e.target.value)}
          />
        </Field>
        <StepsEditor
          text={stepsText}
          parsed={parsed}
          onChange={(t) => {
            setStepsText(t);
            setSaved(null);
          }}
          issues={stepIssues}
          disabled={archived}
        />
        {generalError && <Alert kind="error">{generalError}</Alert>}
        {issues.length > 0 && (
          <Alert kind="error">
            Not saved: fix the {issues.length === 1 ? 'problem' : `${issues.length} problems`} shown above.
            {stray.map((i) => (
              <div key={`${i.path.join('.')}:${i.message}`}>{i.message}</div>
            ))}
          </Alert>
        )}
        {saved && <Alert kind="ok">{saved}</Alert>}
        <div className="row">
          <Button type="submit" disabled={!canSave}>
            {mutation.isPending
              ? 'Saving…'
              : workflow
                ? stepsChanged
                  ? 'Save new version'
                  : 'Save'
                : 'Create workflow'}
          </Button>
          {workflow && !dirty && <span className="faint">No unsaved changes.</span>}
          {workflow && dirty && (
            <span className="faint" data-testid="unsaved">
              Unsaved changes.
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}
