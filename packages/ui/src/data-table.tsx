import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from './components';
import { TableScroll } from './table-scroll';

export interface Column<T> {
  /** The column's name; unique within the table (it keys the cells). */
  header: string;
  /** Name the column for assistive technology only (e.g. "Actions" over a column of buttons). */
  hideHeader?: boolean;
  cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures (counts, money, durations). */
  numeric?: boolean;
  /** e.g. `cell-wrap` for long text. */
  className?: string;
  /** The cell links here (no prefetch: list pages stay light on rate-limited consoles). */
  href?: (row: T) => string;
}

const cellClass = <T,>(c: Column<T>) =>
  [c.numeric && 'num', c.className].filter(Boolean).join(' ') || undefined;

/**
 * A table of rows with its columns, scrolling sideways inside its box, or an empty state when there are
 * no rows. `label` names the table (and the scroll region) for assistive technology.
 */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowKey,
  empty,
  emptyDetail,
  testId,
  rowTestId,
  headless = false,
  framed = false,
  compact = false,
}: {
  label: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** The empty state's title. */
  empty: string;
  /** Said under the empty state's title. */
  emptyDetail?: ReactNode;
  testId?: string;
  /** A test id on each row. */
  rowTestId?: (row: T) => string;
  /** No header row (a short list whose cells speak for themselves). */
  headless?: boolean;
  /** Put the empty state in a card (a table that stands on the page, not inside a card). */
  framed?: boolean;
  /** Tighter cells, for long logs. */
  compact?: boolean;
}) {
  if (rows.length === 0) {
    const state = <EmptyState title={empty}>{emptyDetail}</EmptyState>;
    return framed ? <div className="card">{state}</div> : state;
  }
  return (
    <TableScroll label={`${label} (scrolls sideways)`}>
      <table className={compact ? 'table table-compact' : 'table'} data-testid={testId} aria-label={label}>
        {!headless && (
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className={cellClass(c)}>
                  {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
              {columns.map((c) => (
                <td key={c.header} className={cellClass(c)}>
                  {c.href ? (
                    <Link prefetch={false} href={c.href(row)}>
                      {c.cell(row)}
                    </Link>
                  ) : (
                    c.cell(row)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
