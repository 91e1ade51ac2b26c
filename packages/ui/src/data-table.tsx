import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from './components';
import { TableScroll } from './table-scroll';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** e.g. `cell-wrap` for long text. */
  className?: string;
  /** The cell links here (no prefetch: list pages stay light on rate-limited consoles). */
  href?: (row: T) => string;
}

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
  testId,
  headless = false,
  framed = false,
}: {
  label: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** The empty state's title. */
  empty: string;
  testId?: string;
  /** No header row (a short list whose cells speak for themselves). */
  headless?: boolean;
  /** Put the empty state in a card (a table that stands on the page, not inside a card). */
  framed?: boolean;
}) {
  if (rows.length === 0)
    return framed ? (
      <div className="card">
        <EmptyState title={empty} />
      </div>
    ) : (
      <EmptyState title={empty} />
    );
  return (
    <TableScroll label={`${label} (scrolls sideways)`}>
      <table className="table" data-testid={testId} aria-label={label}>
        {!headless && (
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header}>{c.header}</th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
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
