import { formatCents } from './format';

/** An amount of USD cents, formatted; the exact figure in cents is in the tooltip. */
export function Cents({ value, testId }: { value: number | null | undefined; testId?: string }) {
  return (
    <span className="nowrap" title={value == null ? undefined : `${value} US cents`} data-testid={testId}>
      {formatCents(value)}
    </span>
  );
}
