import { formatJson } from './format';

/** Read-only pretty JSON. With `summary`, it starts collapsed behind a disclosure. */
export function JsonView({
  value,
  summary,
  open = false,
  maxHeight = 360,
}: {
  value: unknown;
  summary?: string;
  open?: boolean;
  maxHeight?: number;
}) {
  const pre = (
    <pre
      className="json-view"
      style={{ maxHeight }}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls, so the keyboard must reach it
      tabIndex={0}
    >
      {formatJson(value)}
    </pre>
  );
  if (!summary) return pre;
  return (
    <details className="disclosure" open={open}>
      <summary>{summary}</summary>
      {pre}
    </details>
  );
}
