'use client';

import { useCallback, useMemo, useState } from 'react';

/** Rows picked in the runs list, or "all jobs matching the filter" (a bulk action's selection). */
export interface JobSelection {
  ids: ReadonlySet<string>;
  /** Every job matching the current filter, not only the rows shown. */
  all: boolean;
  toggle(id: string): void;
  setMany(ids: string[], on: boolean): void;
  selectAll(): void;
  clear(): void;
}

export function useJobSelection(): JobSelection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const toggle = useCallback((id: string) => {
    setAll(false);
    setIds((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const setMany = useCallback((list: string[], on: boolean) => {
    setAll(false);
    setIds((prev) => {
      const next = new Set(prev);
      for (const id of list) on ? next.add(id) : next.delete(id);
      return next;
    });
  }, []);
  const selectAll = useCallback(() => setAll(true), []);
  const clear = useCallback(() => {
    setAll(false);
    setIds(new Set());
  }, []);
  return useMemo(
    () => ({ ids, all, toggle, setMany, selectAll, clear }),
    [ids, all, toggle, setMany, selectAll, clear],
  );
}
