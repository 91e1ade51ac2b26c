import type { ReactNode } from 'react';

/** Label / value pairs laid out as a grid. */
export function DescriptionList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="dl">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One headline number with a label and an optional hint. */
export function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      {hint && <div className="faint">{hint}</div>}
    </div>
  );
}

export interface TimelineItem {
  id: string;
  time: ReactNode;
  title: ReactNode;
  body?: ReactNode;
  tone?: 'ok' | 'danger' | 'warn' | 'accent';
}

/** A vertical list of dated entries (e.g. a job's events). */
export function Timeline({ items, label }: { items: TimelineItem[]; label: string }) {
  return (
    <ol className="timeline" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className={item.tone ? `timeline-${item.tone}` : undefined}>
          <div className="timeline-head">
            <span className="timeline-title">{item.title}</span>
            <span className="faint">{item.time}</span>
          </div>
          {item.body && <div className="timeline-body">{item.body}</div>}
        </li>
      ))}
    </ol>
  );
}
