import { CopyButton } from './copy-button';

/**
 * A dark code block with a Copy button; `title` names it (e.g. "Request", "Response"). `wrap` breaks
 * long lines (output) instead of scrolling (code).
 */
export function CodeBlock({
  code,
  title,
  copy = true,
  wrap = false,
}: {
  code: string;
  title?: string;
  copy?: boolean;
  wrap?: boolean;
}) {
  return (
    <figure className="code-block">
      {(title || copy) && (
        <figcaption className="code-block-bar">
          <span>{title}</span>
          {copy && <CopyButton text={code} className="code-block-copy" />}
        </figcaption>
      )}
      {/* Focusable: a long line scrolls sideways, and the keyboard must reach it (WCAG 2.1.1). */}
      <pre
        className={wrap ? 'code-block-wrap' : undefined}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls, so the keyboard must reach it
        tabIndex={0}
      >
        {code}
      </pre>
    </figure>
  );
}
