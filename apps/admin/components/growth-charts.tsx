'use client';

import { BarChart, LineChart } from '@levqor/ui';

interface FunnelStep {
  step: string;
  label: string;
  users: number;
  rate: number;
}
interface CohortRow {
  cohort: string;
  size: number;
  active: number[];
  retention: number[];
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

export function FunnelChart({ steps }: { steps: FunnelStep[] }) {
  return (
    <BarChart
      label="Signup to first job to paid"
      data={steps.map((s) => ({
        label: s.label,
        value: s.users,
        title: `${s.label}: ${s.users} (${pct(s.rate)})`,
      }))}
      seriesLabel="Users"
      formatValue={(v) => String(Math.round(v))}
      integer
      testId="funnel-chart"
    />
  );
}

/** Retention curves, one per signup week: later cohorts are shorter, which draws the triangle. */
export function RetentionChart({ rows }: { rows: CohortRow[] }) {
  const weeks = Math.max(0, ...rows.map((r) => r.retention.length));
  return (
    <LineChart
      label="Weekly cohort retention (share active each week after signup)"
      categories={Array.from({ length: weeks }, (_, k) => ({ id: String(k), label: `Week ${k}` }))}
      series={rows.map((r) => ({ id: r.cohort, label: `${r.cohort} (${r.size})` }))}
      value={(k, cohort) => rows.find((r) => r.cohort === cohort)?.retention[Number(k)] ?? -1}
      formatValue={pct}
      testId="retention-chart"
    />
  );
}
