import type { CSSProperties, ReactNode } from 'react';

/**
 * A wide table scrolls inside this box instead of widening the page. It is a labelled group the keyboard
 * can focus, so it can be scrolled without a mouse (axe: scrollable-region-focusable).
 */
export function TableScroll({
  label,
  children,
  className,
  style,
}: {
  label: string;
  children: ReactNode;
  className?: string;
  style?: CSSProperties;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a named group around a table, not a form's fieldset
    <div
      className={['table-scroll', className].filter(Boolean).join(' ')}
      role="group"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      style={style}
    >
      {children}
    </div>
  );
}
