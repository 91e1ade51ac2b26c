'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Button, Field, Input, Select } from '@levqor/ui';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { JOB_STATUSES } from '../api-types';

export interface JobFilterValues {
  status: string;
  workflow: string;
  tag: string;
}

/** Status, workflow and tag filters; selects apply at once, the tag on Enter / "Apply". */
export function JobFilters({
  value,
  onChange,
}: {
  value: JobFilterValues;
  onChange: (next: JobFilterValues) => void;
}) {
  const trpc = useTRPC();
  const workflows = useQuery(trpc.workflows.list.queryOptions({ limit: 100 }));
  const [tag, setTag] = useState(value.tag);
  const slugs = new Set((workflows.data?.items ?? []).map((w) => w.slug));
  if (value.workflow) slugs.add(value.workflow);
  const active = value.status || value.workflow || value.tag;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onChange({ ...value, tag: tag.trim() });
  }

  return (
    <form className="toolbar" onSubmit={onSubmit} aria-label="Filter jobs">
      <Field label="Status" htmlFor="filter-status">
        <Select
          id="filter-status"
          value={value.status}
          onChange={(e) => onChange({ ...value, status: e.target.value })}
        >
          <option value="">All statuses</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Workflow" htmlFor="filter-workflow">
        <Select
          id="filter-workflow"
          value={value.workflow}
          onChange={(e) => onChange({ ...value, workflow: e.target.value })}
        >
          <option value="">All workflows</option>
          {[...slugs].sort().map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Tag" htmlFor="filter-tag">
        <Input id="filter-tag" value={tag} placeholder="any tag" onChange={(e) => setTag(e.target.value)} />
      </Field>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {active && (
        <Button
          variant="ghost"
          style={{ borderColor: 'transparent', color: 'var(--accent)' }}
          onClick={() => {
            setTag('');
            onChange({ status: '', workflow: '', tag: '' });
          }}
        >
          Clear filters
        </Button>
      )}
    </form>
  );
}
