import { Button } from './components';

export interface PaginationProps {
  /** 1-based page number. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
}

/** Previous / next for cursor-paginated lists (no totals: cursors do not know them). */
export function Pagination({ page, hasPrevious, hasNext, onPrevious, onNext, busy }: PaginationProps) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pagination" aria-label="Pagination">
      <Button variant="secondary" onClick={onPrevious} disabled={!hasPrevious || busy}>
        ← Previous
      </Button>
      <span className="faint">Page {page}</span>
      <Button variant="secondary" onClick={onNext} disabled={!hasNext || busy}>
        Next →
      </Button>
    </nav>
  );
}
