'use client';

import { Pagination } from '@levqor/ui';
import { useCallback, useState } from 'react';

/**
 * Page-by-page navigation over a cursor-paginated list: remembers the cursors of the pages seen so
 * "Previous" works. Key the component by its filters to start again from page 1 when they change.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const cursor = stack[stack.length - 1] ?? null;
  const next = useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  return { cursor, page: stack.length, hasPrevious: stack.length > 1, next, previous };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/** Previous / Next under a list whose page came back with `nextCursor`. */
export function CursorPager({
  pages,
  nextCursor,
  busy,
}: {
  pages: CursorPages;
  nextCursor: string | null;
  busy: boolean;
}) {
  return (
    <Pagination
      page={pages.page}
      hasPrevious={pages.hasPrevious}
      hasNext={!!nextCursor}
      onPrevious={pages.previous}
      onNext={() => nextCursor && pages.next(nextCursor)}
      busy={busy}
    />
  );
}
