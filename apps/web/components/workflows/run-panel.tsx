'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Button, Card, Field, Input, Select, Textarea } from '@levqor/ui';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { errorMessage, httpStatusOf, type Issue, issuesOf } from '../api-error';
import { type JobPriority, PRIORITIES, type Workflow } from '../api-types';
import { parseJson } from '../json-text';
import { jobHref } from '../links';
import { BudgetBanner } from '../usage/budget-banner';
import { useInvalidate } from '../use-invalidate';

const splitTags = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const messagesFor = (issues: Issue[], key: string) =>
  issues
    .filter((i) => i.path[0] === key)
    .map((i) => (i.path.length > 1 ? `${i.path.slice(1).join('.')}: ${i.message}` : i.message))
    .join(' ') || null;

/** Why a submission was refused, in words that say what to do next. */
function RefusalAlert({ error }: { error: unknown }) {
  const status = httpStatusOf(error);
  if (status === 402)
    return (
      <Alert kind="error">
        <strong>Over budget — the job was not submitted.</strong> {errorMessage(error)}{' '}
        <Link href="/dashboard/settings">Raise the budget</Link> or see{' '}
        <Link href="/dashboard/usage">usage</Link>.
      </Alert>
    );
  if (status === 422)
    return (
      <Alert kind="error">
        <strong>This workflow cannot run yet.</strong> {errorMessage(error)}
      </Alert>
    );
  return <Alert kind="error">{errorMessage(error)}</Alert>;
}

/** Submit a job of this workflow with a JSON payload; opens the new job's page. */
export function RunPanel({ workflow }: { workflow: Workflow }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidate = useInvalidate();
  const [payload, setPayload] = useState('{}');
  const [priority, setPriority] = useState<JobPriority>('normal');
  const [tags, setTags] = useState('');
  const parsed = useMemo(() => parseJson(payload), [payload]);
  const submit = useMutation(trpc.jobs.submit.mutationOptions());
  const { reset } = submit;
  // A refusal is about the workflow as it was: publishing, archiving or restoring it clears the message.
  useEffect(() => reset(), [workflow.published_version, workflow.status, reset]);
  const issues = issuesOf(submit.error);
  const unplaced = issues.some((i) => !['payload', 'priority', 'tags'].includes(String(i.path[0])));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!parsed.ok) return;
    try {
      const job = await submit.mutateAsync({
        workflow: workflow.slug,
        payload: parsed.value,
        priority,
        tags: splitTags(tags),
      });
      await invalidate('jobs', 'usage', 'dashboard');
      router.push(jobHref(job.id));
    } catch {
      // shown below from submit.error
    }
  }

  return (
    <Card title="Run">
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Run workflow" id="run">
        <BudgetBanner />
        {workflow.status === 'archived' ? (
          <Alert kind="info">Archived: this workflow accepts no new jobs until it is published again.</Alert>
        ) : workflow.published_version === null ? (
          <Alert kind="info">No version is published yet: publish one to run this workflow.</Alert>
        ) : (
          <p className="faint" style={{ margin: 0 }}>
            Runs the published version {workflow.published_version}
            {workflow.published_version !== workflow.version && ` (the latest is ${workflow.version})`}.
          </p>
        )}
        <Field
          label="Payload (JSON)"
          htmlFor="run-payload"
          hint="Available to steps as input, e.g. {{input.url}}."
          error={(parsed.ok ? null : parsed.error) ?? messagesFor(issues, 'payload')}
        >
          <Textarea
            id="run-payload"
            value={payload}
            spellCheck={false}
            aria-invalid={!parsed.ok}
            onChange={(e) => setPayload(e.target.value)}
          />
        </Field>
        <div className="grid-2" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))' }}>
          <Field label="Priority" htmlFor="run-priority" error={messagesFor(issues, 'priority')}>
            <Select
              id="run-priority"
              value={priority}
              onChange={(e) => setPriority(e.target.value as JobPriority)}
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Tags"
            htmlFor="run-tags"
            hint="Optional, comma-separated."
            error={messagesFor(issues, 'tags')}
          >
            <Input
              id="run-tags"
              value={tags}
              placeholder="e.g. nightly, team:ops"
              autoComplete="off"
              onChange={(e) => setTags(e.target.value)}
            />
          </Field>
        </div>
        {submit.error && (!issues.length || unplaced) && <RefusalAlert error={submit.error} />}
        <div>
          <Button type="submit" disabled={!parsed.ok || submit.isPending}>
            {submit.isPending ? 'Submitting…' : 'Run job'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
