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
  /** A job id (or its start) or payload text. */
  q: string;
  /** YYYY-MM-DD, inclusive, in the viewer's time zone. */
  from: string;
  to: string;
}

export const NO_FILTERS: JobFilterValues = { status: '', workflow: '', tag: '', q: '', from: '', to: '' };

/** Search, status, workflow, tag and date filters; selects and dates apply at once, text on Enter / "Apply". */
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
  const [q, setQ] = useState(value.q);
  const slugs = new Set((workflows.data?.items ?? []).map((w) => w.slug));
  if (value.workflow) slugs.add(value.workflow);
  const active = Object.values(value).some(Boolean);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onChange({ ...value, tag: tag.trim(), q: q.trim() });
  }

  return (
    <form className="toolbar" onSubmit={onSubmit} aria-label="Filter jobs">
      <Field label="Search" htmlFor="filter-q">
        <Input
          id="filter-q"
          type="search"
          value={q}
          maxLength={200}
          placeholder="job id or payload text"
          onChange={(e) => setQ(e.target.value)}
        />
      </Field>
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
      <Field label="Created from" htmlFor="filter-from">
        <Input
          id="filter-from"
          type="date"
          value={value.from}
          max={value.to || undefined}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
      </Field>
      <Field label="Created to" htmlFor="filter-to">
        <Input
          id="filter-to"
          type="date"
          value={value.to}
          min={value.from || undefined}
          onChange={(e) => onChange({ ...value, to: e.target.value })}
        />
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
            setQ('');
            onChange(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      )}
    </form>
  );
}
